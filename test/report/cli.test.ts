// The report commands end to end through the built CLI (dist/, built by `npm test` first):
// run → report.{json,md,html}; `report` re-renders byte-identical files; keygen → signoff --key →
// verify exits 0; editing a number exits 1 naming the digest; unreadable input exits 2.

import { copyFileSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectCleanError, runCli, tempDir } from "../helpers/cli.js";

let dir: string;
let reportDir: string;

beforeAll(() => {
  dir = tempDir();
  const r = runCli(["run", "--repeats", "3", "--quiet"], { cwd: dir });
  if (r.code !== 0) throw new Error(`run failed (${r.code}): ${r.stderr}`);
  reportDir = join(dir, "reports", readdirSync(join(dir, "reports"))[0]!);
}, 120_000);

describe("repro-audit run + report", () => {
  it("writes report.json, report.md and report.html; the checklist has every item, the manual one pending", () => {
    for (const f of ["report.json", "report.md", "report.html"]) expect(existsSync(join(reportDir, f)), f).toBe(true);
    const report = JSON.parse(readFileSync(join(reportDir, "report.json"), "utf8"));
    expect(report.checklist).toHaveLength(21);
    for (const item of report.checklist) expect(["pass", "n/a", "pending"]).toContain(item.status);
    expect(report.checklist.filter((i: { status: string }) => i.status === "pending").map((i: { id: string }) => i.id)).toEqual(["reporting.hardware-assumptions"]);
    expect(readFileSync(join(reportDir, "report.md"), "utf8")).toContain("**awaiting sign-off**");
  });

  it("`report` re-renders byte-identical files, twice", () => {
    const first = ["report.md", "report.html"].map((f) => readFileSync(join(reportDir, f)));
    for (let i = 0; i < 2; i++) {
      const r = runCli(["report", join(reportDir, "report.json")]);
      expect(r.code, r.stderr).toBe(0);
      ["report.md", "report.html"].forEach((f, k) => expect(readFileSync(join(reportDir, f)).equals(first[k]!), f).toBe(true));
    }
    const out = tempDir();
    expect(runCli(["report", join(reportDir, "report.json"), "--format", "md", "--out-dir", out]).code).toBe(0);
    expect(readdirSync(out)).toEqual(["report.md"]);
  });

  it("rejects an unknown format and an unreadable report with exit 2", () => {
    expectCleanError(runCli(["report", join(reportDir, "report.json"), "--format", "pdf"]));
    expectCleanError(runCli(["report", join(dir, "missing.json")]));
  });
});

describe("keygen → signoff → verify", () => {
  it("signs, verifies with the public key, and catches an edited number", () => {
    const work = tempDir();
    const report = join(work, "report.json");
    copyFileSync(join(reportDir, "report.json"), report);
    const prefix = join(work, "ada");
    expect(runCli(["keygen", "--out", prefix]).code).toBe(0);
    expect(statSync(`${prefix}.private.pem`).mode & 0o077).toBe(0);
    expectCleanError(runCli(["keygen", "--out", prefix])); // never overwrites

    const s = runCli(["signoff", report, "--by", "Ada", "--role", "reviewer", "--item", "reporting.hardware-assumptions", "--status", "pass", "--note", "README §3", "--key", `${prefix}.private.pem`]);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain("status: reproducible");
    expect(readFileSync(join(work, "report.md"), "utf8")).toContain("signed off pass by Ada");

    const ok = runCli(["verify", report, "--pub", `${prefix}.public.pem`]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^valid/);

    const text = readFileSync(report, "utf8");
    const edited = text.replace(/"finalAccuracy": ([0-9.]+)/, (_m, v: string) => `"finalAccuracy": ${Number(v) / 2}`);
    expect(edited).not.toBe(text);
    writeFileSync(report, edited);
    const bad = runCli(["verify", report]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/sign-off 1 \(by "Ada".*reportDigest [0-9a-f]{64} no longer matches the report's digest [0-9a-f]{64}/);
  });

  it("refuses to sign off an automatic item (exit 2) and reports unreadable files with exit 2", () => {
    const work = tempDir();
    const report = join(work, "report.json");
    copyFileSync(join(reportDir, "report.json"), report);
    expectCleanError(runCli(["signoff", report, "--by", "A", "--item", "env.runtime", "--status", "pass"]));
    expectCleanError(runCli(["signoff", report, "--by", "A", "--item", "reporting.hardware-assumptions", "--status", "maybe"]));
    writeFileSync(join(work, "junk.json"), "{ not json");
    expectCleanError(runCli(["verify", join(work, "junk.json")]));
    expectCleanError(runCli(["verify", join(work, "nope.json")]));
  });
});

describe("repro-audit checklist", () => {
  it("lists the items, and names an unknown evaluator in a custom checklist (exit 2)", () => {
    const list = runCli(["checklist"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("reporting.hardware-assumptions");
    const custom = join(tempDir(), "lab.yaml");
    writeFileSync(custom, "schema: repro-audit/checklist@1\nid: lab\ntitle: Lab\nsections:\n  - id: s\n    title: S\n    items:\n      - {id: a, text: t, why: w, hint: h, evaluator: env.telepathy}\n");
    const r = runCli(["checklist", "--checklist", custom]);
    expectCleanError(r);
    expect(r.stderr).toContain('"env.telepathy"');
    const evaluated = runCli(["checklist", join(reportDir, "report.json"), "--json"]);
    expect(evaluated.code).toBe(0);
    expect(JSON.parse(evaluated.stdout)).toHaveLength(21);
  });
});

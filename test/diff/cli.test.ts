// `repro-audit diff` end to end: real reports made by the built CLI in a temp dir (beforeAll),
// diffed by the CLI as a child process; asserts exit codes, stdout and stderr. Covers the issue's
// "done when": env-variable-only differences are identical and listed exactly; a fault at epoch 2
// is located at epoch 2; different seeds are refused without --allow-config-change; bad input exits 2.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { DiffResult } from "../../src/audit/diff/model.js";
import { CLI, ROOT, expectCleanError, runCli, tempDir } from "../helpers/cli.js";

let dir: string;
const reports: Record<string, string> = {};

/** Runs `run` with a controlled environment: no inherited locale/time-zone/numerics variables. */
function makeReport(name: string, args: string[], extra: Record<string, string> = {}): void {
  const cwd = join(dir, name);
  mkdirSync(cwd);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(TZ|LANG|LANGUAGE|LC_.*|OMP_.*|REPRO_AUDIT_TEST_FAULT)$/.test(k)) env[k] = v;
  const r = spawnSync(process.execPath, [CLI, "run", "--repeats", "2", "--quiet", ...args], { cwd, env: { ...env, LANG: "C.UTF-8", NO_COLOR: "1", ...extra }, encoding: "utf8" });
  if (r.status !== 0 && r.status !== 1) throw new Error(`run failed (${r.status}): ${r.stderr}`);
  const [id] = readdirSync(join(cwd, "reports"));
  reports[name] = join(cwd, "reports", id!, "report.json");
}

beforeAll(() => {
  dir = tempDir("repro-audit-diff-");
  makeReport("base", []);
  makeReport("env", [], { TZ: "Asia/Tokyo", LANG: "de_DE.UTF-8" });
  makeReport("fault", [], { REPRO_AUDIT_TEST_FAULT: "weights@repeat=1,epoch=2" });
  makeReport("seed", ["--seed", "1"]);
}, 120_000);

const json = (stdout: string) => JSON.parse(stdout) as DiffResult;

describe("repro-audit diff", () => {
  it("two runs under different TZ and LANG are identical, and only those variables are listed", () => {
    const r = runCli(["diff", reports["base"]!, reports["env"]!, "--json"]);
    expect(r.code).toBe(0);
    const d = json(r.stdout);
    expect(d.verdict).toBe("identical");
    const c = d.comparisons[0]!;
    const env = c.sections.filter((s) => s.group === "environment" || s.group === "tool");
    expect(env.find((s) => s.id === "variables")!.differences.map((x) => [x.key, x.a, x.b])).toEqual([
      ["LANG", "C.UTF-8", "de_DE.UTF-8"],
      ["TZ", null, "Asia/Tokyo"],
    ]);
    expect(env.filter((s) => s.id !== "variables").flatMap((s) => s.differences)).toEqual([]);
    expect(c.likelyCauses).toEqual([]);
    const text = runCli(["diff", reports["base"]!, reports["env"]!]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Environment variables: 2 differences\n\s+LANG\s+A: C\.UTF-8\n\s+B: de_DE\.UTF-8\n\s+TZ\s+A: unset\n\s+B: Asia\/Tokyo/);
    expect(text.stdout).toMatch(/Verdict: identical\n$/);
    expect(text.stdout).not.toContain("\u001b["); // not a TTY: no colour
  });

  it("a repeat perturbed at epoch 2 is different, with the first divergence at epoch 2 (weights)", () => {
    const r = runCli(["diff", reports["base"]!, reports["fault"]!, "--json"]);
    expect(r.code).toBe(1);
    const c = json(r.stdout).comparisons[0]!;
    expect(c.verdict).toBe("different");
    expect(c.firstDivergence).toMatchObject({ repeat: 1, epoch: 2, step: null, field: "weights" });
    const text = runCli(["diff", reports["base"]!, reports["fault"]!]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("first divergence at epoch 2: batch order and RNG state agree; the weights are the first hash to differ");
  });

  it("a wide tolerance makes the perturbed run equivalent (TOST), exit 0", () => {
    const r = runCli(["diff", reports["base"]!, reports["fault"]!, "--json", "--tolerance", "1e-3"]);
    expect(r.code).toBe(0);
    const c = json(r.stdout).comparisons[0]!;
    expect(c.verdict).toBe("equivalent");
    expect(c.metrics.find((m) => m.name === "finalLoss")).toMatchObject({ method: "tost", equivalent: true });
  });

  it("different seeds are refused (exit 2, listing the field) unless --allow-config-change", () => {
    const r = runCli(["diff", reports["base"]!, reports["seed"]!]);
    expectCleanError(r);
    expect(r.stderr).toContain("different experiments or configs");
    expect(r.stderr).toContain("seed: 42 (default) vs 1 (flag)");
    expect(r.stderr).toContain("--allow-config-change");
    const ok = runCli(["diff", reports["base"]!, reports["seed"]!, "--allow-config-change", "--json"]);
    expect(ok.code).toBe(1);
    const c = json(ok.stdout).comparisons[0]!;
    expect(c.verdict).toBe("different");
    expect(c.likelyCauses[0]!.id).toBe("config-change");
    expect(c.sections.find((s) => s.id === "config")!.differences).toEqual([{ key: "seed", a: "42", b: "1", aFrom: "default", bFrom: "flag", note: null }]);
  });

  it("with three reports each is compared with the first; the worst verdict sets the exit code", () => {
    const r = runCli(["diff", reports["base"]!, reports["env"]!, reports["fault"]!, "--json"]);
    expect(r.code).toBe(1);
    const d = json(r.stdout);
    expect(d.comparisons.map((c) => [c.b.path, c.verdict])).toEqual([[reports["env"], "identical"], [reports["fault"], "different"]]);
    expect(d.verdict).toBe("different");
  });

  it("--out writes the file, refuses to overwrite without --force", () => {
    const out = join(dir, "diff.md");
    const r = runCli(["diff", reports["base"]!, reports["env"]!, "--format", "md", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`diff: identical — written to ${out}\n`);
    expect(readFileSync(out, "utf8")).toMatch(/^# repro-audit diff: identical\n/);
    const again = runCli(["diff", reports["base"]!, reports["fault"]!, "--format", "html", "--out", out]);
    expectCleanError(again);
    expect(again.stderr).toContain("already exists");
    const forced = runCli(["diff", reports["base"]!, reports["fault"]!, "--format", "html", "--out", out, "--force"]);
    expect(forced.code).toBe(1);
    expect(readFileSync(out, "utf8")).toMatch(/^<!doctype html>/);
  });

  describe("bad input: exit 2 naming the file and the problem", () => {
    const bad = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };
    const base = () => readFileSync(reports["base"]!, "utf8");

    it("not JSON", () => {
      const p = bad("not-json.json", "this is not json\n");
      const r = runCli(["diff", reports["base"]!, p]);
      expectCleanError(r);
      expect(r.stderr).toContain(`${p} is not valid JSON`);
    });
    it("a truncated file", () => {
      const p = bad("truncated.json", base().slice(0, 2000));
      const r = runCli(["diff", p, reports["base"]!]);
      expectCleanError(r);
      expect(r.stderr).toContain(`${p} is not valid JSON (it looks truncated)`);
    });
    it("another (older) schema version", () => {
      const p = bad("old.json", base().replace('"repro-audit/report@1"', '"repro-audit/report@0"'));
      const r = runCli(["diff", reports["base"]!, p]);
      expectCleanError(r);
      expect(r.stderr).toContain(`${p} has schema "repro-audit/report@0"`);
      expect(r.stderr).toContain("older repro-audit");
    });
    it("a newer schema version", () => {
      const text = base().replace('"repro-audit/report@1"', '"repro-audit/report@2"');
      expect(text).not.toBe(base());
      const p = bad("newer-schema.json", text);
      const r = runCli(["diff", reports["base"]!, p]);
      expectCleanError(r);
      expect(r.stderr).toContain(`${p} has schema "repro-audit/report@2"`);
      expect(r.stderr).toContain("made by a newer repro-audit; upgrade this tool");
    });
    it("a report from a newer tool version with the same schema", () => {
      const report = JSON.parse(base()) as { schema: string; tool: { version: string } };
      expect(report.schema).toBe("repro-audit/report@1");
      const toolVersion = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
      report.tool.version = "9.0.0";
      const p = bad("newer-tool.json", JSON.stringify(report, null, 2));
      const r = runCli(["diff", reports["base"]!, p]);
      expectCleanError(r);
      expect(r.stderr).toContain(`${p} was made by repro-audit 9.0.0, newer than this tool (${toolVersion}); upgrade repro-audit to read it.`);
      // A prerelease of the current version is older than it, so it is read.
      report.tool.version = `${toolVersion}-rc.1`;
      const pre = bad("prerelease-tool.json", JSON.stringify(report, null, 2));
      expect(runCli(["diff", reports["base"]!, pre]).code).toBe(0);
    });
    it("a missing file", () => {
      const p = join(dir, "nope", "report.json");
      expect(existsSync(p)).toBe(false);
      const r = runCli(["diff", reports["base"]!, p]);
      expectCleanError(r);
      expect(r.stderr).toContain(`cannot read report ${p}: it does not exist`);
    });
    it("a JSON file that is not a report", () => {
      const p = bad("other.json", '{"hello": 1}\n');
      const r = runCli(["diff", reports["base"]!, p]);
      expectCleanError(r);
      expect(r.stderr).toContain(`${p} is not a repro-audit report`);
    });
    it("only one report", () => {
      const r = runCli(["diff", reports["base"]!]);
      expectCleanError(r);
      expect(r.stderr).toContain("at least two reports");
    });
    it("a negative tolerance", () => {
      const r = runCli(["diff", reports["base"]!, reports["env"]!, "--tolerance", "-1"]);
      expectCleanError(r);
      expect(r.stderr).toContain("--tolerance -1");
    });
  });
});

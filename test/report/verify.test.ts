// `repro-audit verify` recomputes what a report derives from its evidence, end to end through the
// built CLI (dist/, `npm run build` first): a real report from `run --repeats 2` verifies; forging
// a repeat's weight hash, a statistic or a checklist status in an unsigned report exits 1 naming
// the field; a signed report verifies and, once edited, names the digest; a report from a newer
// release exits 2. Oracles: the verdict rule (different final hashes with equal metrics is
// within-tolerance, DESIGN.md §5) and the mean of the repeats' values computed here.

import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, expectCleanError, runCli, tempDir } from "../helpers/cli.js";

interface RawReport {
  tool: { version: string };
  repeats: { weightsSha256: string | null; metrics: Record<string, number | null> }[];
  statistics: Record<string, { mean: number }>;
  verdict: { status: string };
  checklist: { id: string; manual: boolean; status: string }[];
}

let original: string;
let work: string;

beforeAll(() => {
  work = tempDir("repro-audit-verify-");
  const r = runCli(["run", "--repeats", "2", "--quiet"], { cwd: work });
  if (r.code !== 0) throw new Error(`run failed (${r.code}): ${r.stderr}`);
  const [id] = readdirSync(join(work, "reports"));
  original = join(work, "reports", id!, "report.json");
}, 120_000);

let n = 0;
/** A copy of the real report, edited by `edit`, in its own file. */
function variant(edit: (r: RawReport) => void): string {
  const r = JSON.parse(readFileSync(original, "utf8")) as RawReport;
  edit(r);
  const p = join(work, `variant-${n++}.json`);
  writeFileSync(p, JSON.stringify(r, null, 2) + "\n");
  return p;
}

describe("verify recomputes from the repeats", () => {
  it("an untouched report is valid (exit 0); --json lists the recomputation checks, all matching", () => {
    const r = runCli(["verify", original]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^valid: /);
    expect(r.stdout).toMatch(/ok: recomputed from the repeats: verdict \(4 fields\), statistics \(\d+ values\), checklist \(\d+ automatic items\) all match/);
    const j = runCli(["verify", original, "--json"]);
    expect(j.code).toBe(0);
    const out = JSON.parse(j.stdout) as { valid: boolean; recomputed: { field: string; result: string }[] };
    expect(out.valid).toBe(true);
    const report = JSON.parse(readFileSync(original, "utf8")) as RawReport;
    const fields = out.recomputed.map((c) => c.field);
    expect(fields).toEqual(expect.arrayContaining(["verdict.status", "verdict.firstDivergence", "verdict.failedRepeats", "statistics.finalLoss.mean", "statistics.finalLoss.sd"]));
    // One check per automatic checklist item.
    expect(fields.filter((f) => f.startsWith("checklist."))).toEqual(report.checklist.filter((i) => !i.manual).map((i) => `checklist.${i.id}.status`));
    expect(out.recomputed.every((c) => c.result === "match")).toBe(true);
  });

  it("a forged weight hash with the verdict left `identical`: exit 1, naming the verdict", () => {
    const p = variant((r) => {
      expect(r.verdict.status).toBe("identical");
      r.repeats[1]!.weightsSha256 = "0".repeat(64);
    });
    const r = runCli(["verify", p]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^INVALID: /);
    // Final hashes differ while every metric is equal → within-tolerance (DESIGN.md §5).
    expect(r.stdout).toContain("verdict.status says identical but the repeats give within-tolerance");
    expect(r.stdout).toMatch(/verdict\.firstDivergence says null but the repeats give \{.*"field":"weights"/);
  });

  it("an edited statistic: exit 1, naming the field, the stored and the recomputed value", () => {
    const report = JSON.parse(readFileSync(original, "utf8")) as RawReport;
    const values = report.repeats.map((x) => x.metrics["finalLoss"]!);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(report.statistics["finalLoss"]!.mean).not.toBe(0.7);
    const p = variant((r) => {
      r.statistics["finalLoss"]!.mean = 0.7;
    });
    const r = runCli(["verify", p]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain(`statistics.finalLoss.mean is 0.7 but the repeats give ${mean}`);
    expect(r.stdout).not.toContain("verdict.");
  });

  it("an edited automatic checklist status: exit 1, naming the item", () => {
    let id = "";
    const p = variant((r) => {
      const item = r.checklist.find((i) => !i.manual && i.status === "pass")!;
      id = item.id;
      item.status = "fail";
    });
    const r = runCli(["verify", p]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain(`checklist item ${id} says fail but the evidence gives pass`);
  });

  it("a checklist that is not the default one is not re-evaluated, and verify says so", () => {
    const p = variant((r) => {
      r.checklist = r.checklist.filter((i) => !i.manual);
    });
    const r = runCli(["verify", p]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("skipped: checklist not re-evaluated: its items are not those of the default checklist");
  });

  it("a report from a newer repro-audit (same schema) is refused by verify and report: exit 2", () => {
    const p = variant((r) => {
      r.tool.version = "9.0.0";
    });
    const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
    for (const cmd of ["verify", "report"]) {
      const r = runCli([cmd, p]);
      expectCleanError(r);
      expect(r.stderr, cmd).toContain(`${p} was made by repro-audit 9.0.0, newer than this tool (${version}); upgrade repro-audit to read it.`);
    }
  });
});

describe("verify on a signed report", () => {
  it("keygen → signoff --key → verify --pub exits 0; an edited statistic then names the digest and the field", () => {
    const dir = tempDir();
    const report = join(dir, "report.json");
    copyFileSync(original, report);
    const prefix = join(dir, "ada");
    expect(runCli(["keygen", "--out", prefix]).code).toBe(0);
    const s = runCli(["signoff", report, "--by", "Ada", "--item", "reporting.hardware-assumptions", "--status", "pass", "--key", `${prefix}.private.pem`]);
    expect(s.code, s.stderr).toBe(0);
    const ok = runCli(["verify", report, "--pub", `${prefix}.public.pem`]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/ok: sign-off 1 \(by "Ada".*signature valid \(trusted key\)/);

    const r = JSON.parse(readFileSync(report, "utf8")) as RawReport;
    r.statistics["finalLoss"]!.mean = 0.7;
    writeFileSync(report, JSON.stringify(r, null, 2) + "\n");
    const bad = runCli(["verify", report, "--pub", `${prefix}.public.pem`]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/sign-off 1 \(by "Ada".*reportDigest [0-9a-f]{64} no longer matches the report's digest [0-9a-f]{64}/);
    expect(bad.stdout).toContain("statistics.finalLoss.mean is 0.7 but the repeats give");
  });
});

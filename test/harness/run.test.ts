// End-to-end tests of `repro-audit run` through the built CLI: the verdict, the divergence locator
// with the test-only fault hook, a real kill + --resume, per-seed statistics, and exit codes.

import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readReport } from "../../src/report/read.js";
import { CLI, expectCleanError, runCli, tempDir } from "../helpers/cli.js";

function runIn(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCli(["run", "--quiet", ...args], { cwd: dir, env });
}

function onlyReport(dir: string) {
  const ids = readdirSync(join(dir, "reports"));
  expect(ids).toHaveLength(1);
  return readReport(join(dir, "reports", ids[0]!, "report.json"));
}

describe("repro-audit run", () => {
  it("reproduces baseline with 5 repeats: identical, sd 0, report files in place", () => {
    const dir = tempDir();
    const r = runIn(dir, ["--repeats", "5"]);
    expect(r.code, r.stderr).toBe(0);
    const report = onlyReport(dir);
    expect(report.verdict.status).toBe("identical");
    expect(report.verdict.firstDivergence).toBeNull();
    expect(report.repeats).toHaveLength(5);
    for (const m of ["finalLoss", "finalAccuracy"]) {
      expect(report.statistics[m]!.sd).toBe(0);
      expect(report.statistics[m]!.n).toBe(5);
      expect(report.statistics[m]!.ci95![0]).toBe(report.statistics[m]!.mean);
    }
    expect(new Set(report.repeats.map((x) => x.weightsSha256)).size).toBe(1);
    expect(report.repeats[0]!.trace.map((t) => t.epoch)).toEqual([1, 2]);
    expect(report.environment.runtime.node).toBe(process.versions.node);
    expect(report.environment.dependencies.lockfileSha256).toMatch(/^[0-9a-f]{64}$/);
    const runDir = join(dir, "runs", report.runId);
    for (const f of ["config.json", "env.json", "run.json", "repeat-0.json", "repeat-4.json", "logs/repeat-4.jsonl", "checkpoints/repeat-4.npz"]) {
      expect(existsSync(join(runDir, f)), f).toBe(true);
    }
  });

  it("finds a weight perturbed in repeat 3 at epoch 2 (test-only fault hook)", () => {
    const dir = tempDir();
    const r = runIn(dir, ["--repeats", "5"], { REPRO_AUDIT_TEST_FAULT: "weights@repeat=3,epoch=2" });
    expect(r.code).toBe(1);
    const v = onlyReport(dir).verdict;
    expect(v.status).toBe("not-reproducible");
    expect(v.firstDivergence).toMatchObject({ repeat: 3, epoch: 2, field: "weights", comparedWith: 0 });
  });

  it("names the batch order when the shuffle changes", () => {
    const dir = tempDir();
    const r = runIn(dir, ["--repeats", "5"], { REPRO_AUDIT_TEST_FAULT: "shuffle@repeat=3,epoch=2" });
    expect(r.code).toBe(1);
    expect(onlyReport(dir).verdict.firstDivergence).toMatchObject({ repeat: 3, epoch: 2, field: "batchOrder" });
  });

  it("locates a divergence to the step with --trace-every", () => {
    const dir = tempDir();
    const r = runIn(dir, ["--repeats", "2", "--trace-every", "4"], { REPRO_AUDIT_TEST_FAULT: "weights@repeat=1,epoch=2" });
    expect(r.code).toBe(1);
    // 512 rows / batch 32 = 16 steps per epoch; the first entry after the fault is step 20.
    expect(onlyReport(dir).verdict.firstDivergence).toMatchObject({ repeat: 1, epoch: 2, step: 20, field: "weights" });
  });

  it("splits spread into within-seed and across-seed parts with --seeds", () => {
    const dir = tempDir();
    const r = runIn(dir, ["--seeds", "1..3", "--repeats", "2"]);
    expect(r.code, r.stderr).toBe(0);
    const report = onlyReport(dir);
    expect(report.run.seeds).toEqual([1, 2, 3]);
    expect(report.repeats.map((x) => x.seed)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(report.verdict.status).toBe("identical");
    const loss = report.statistics["finalLoss"]!;
    expect(loss.withinSeedSd).toBe(0);
    expect(loss.acrossSeedSd).toBeGreaterThan(0);
  });

  it("keeps finished repeats when killed and --resume gives the same hashes and verdict", async () => {
    const dir = tempDir();
    const exp = join(dir, "slow.json");
    writeFileSync(exp, JSON.stringify({ extends: "baseline", synthetic_samples: 3072 }));
    // The readable js kernel keeps each repeat near a second, so the signal lands mid-run; any
    // kernel gives the same bits, so the resumed run may use another.
    const reference = runIn(dir, ["-e", exp, "--repeats", "3", "--reports-dir", "ref-reports", "--out-dir", "ref-runs"]);
    expect(reference.code, reference.stderr).toBe(0);

    const child = spawn(process.execPath, [CLI, "run", "-e", exp, "--repeats", "3", "--kernel", "js", "--quiet"], { cwd: dir, stdio: "ignore" });
    const runsDir = join(dir, "runs");
    const deadline = Date.now() + 60_000;
    let runId: string | undefined;
    while (Date.now() < deadline) {
      runId = existsSync(runsDir) ? readdirSync(runsDir)[0] : undefined;
      if (runId !== undefined && existsSync(join(runsDir, runId, "repeat-0.json"))) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(runId).toBeDefined();
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on("exit", (_code, signal) => r(signal)));
    child.kill("SIGINT");
    expect(await exited).toBe("SIGINT");
    const left = readdirSync(join(runsDir, runId!)).filter((f) => /^repeat-\d+\.json$/.test(f));
    expect(left.length).toBeGreaterThanOrEqual(1);
    expect(left.length).toBeLessThan(3);
    const kept = JSON.parse(readFileSync(join(runsDir, runId!, "repeat-0.json"), "utf8"));
    expect(existsSync(join(dir, "reports", runId!))).toBe(false);

    const resumed = runIn(dir, ["--resume", runId!]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const a = readReport(join(dir, "reports", runId!, "report.json"));
    const b = readReport(join(dir, "ref-reports", readdirSync(join(dir, "ref-reports"))[0]!, "report.json"));
    expect(a.run.resumed).toBe(true);
    expect(a.repeats[0]).toEqual(kept);
    expect(a.verdict).toEqual(b.verdict);
    expect(a.repeats.map((x) => [x.weightsSha256, x.initialWeightsSha256, x.rng?.endSha256, x.trace])).toEqual(
      b.repeats.map((x) => [x.weightsSha256, x.initialWeightsSha256, x.rng?.endSha256, x.trace]),
    );
    expect(a.statistics["finalLoss"]).toEqual(b.statistics["finalLoss"]);
  });

  it("never reuses a run folder and refuses bad input with exit 2", () => {
    const dir = tempDir();
    expectCleanError(runIn(dir, ["--resume", "no-such-run"]));
    expect(runIn(dir, ["--resume", "no-such-run"]).stderr).toMatch(/no run to resume/);
    const bad = runIn(dir, ["--seeds", "3..1"]);
    expectCleanError(bad);
    expect(bad.stderr).toMatch(/--seeds range "3\.\.1"/);
    expectCleanError(runIn(dir, ["--repeats", "0"]));
    expect(existsSync(join(dir, "runs")) ? readdirSync(join(dir, "runs")) : []).toEqual([]);
  });

  it("evaluates another checklist with --checklist, and refuses an unknown evaluator before running", () => {
    const dir = tempDir();
    const mine = join(dir, "mine.yaml");
    writeFileSync(mine, "schema: repro-audit/checklist@1\nid: lab\ntitle: Lab checklist\nsections:\n  - id: s\n    title: S\n    items:\n      - {id: s.seed, text: Seed fixed, why: w, hint: h, evaluator: rng.seed-fixed}\n      - {id: s.person, text: Reviewed, why: w, hint: h, manual: true}\n");
    const r = runCli(["run", "--repeats", "2", "--json", "--checklist", mine], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const items = JSON.parse(r.stdout).checklist.map((i: { id: string; status: string }) => [i.id, i.status]);
    expect(items).toEqual([["s.seed", "pass"], ["s.person", "pending"]]);
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, readFileSync(mine, "utf8").replace("rng.seed-fixed", "rng.no-such-evaluator"));
    const e = runIn(dir, ["--checklist", bad, "--out-dir", "other-runs"]);
    expectCleanError(e);
    expect(e.stderr).toContain("rng.no-such-evaluator");
    expect(existsSync(join(dir, "other-runs"))).toBe(false);
  });

  it("prints report.json with --json", () => {
    const dir = tempDir();
    const r = runCli(["run", "--repeats", "2", "--json"], { cwd: dir });
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed.schema).toBe("repro-audit/report@1");
    expect(printed).toEqual(JSON.parse(readFileSync(join(dir, "reports", printed.runId, "report.json"), "utf8")));
    expect(r.stderr).toBe("");
  });
});

describe("run: resume and output-folder safety", () => {
  it("refuses to resume a finished run (its report and sign-offs stay) and flags that would change the run", () => {
    const dir = tempDir();
    expect(runIn(dir, ["--repeats", "2"]).code).toBe(0);
    const id = readdirSync(join(dir, "reports"))[0]!;
    const before = readFileSync(join(dir, "reports", id, "report.json"), "utf8");
    const again = runIn(dir, ["--resume", id]);
    expectCleanError(again);
    expect(again.stderr).toMatch(/is finished/);
    expect(readFileSync(join(dir, "reports", id, "report.json"), "utf8")).toBe(before);
    const flags = runIn(dir, ["--resume", id, "--repeats", "7", "--seed", "3"]);
    expectCleanError(flags);
    expect(flags.stderr).toMatch(/--seed, --repeats cannot be combined with it/);
  });

  it("reruns failed repeats on --resume and says so", () => {
    const dir = tempDir();
    const flag = join(dir, "fixed");
    const exp = join(dir, "flaky.json");
    writeFileSync(exp, JSON.stringify({ runner: "command", command: ["sh", "-c", `test -f ${flag} && echo '{"loss": 0.5}' > "$REPRO_AUDIT_OUT_DIR/m.json"`], metrics: "m.json" }));
    const first = runIn(dir, ["-e", exp, "--repeats", "2"]);
    expect(first.code).toBe(1);
    const runId = readdirSync(join(dir, "runs"))[0]!;
    const failed = readReport(join(dir, "reports", runId, "report.json"));
    expect(failed.repeats.map((r) => r.status)).toEqual(["failed", "failed"]);
    // The first run wrote its report; to resume, the report of the failed attempt is moved away.
    rmSync(join(dir, "reports", runId), { recursive: true });
    writeFileSync(flag, "");
    const resumed = runIn(dir, ["--resume", runId]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const report = readReport(join(dir, "reports", runId, "report.json"));
    expect(report.repeats.map((r) => r.status)).toEqual(["ok", "ok"]);
    expect(report.warnings.filter((w) => w.id === "rerun-after-failure")).toHaveLength(2);
  });

  it("turns unusable output folders into input errors before training", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "afile"), "");
    for (const args of [["--out-dir", "afile"], ["--reports-dir", "afile"]]) {
      const r = runIn(dir, ["--repeats", "1", ...args]);
      expectCleanError(r);
      expect(r.stderr).toMatch(/afile/);
    }
    expect(existsSync(join(dir, "runs"))).toBe(false);
    const t = runCli(["train", "--out", join(dir, "afile")]);
    expectCleanError(t);
    const k = runCli(["keygen", "--out", join(dir, "afile", "sub", "key")]);
    expectCleanError(k);
  });

  it("refuses --seed with --seeds and a non-finite tolerance", () => {
    const dir = tempDir();
    expectCleanError(runIn(dir, ["--seed", "1", "--seeds", "1,2"]));
    expectCleanError(runIn(dir, ["--tolerance", "Infinity"]));
  });
});

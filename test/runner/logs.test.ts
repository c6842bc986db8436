// A command run's stdout/stderr logs are hashed into each repeat's `logs` (paths relative to the run
// folder), cited by the checklist's training-logs item, and never decide the verdict: a program that
// prints a different timestamp in every repeat but writes the same artifact is still identical.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { computeVerdict } from "../../src/audit/verdict.js";
import type { RepeatRecord } from "../../src/report/schema.js";
import { runCli, tempDir } from "../helpers/cli.js";

function run(args: string[]) {
  const t = tempDir("runner-logs-");
  const r = runCli(["run", "--out-dir", join(t, "runs"), "--reports-dir", join(t, "reports"), "--quiet", ...args]);
  const reports = join(t, "reports");
  const id = existsSync(reports) ? (readdirSync(reports)[0] ?? "") : "";
  const report = id === "" ? null : JSON.parse(readFileSync(join(reports, id, "report.json"), "utf8"));
  return { ...r, report, runDir: join(t, "runs", id) };
}

/** sha256sum(1) when available (an independent oracle), else node:crypto over the bytes. */
function sha256OfFile(path: string): string {
  const s = spawnSync("sha256sum", [path], { encoding: "utf8" });
  if (s.status === 0) return s.stdout.split(" ")[0]!;
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

// Prints the repeat number (different in every repeat, like a timestamp) and a constant metric;
// writes a constant artifact; says something on stderr.
const CMD = `sh -c 'echo "started repeat $REPRO_AUDIT_REPEAT"; echo METRIC loss=0.25; echo warn >&2; echo w > "$REPRO_AUDIT_OUT_DIR/w.bin"'`;

describe("runner: command logs", () => {
  const r = run(["--cmd", CMD, "--artifacts", "w.bin", "--metrics", "stdout:METRIC", "--repeats", "2"]);

  it("records both logs of every repeat, hashed, relative to the run folder", () => {
    expect(r.code, r.stderr).toBe(0);
    for (const rec of r.report.repeats as RepeatRecord[]) {
      expect(rec.logs!.map((l) => l.path)).toEqual([`logs/repeat-${rec.index}.stdout.log`, `logs/repeat-${rec.index}.stderr.log`]);
      expect(rec.logs![0]!.path).toBe(rec.command!.stdoutLog);
      for (const l of rec.logs!) {
        const abs = join(r.runDir, l.path);
        expect(l.sha256).toBe(sha256OfFile(abs));
        expect(l.bytes).toBe(readFileSync(abs).length);
      }
      expect(rec.artifacts.map((a) => a.path)).toEqual(["w.bin"]); // logs stay out of the artifacts
    }
  });

  it("differing stdout logs do not change the verdict", () => {
    const [a, b] = r.report.repeats as RepeatRecord[];
    expect(a!.logs![0]!.sha256).not.toBe(b!.logs![0]!.sha256);
    expect(r.report.verdict.status).toBe("identical");
    expect(r.report.verdict.firstDivergence).toBeNull();
  });

  it("the training-logs item passes citing the logs; precision is n/a with a reason", () => {
    const item = (id: string) => (r.report.checklist as { id: string; status: string; evidence: { value: string; where: string }[] }[]).find((i) => i.id === id)!;
    const logs = item("artifacts.logs");
    expect(logs.status).toBe("pass");
    expect(logs.evidence.map((e) => e.where)).toEqual(["repeats.0.logs.0", "repeats.0.logs.1", "repeats.1.logs.0", "repeats.1.logs.1"]);
    expect(logs.evidence[0]!.value).toMatch(/^logs\/repeat-0\.stdout\.log \(sha256 [0-9a-f]{12}…, \d+ bytes\)$/);
    const precision = item("config.precision");
    expect(precision.status).toBe("n/a");
    expect(precision.evidence[0]!.value).toContain("the external program sets its own precision");
    expect(JSON.stringify(precision.evidence)).not.toContain("float32");
  });

  it("a failed repeat keeps its logs too", () => {
    const f = run(["--cmd", "sh -c 'echo boom >&2; exit 4'", "--repeats", "1"]);
    expect(f.code, f.stderr).toBe(1);
    const rec = f.report.repeats[0] as RepeatRecord;
    expect(rec.status).toBe("failed");
    expect(rec.logs!.find((l) => l.path === "logs/repeat-0.stderr.log")!.sha256).toBe(sha256OfFile(join(f.runDir, "logs", "repeat-0.stderr.log")));
  });
});

describe("the verdict ignores logs (unit)", () => {
  const h = (c: string) => c.repeat(64);
  const rec = (index: number, logHash: string): RepeatRecord => ({
    index, seed: 1, status: "ok", error: null, rng: null, data: null, initialWeightsSha256: null, weightsSha256: null, layerSha256: {},
    metrics: { loss: 0.5 }, nonFinite: [], trace: [], timing: { wallSeconds: 0, cpuSeconds: 0, trainSeconds: null, samplesPerSecond: null, peakRssBytes: 0 },
    artifacts: [{ path: "model.npy", sha256: h("a"), bytes: 3 }],
    logs: [{ path: `logs/repeat-${index}.stdout.log`, sha256: logHash, bytes: 10 }],
  });
  it("identical artifacts with different logs are identical; different artifacts are not", () => {
    expect(computeVerdict([rec(0, h("1")), rec(1, h("2"))], 1e-6).status).toBe("identical");
    const changed = { ...rec(1, h("2")), artifacts: [{ path: "model.npy", sha256: h("b"), bytes: 3 }], metrics: { loss: 0.9 } };
    expect(computeVerdict([rec(0, h("1")), changed], 1e-6).status).toBe("not-reproducible");
  });
});

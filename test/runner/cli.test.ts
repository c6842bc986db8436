// End to end through the built CLI (dist/cli/main.js): the NumPy example (skipped visibly without
// python3 + numpy) and the failure modes of any command (sh, always available): a non-zero exit
// in one repeat, a timeout with a process tree, a missing metrics file, and config errors.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCleanError, ROOT, runCli, tempDir } from "../helpers/cli.js";
import { isAlive } from "../../src/runner/proc-group.js";

const hasNumpy = spawnSync("python3", ["-c", "import numpy"]).status === 0;
if (!hasNumpy) console.warn("test/runner/cli.test.ts: python3 with numpy not found — the examples/python-numpy end-to-end tests are SKIPPED");

function run(args: string[]) {
  const t = tempDir("runner-cli-");
  const r = runCli(["run", "--out-dir", join(t, "runs"), "--reports-dir", join(t, "reports"), ...args]);
  const reports = join(t, "reports");
  const id = existsSync(reports) ? spawnSync("ls", [reports], { encoding: "utf8" }).stdout.trim() : "";
  const report = id === "" ? null : JSON.parse(readFileSync(join(reports, id, "report.json"), "utf8"));
  return { ...r, report, runDir: join(t, "runs", id), t };
}

describe.skipIf(!hasNumpy)("examples/python-numpy (needs python3 + numpy)", () => {
  it("deterministic.yaml with 3 repeats is identical, with its metrics' statistics", () => {
    const r = run(["-e", join(ROOT, "examples/python-numpy/deterministic.yaml"), "--repeats", "3", "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const rep = r.report;
    expect(rep.run.runner).toBe("command");
    expect(rep.data.kind).toBe("external");
    expect(rep.verdict.status).toBe("identical");
    expect(rep.repeats.map((x: { artifacts: { path: string }[] }) => x.artifacts.map((a) => a.path))).toEqual([["model.npy"], ["model.npy"], ["model.npy"]]);
    // sha256 of the artifact as the file system has it (the oracle: node:crypto over the file).
    const npy = readFileSync(join(r.runDir, "repeat-0", "model.npy"));
    expect(rep.repeats[0].artifacts[0].bytes).toBe(npy.length);
    expect(rep.statistics.final_loss).toMatchObject({ kind: "functional", n: 3, sd: 0 });
    expect(rep.statistics.accuracy.n).toBe(3);
    expect(rep.statistics.history).toBeUndefined(); // nested: recorded, not averaged
    expect(rep.repeats[0].command.metricsExtra.history).toHaveLength(5);
    expect(rep.repeats[0].trace).toHaveLength(5);
    expect(rep.repeats[0].rng.start.bit_generator).toBe("PCG64");
    expect(rep.environment.external[0].stdout).toMatch(/^Python 3\./);
    expect(rep.environment.external[1].exitCode).toBe(0);
  });

  it("nondeterministic.yaml is not reproducible: names model.npy and the first divergent epoch 2", () => {
    const r = run(["-e", join(ROOT, "examples/python-numpy/nondeterministic.yaml"), "--repeats", "3"]);
    expect(r.code, r.stderr).toBe(1);
    const v = r.report.verdict;
    expect(v.status).toBe("not-reproducible");
    expect(v.reason).toContain("first differing artifact: model.npy");
    expect(v.firstDivergence).toMatchObject({ epoch: 2, field: "weights" });
    expect(r.stdout).toContain("first divergence: repeat 1 vs 0, epoch 2, field weights");
  });
});

describe.skipIf(!hasNumpy)("the README's smallest manifest example (needs python3 + numpy)", () => {
  it("runs under --cmd and is read as a valid manifest", () => {
    const readme = readFileSync(join(ROOT, "examples/python-numpy/README.md"), "utf8");
    const code = /```python\n([\s\S]*?)```/.exec(readme)![1]!;
    const script = join(tempDir("runner-readme-"), "smallest.py");
    writeFileSync(script, code);
    const r = run(["--cmd", `python3 ${script}`, "--artifacts", "model.npy", "--repeats", "2", "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.report.verdict.status).toBe("identical");
    expect(r.report.repeats[0].command.manifest).toBe(true);
    expect(r.report.repeats[0].trace).toHaveLength(3);
    expect(r.report.statistics.loss.n).toBe(2);
  });
});

describe("repro-audit run --cmd: failures are recorded, the run goes on, exit 1", () => {
  it("a command that exits non-zero in one repeat", () => {
    const cmd = `sh -c 'echo "training blew up" >&2; [ "$REPRO_AUDIT_REPEAT" != 1 ] || exit 3; echo "{\\"loss\\": 0.5}" > "$REPRO_AUDIT_OUT_DIR/m.json"; echo w > "$REPRO_AUDIT_OUT_DIR/w.bin"'`;
    const r = run(["--cmd", cmd, "--artifacts", "w.bin", "--metrics", "m.json", "--repeats", "3"]);
    expect(r.code, r.stderr).toBe(1);
    const rep = r.report;
    expect(rep.experiment.name).toBe("command");
    expect(rep.repeats.map((x: { status: string }) => x.status)).toEqual(["ok", "failed", "ok"]);
    expect(rep.repeats[1].command.exitCode).toBe(3);
    expect(rep.repeats[1].error.rootCause).toBe("the program exited with code 3; last stderr lines: training blew up");
    expect(rep.verdict).toMatchObject({ status: "not-reproducible", failedRepeats: [1] });
    expect(rep.verdict.reason).toContain("1 of 3 repeats failed (#1)");
    expect(rep.statistics.loss).toMatchObject({ n: 2, mean: 0.5 });
    expect(r.stdout).toContain("exited with code 3");
    expect(readFileSync(join(r.runDir, "logs", "repeat-1.stderr.log"), "utf8")).toBe("training blew up\n");
  });

  it("a command that times out: its process tree is killed, no orphan is left", () => {
    const cmd = `sh -c 'sleep 100 & echo $! > "$REPRO_AUDIT_OUT_DIR/grandchild.pid"; sleep 100'`;
    const t0 = performance.now();
    const r = run(["--cmd", cmd, "--timeout", "1", "--repeats", "1", "--quiet"]);
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(r.code, r.stderr).toBe(1);
    const rec = r.report.repeats[0];
    expect(rec.status).toBe("failed");
    expect(rec.command.timedOut).toBe(true);
    expect(rec.error.message).toBe("timed out after 1 s");
    expect(rec.error.rootCause).toMatch(/^timeout_seconds 1 reached after 1\.\d\d s: sent SIGTERM to its process group/);
    const grandchild = Number(readFileSync(join(r.runDir, "repeat-0", "grandchild.pid"), "utf8"));
    expect(grandchild).toBeGreaterThan(0);
    expect(isAlive(grandchild)).toBe(false);
  });

  it("a command that writes no metrics file", () => {
    const r = run(["--cmd", "sh -c 'echo done'", "--metrics", "metrics.json", "--repeats", "2", "--quiet"]);
    expect(r.code, r.stderr).toBe(1);
    for (const rec of r.report.repeats) {
      expect(rec.status).toBe("failed");
      expect(rec.command.exitCode).toBe(0);
      expect(rec.error.message).toBe("the program wrote no metrics file metrics.json (looked for " + join(r.runDir, `repeat-${rec.index}`, "metrics.json") + ")");
      expect(rec.error.rootCause).toContain("stderr was empty");
    }
    expect(r.report.warnings.map((w: { id: string }) => w.id)).toContain("all-repeats-failed");
  });

  it("stdout metrics and no artifacts: the metrics decide, with a warning", () => {
    const r = run(["--cmd", "sh -c 'echo METRIC loss=0.25 acc=0.75'", "--metrics", "stdout:METRIC", "--repeats", "2", "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.report.verdict.status).toBe("identical");
    expect(r.report.statistics.loss.mean).toBe(0.25);
    expect(r.report.warnings.map((w: { id: string }) => w.id)).toEqual(expect.arrayContaining(["no-artifacts", "no-manifest"]));
  });
});

describe("command-runner config errors exit 2 before anything runs", () => {
  const t = tempDir("runner-cfg-");
  const exp = (name: string, text: string) => {
    writeFileSync(join(t, name), text);
    return join(t, name);
  };
  it("names the missing command, a shell operator, and a misspelt key", () => {
    const cases: [string, RegExp][] = [
      [exp("nocmd.yaml", "runner: command\n"), /command: is missing while runner is command/],
      [exp("pipe.yaml", "runner: command\ncommand: python3 train.py | tee log\n"), /command: holds .*shell operator "\|"/],
      [exp("typo.yaml", "runner: command\ncommand: ['true']\nartefacts: [a]\n"), /artefacts: unknown key — did you mean "artifacts"\?/],
      [exp("core.yaml", "command: ['true']\n"), /runner: is "core" but command is set/],
    ];
    for (const [file, message] of cases) {
      const r = runCli(["run", "-e", file, "--out-dir", join(t, "runs"), "--reports-dir", join(t, "reports")]);
      expectCleanError(r);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(t, "runs"))).toBe(false);
  });
});

// The process runner: exit codes, signals, logs, memory sampling, and a timeout that takes down
// the whole process tree (a grandchild included) so no orphan outlives a repeat.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isAlive } from "../../src/runner/proc-group.js";
import { runProcess } from "../../src/runner/spawn.js";

const dir = mkdtempSync(join(tmpdir(), "spawn-"));
let n = 0;
function spec(argv: string[], timeoutMs: number | null = null) {
  const i = n++;
  return { argv, cwd: dir, env: process.env, timeoutMs, graceMs: 300, stdoutPath: join(dir, `${i}.out`), stderrPath: join(dir, `${i}.err`) };
}

describe("runProcess", () => {
  it("records exit code, stdout/stderr logs and a nonzero peak memory", async () => {
    const s = spec(["sh", "-c", "echo out; echo err >&2; sleep 0.2; exit 3"]);
    const r = await runProcess(s);
    expect(r).toMatchObject({ exitCode: 3, signal: null, timedOut: false, spawnError: null, leftoverProcesses: 0 });
    expect(readFileSync(s.stdoutPath, "utf8")).toBe("out\n");
    expect(readFileSync(s.stderrPath, "utf8")).toBe("err\n");
    expect(r.peakRssBytes).toBeGreaterThan(0);
  });

  it("measures a program's peak memory (a 64 MiB buffer) within the sampling's reach", async () => {
    const r = await runProcess(spec([process.execPath, "-e", "const b = Buffer.alloc(64 * 2 ** 20, 1); setTimeout(() => b.length, 300);"]));
    expect(r.exitCode).toBe(0);
    expect(r.peakRssBytes).toBeGreaterThan(64 * 2 ** 20);
    expect(r.cpuSeconds).toBeGreaterThanOrEqual(0);
  });

  it("reports a signal and a program that cannot be started", async () => {
    expect(await runProcess(spec(["sh", "-c", "kill -SEGV $$"]))).toMatchObject({ exitCode: null, signal: "SIGSEGV" });
    const r = await runProcess(spec(["/no/such/program"]));
    expect(r.spawnError).toMatch(/not found \(ENOENT\)/);
  });

  it("on timeout kills the whole process tree, grandchildren included", async () => {
    const s = spec(["sh", "-c", "sleep 100 & echo $! > grandchild.pid; trap '' TERM; sleep 100"], 500);
    const t0 = performance.now();
    const r = await runProcess(s);
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBe("SIGKILL"); // the shell ignored SIGTERM, so the grace period ended in SIGKILL
    expect(performance.now() - t0).toBeLessThan(5000);
    const grandchild = Number(readFileSync(join(dir, "grandchild.pid"), "utf8"));
    expect(grandchild).toBeGreaterThan(0);
    expect(isAlive(grandchild)).toBe(false);
  });

  it("kills what a program leaves running in its group after it exits", async () => {
    const r = await runProcess(spec(["sh", "-c", "sleep 100 & echo $! > left.pid; exit 0"]));
    expect(r.exitCode).toBe(0);
    expect(r.leftoverProcesses).toBe(1);
    expect(isAlive(Number(readFileSync(join(dir, "left.pid"), "utf8")))).toBe(false);
  });
});

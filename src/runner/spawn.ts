// Runs one external program as the leader of its own process group (spawn `detached: true`, i.e.
// setsid(2)), with stdout and stderr written straight to log files, an optional timeout that ends
// the whole tree (kill(-pgid, SIGTERM), then SIGKILL after a grace period), and memory/CPU
// sampling of the group (proc-group.ts). When the leader exits, anything it left running in its
// group is killed too, so no orphan outlives a repeat. Asynchronous (spawn, not spawnSync): the
// timeout and the sampling need the event loop. Not here: what the outcome means (repeat.ts).

import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { GroupSampler, groupMembers } from "./proc-group.js";

export interface ProcessSpec {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** null: no limit. */
  timeoutMs: number | null;
  /** Between SIGTERM and SIGKILL on timeout. */
  graceMs?: number;
  stdoutPath: string;
  stderrPath: string;
  sampleEveryMs?: number;
}

export interface ProcessOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Set when the program could not be started at all (e.g. ENOENT). */
  spawnError: string | null;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
  /** Processes still in the group after the leader exited, which were then killed. */
  leftoverProcesses: number;
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Kills what is left of group `pgid` and waits (up to `waitMs`) until none of it is alive. */
async function clearGroup(pgid: number, waitMs = 2000): Promise<number> {
  const left = groupMembers(pgid).length;
  if (left === 0) return 0;
  killGroup(pgid, "SIGKILL");
  for (let waited = 0; waited < waitMs && groupMembers(pgid).length > 0; waited += 20) await sleep(20);
  return left;
}

export async function runProcess(spec: ProcessSpec): Promise<ProcessOutcome> {
  const [program, ...args] = spec.argv;
  if (program === undefined) throw new TypeError("runProcess: empty argv");
  const out = openSync(spec.stdoutPath, "w");
  const err = openSync(spec.stderrPath, "w");
  const t0 = performance.now();
  const child = spawn(program, args, { cwd: spec.cwd, env: spec.env, stdio: ["ignore", out, err], detached: true });
  closeSync(out);
  closeSync(err);

  const pgid = child.pid;
  const sampler = pgid === undefined ? null : new GroupSampler(pgid);
  let timedOut = false;
  const timers: NodeJS.Timeout[] = [];
  // If repro-audit itself is stopped, take the program's tree down with it.
  const onExit = () => pgid !== undefined && killGroup(pgid, "SIGKILL");
  const onSignal = (sig: NodeJS.Signals) => {
    onExit();
    process.removeListener(sig, onSignal);
    process.kill(process.pid, sig);
  };
  if (pgid !== undefined) {
    sampler!.sample();
    timers.push(setInterval(() => sampler!.sample(), spec.sampleEveryMs ?? 50));
    if (spec.timeoutMs !== null) {
      timers.push(
        setTimeout(() => {
          timedOut = true;
          killGroup(pgid, "SIGTERM");
          timers.push(setTimeout(() => killGroup(pgid, "SIGKILL"), spec.graceMs ?? 2000));
        }, spec.timeoutMs),
      );
    }
    process.on("exit", onExit);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }

  const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error: string | null }>((resolve) => {
    child.once("error", (e: NodeJS.ErrnoException) => resolve({ code: null, signal: null, error: e.code === "ENOENT" ? `program "${program}" not found (ENOENT): check the path or PATH` : `${e.code ?? e.name}: ${e.message}` }));
    child.once("exit", (code, signal) => resolve({ code, signal, error: null }));
  });
  const wallSeconds = (performance.now() - t0) / 1000;
  for (const t of timers) clearTimeout(t);
  const leftoverProcesses = pgid === undefined ? 0 : await clearGroup(pgid);
  process.removeListener("exit", onExit);
  process.removeListener("SIGINT", onSignal);
  process.removeListener("SIGTERM", onSignal);
  return {
    exitCode: ended.code,
    signal: ended.signal,
    timedOut,
    spawnError: ended.error,
    wallSeconds,
    cpuSeconds: sampler?.cpuSeconds ?? 0,
    peakRssBytes: sampler?.peakRssBytes ?? 0,
    leftoverProcesses,
  };
}

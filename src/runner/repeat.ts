// One repeat of an external training program (`runner: command`), shaped as the report's repeat
// record so statistics, verdict, checklist, renderers and diff treat it like a core repeat. The
// program runs in a fresh output folder (<run>/repeat-<i>/) with its stdout/stderr in
// <run>/logs/repeat-<i>.{stdout,stderr}.log; its artifacts' hashes take the place of the weight
// hashes; its manifest (manifest.ts), when present, supplies RNG states, the trace ledger and the
// weight hashes. A program that fails (non-zero exit, signal, timeout, missing metrics, bad
// manifest, missing artifact) gives a `failed` record with the root cause; the run goes on.
// Both logs are hashed into the record's `logs` (paths relative to the run folder, like the core's
// logs/repeat-<i>.jsonl and command.stdoutLog) — not into `artifacts`, whose paths are relative to
// the output folder and whose hashes decide the verdict: a log may differ between identical runs.

import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import type { ResolvedExperiment } from "../config/load.js";
import { writeJsonAtomic } from "../io/atomic.js";
import { sha256Canonical } from "../io/hash.js";
import type { CommandRun, RepeatRecord } from "../report/schema.js";
import { ledgerOrder } from "../audit/divergence.js";
import { collectArtifacts, hashFile, recordedPath, type HashedArtifact } from "./artifacts.js";
import { resolveCommand } from "./command.js";
import { stdoutMetricsPrefix } from "./config-rules.js";
import { MANIFEST_FILE, readManifest, type Manifest } from "./manifest.js";
import { readMetricsFile, parseStdoutMetrics, type ParsedMetrics } from "./metrics.js";
import { runProcess, type ProcessOutcome } from "./spawn.js";

export interface CommandRepeatInput {
  index: number;
  /** The experiment with this repeat's seed applied. */
  exp: ResolvedExperiment;
  runDir: string;
  /** Between SIGTERM and SIGKILL on timeout (tests shorten it). */
  graceMs?: number;
}

/** Path of the pseudo-artifact used when a program declares no artifacts and no weight hash. */
export const METRICS_PSEUDO_ARTIFACT = "(metrics)";

export function commandRepeatPath(runDir: string, index: number): string {
  return join(runDir, `repeat-${index}.json`);
}

/** The last `n` non-empty lines of a log file, for a root cause. */
export function tailLines(path: string, n = 5, maxChars = 800): string {
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return "";
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "").slice(-n);
  const joined = lines.join(" | ");
  return joined.length > maxChars ? `…${joined.slice(-maxChars)}` : joined;
}

/** Why the process outcome counts as a failure, or null when it exited with code 0. */
export function processFailure(p: ProcessOutcome, timeoutSeconds: number | null): { message: string; cause: string } | null {
  if (p.spawnError !== null) return { message: "the program could not be started", cause: p.spawnError };
  if (p.timedOut) {
    const how = p.signal === "SIGKILL" ? "SIGTERM to its process group, then SIGKILL after the grace period" : `SIGTERM to its process group (it ended by ${p.signal ?? `exit code ${p.exitCode}`})`;
    return { message: `timed out after ${timeoutSeconds} s`, cause: `timeout_seconds ${timeoutSeconds} reached after ${p.wallSeconds.toFixed(2)} s: sent ${how}` };
  }
  if (p.signal !== null) return { message: `killed by signal ${p.signal}`, cause: `the program was killed by signal ${p.signal}` };
  if (p.exitCode !== 0) return { message: `exited with code ${p.exitCode}`, cause: `the program exited with code ${p.exitCode}` };
  return null;
}

function mergeMetrics(primary: ParsedMetrics | null, manifest: ParsedMetrics | null): ParsedMetrics {
  const out: ParsedMetrics = { metrics: {}, nonFinite: [], extra: {} };
  for (const src of [manifest, primary]) {
    if (src === null) continue;
    Object.assign(out.metrics, src.metrics);
    Object.assign(out.extra, src.extra);
  }
  out.nonFinite = Object.keys(out.metrics).filter((k) => out.metrics[k] === null).sort();
  const sorted: Record<string, number | null> = {};
  for (const k of Object.keys(out.metrics).sort()) sorted[k] = out.metrics[k]!;
  out.metrics = sorted;
  return out;
}

/** The logs that exist, hashed, with paths relative to the run folder ("logs/repeat-0.stdout.log"). */
export async function hashLogs(runDir: string, paths: readonly string[]): Promise<HashedArtifact[]> {
  const out: HashedArtifact[] = [];
  for (const p of paths) {
    if (!existsSync(p)) continue; // not started: runProcess opens both files before spawning
    out.push({ path: recordedPath(runDir, p), ...(await hashFile(p)) });
  }
  return out;
}

/** Runs repeat `index` of a command-runner experiment, writes repeat-<i>.json, returns the record. */
export async function runCommandRepeat(input: CommandRepeatInput): Promise<RepeatRecord> {
  const { index, exp, runDir } = input;
  const config = exp.config;
  const seed = config.seed;
  const outDir = join(runDir, `repeat-${index}`);
  rmSync(outDir, { recursive: true, force: true }); // a repeat without a record never finished
  mkdirSync(outDir, { recursive: true });
  mkdirSync(join(runDir, "logs"), { recursive: true });
  const stdoutPath = join(runDir, "logs", `repeat-${index}.stdout.log`);
  const stderrPath = join(runDir, "logs", `repeat-${index}.stderr.log`);
  const cmd = resolveCommand(config, exp.baseDir, { seed, repeat: index, outDir });
  const timeoutMs = config.timeout_seconds === null ? null : config.timeout_seconds * 1000;
  const p = await runProcess({ argv: cmd.argv, cwd: cmd.cwd, env: cmd.env, timeoutMs, graceMs: input.graceMs ?? 2000, stdoutPath, stderrPath });

  const command: CommandRun = {
    argv: cmd.argv,
    cwd: cmd.cwd,
    outDir: relative(runDir, outDir),
    stdoutLog: relative(runDir, stdoutPath),
    stderrLog: relative(runDir, stderrPath),
    exitCode: p.exitCode,
    signal: p.signal,
    timedOut: p.timedOut,
    timeoutSeconds: config.timeout_seconds,
    leftoverProcesses: p.leftoverProcesses,
    manifest: false,
    metricsSource: config.metrics,
    metricsExtra: {},
  };
  const logs: HashedArtifact[] = await hashLogs(runDir, [stdoutPath, stderrPath]);
  const timing: RepeatRecord["timing"] = { wallSeconds: p.wallSeconds, cpuSeconds: p.cpuSeconds, trainSeconds: null, samplesPerSecond: null, peakRssBytes: p.peakRssBytes };
  const failed = (message: string, cause: string): RepeatRecord => {
    const tail = tailLines(stderrPath);
    return {
      index, seed, status: "failed",
      error: { message, rootCause: `${cause}${tail === "" ? "; stderr was empty" : `; last stderr lines: ${tail}`}` },
      rng: null, data: null, initialWeightsSha256: null, weightsSha256: null, layerSha256: {},
      metrics: {}, nonFinite: [], trace: [], timing, artifacts: [], logs, command,
    };
  };

  let record: RepeatRecord;
  const failure = processFailure(p, config.timeout_seconds);
  if (failure !== null) {
    record = failed(failure.message, failure.cause);
  } else {
    try {
      let primary: ParsedMetrics | null = null;
      if (config.metrics !== null) {
        const prefix = stdoutMetricsPrefix(config.metrics);
        primary = prefix !== null ? parseStdoutMetrics(readFileSync(stdoutPath, "utf8"), prefix) : readMetricsFile(join(outDir, config.metrics), config.metrics);
      }
      const manifest: Manifest | null = readManifest(join(outDir, MANIFEST_FILE));
      command.manifest = manifest !== null;
      const m = mergeMetrics(primary, manifest?.metrics ?? null);
      command.metricsExtra = m.extra;
      let artifacts: HashedArtifact[] = await collectArtifacts(config.artifacts, outDir);
      const weightsSha256 = manifest?.weightsSha256 ?? null;
      if (artifacts.length === 0 && weightsSha256 === null) {
        // Nothing else to compare: the functional metrics themselves become the outcome hash.
        const text = JSON.stringify(m.metrics);
        artifacts = [{ path: METRICS_PSEUDO_ARTIFACT, sha256: sha256Canonical(m.metrics), bytes: Buffer.byteLength(text) }];
      }
      const rng = manifest?.rngState ?? null;
      record = {
        index, seed, status: "ok", error: null,
        rng: rng === null ? null : { start: rng.start, end: rng.end, startSha256: sha256Canonical(rng.start), endSha256: sha256Canonical(rng.end) },
        data: null,
        initialWeightsSha256: manifest?.initialWeightsSha256 ?? null,
        weightsSha256,
        layerSha256: {},
        metrics: m.metrics,
        nonFinite: m.nonFinite,
        trace: ledgerOrder(manifest?.trace ?? []),
        timing,
        artifacts,
        logs,
        command,
      };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      record = failed(e.message.split("\n")[0]!, `${e.name}: ${e.message}`);
    }
  }
  writeJsonAtomic(commandRepeatPath(runDir, index), record);
  return record;
}

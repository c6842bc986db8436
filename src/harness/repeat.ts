// One repeat of a run: a `trainOnce` plus what the audit needs around it — wall and CPU time, peak
// memory, the epoch log and checkpoint as hashed artifacts — shaped as the report's repeat record.

import { join, relative } from "node:path";
import type { ResolvedExperiment } from "../config/load.js";
import { ReproAuditError } from "../errors.js";
import { writeJsonAtomic } from "../io/atomic.js";
import { sha256Hex } from "../io/hash.js";
import { readFileSync } from "node:fs";
import type { RepeatRecord } from "../report/schema.js";
import type { FaultPlan } from "./faults.js";
import type { LoadedData } from "./data.js";
import { writeCheckpoint, writeEpochLog } from "./run-files.js";
import { trainOnce, type Compute, type TraceEntry, type TrainRecord } from "./train-once.js";
import { ledgerOrder } from "../audit/divergence.js";

export interface RepeatInput {
  index: number;
  exp: ResolvedExperiment;
  data: LoadedData;
  runDir: string;
  traceEvery: number;
  fault: FaultPlan | null;
  compute?: Compute;
  onEpoch?: (entry: TraceEntry) => void;
}

export function repeatPath(runDir: string, index: number): string {
  return join(runDir, `repeat-${index}.json`);
}

function artifact(runDir: string, path: string) {
  const bytes = readFileSync(path);
  return { path: relative(runDir, path), sha256: sha256Hex(bytes), bytes: bytes.length };
}

export function metricsOf(r: TrainRecord): Record<string, number | null> {
  return {
    finalLoss: r.finalLoss,
    finalAccuracy: r.finalAccuracy,
    ...(r.testAccuracy !== undefined ? { testLoss: r.testLoss ?? null, testAccuracy: r.testAccuracy } : {}),
  };
}

/** Runs one repeat, writes its log, checkpoint and record atomically, and returns the record. */
export function runRepeat(input: RepeatInput): RepeatRecord {
  const { index, exp, runDir } = input;
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const epochs: TraceEntry[] = [];
  const logPath = join(runDir, "logs", `repeat-${index}.jsonl`);
  let record: RepeatRecord;
  try {
    const { record: t, model } = trainOnce(exp, {
      data: input.data,
      traceEvery: input.traceEvery,
      fault: input.fault,
      repeat: index,
      ...(input.compute !== undefined ? { compute: input.compute } : {}),
      onEpoch(entry) {
        epochs.push(entry);
        writeEpochLog(logPath, epochs);
        input.onEpoch?.(entry);
      },
    });
    const ckpt = writeCheckpoint(join(runDir, "checkpoints", `repeat-${index}.npz`), model, exp);
    record = {
      index,
      seed: exp.config.seed,
      status: "ok",
      error: null,
      rng: t.rng,
      data: { xSha256: t.data.xSha256, ySha256: t.data.ySha256 },
      initialWeightsSha256: t.initialWeightsSha256,
      weightsSha256: t.weightsSha256,
      layerSha256: t.layerSha256,
      metrics: metricsOf(t),
      nonFinite: t.nonFinite,
      trace: ledgerOrder([...t.history, ...t.steps]),
      timing: timing(wall0, cpu0, t.timing.trainSeconds, t.timing.samplesPerSecond),
      artifacts: [artifact(runDir, logPath), artifact(runDir, ckpt.path)],
    };
  } catch (err) {
    // Input errors (bad data, config) stop the whole run; anything else is this repeat's failure.
    if (err instanceof ReproAuditError) throw err;
    const e = err instanceof Error ? err : new Error(String(err));
    record = {
      index,
      seed: exp.config.seed,
      status: "failed",
      error: { message: e.message, rootCause: `${e.name}: ${e.message}${e.stack ? ` at ${e.stack.split("\n")[1]?.trim() ?? ""}` : ""}` },
      rng: null,
      data: null,
      initialWeightsSha256: null,
      weightsSha256: null,
      layerSha256: {},
      metrics: {},
      nonFinite: [],
      trace: epochs,
      timing: timing(wall0, cpu0, null, null),
      artifacts: [],
    };
  }
  writeJsonAtomic(repeatPath(runDir, index), record);
  return record;
}

function timing(wall0: number, cpu0: NodeJS.CpuUsage, trainSeconds: number | null, samplesPerSecond: number | null): RepeatRecord["timing"] {
  const cpu = process.cpuUsage(cpu0);
  return {
    wallSeconds: (performance.now() - wall0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    trainSeconds,
    samplesPerSecond,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

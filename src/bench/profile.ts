// `--profile`: where training time goes, per phase — data (shuffle, batch gather, dropout masks),
// forward (layers, softmax, loss), backward (gradients; includes the update when a kernel fuses it),
// update — plus the process's peak memory. Each setup trains `repeats` times; per-phase seconds are
// medians over the repeats. Written to runs/<run-id>/profiling/profile.{json,md}.

import { join } from "node:path";
import type { ResolvedExperiment } from "../config/load.js";
import { sha256Canonical } from "../io/hash.js";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.js";
import { formatBytes } from "../io/format.js";
import type { LoadedData } from "../harness/data.js";
import { trainOnce, type Compute } from "../harness/train-once.js";
import type { TrainPhase, TrainProfile } from "../nn/train.js";
import type { BenchSetup } from "./bench.js";
import { robust } from "./stats.js";

const PHASES: TrainPhase[] = ["data", "forward", "backward", "update"];

export interface PhaseProfile {
  setup: BenchSetup;
  repeats: number;
  batchesPerRun: number;
  /** Median seconds per phase over the repeats. */
  seconds: Record<TrainPhase, number>;
  /** Median microseconds per batch per phase. */
  microsecondsPerBatch: Record<TrainPhase, number>;
  /** Share of the profiled time per phase (0..1). */
  share: Record<TrainPhase, number>;
  trainSeconds: number;
  peakRssBytes: number;
  weightsSha256: string;
}

export function profileSetups(exp: ResolvedExperiment, setups: BenchSetup[], opts: { repeats: number; data: LoadedData; compute?: Compute }): PhaseProfile[] {
  return setups.map((setup) => {
    const config = { ...exp.config, precision: setup.precision, batch_size: setup.batchSize, layer_sizes: setup.layerSizes };
    const variant = { ...exp, config, configSha256: sha256Canonical(config) };
    const runs = Array.from({ length: opts.repeats }, () => {
      const profile: TrainProfile = { clock: () => performance.now() / 1000, seconds: { data: 0, forward: 0, backward: 0, update: 0 } };
      const { record } = trainOnce(variant, { data: opts.data, profile, ...(opts.compute !== undefined ? { compute: opts.compute } : {}) });
      return { profile, record };
    });
    const batchesPerRun = Math.ceil(opts.data.train.n / setup.batchSize) * config.epochs;
    const seconds = Object.fromEntries(PHASES.map((p) => [p, robust(runs.map((r) => r.profile.seconds[p])).median])) as Record<TrainPhase, number>;
    const total = PHASES.reduce((t, p) => t + seconds[p], 0);
    return {
      setup,
      repeats: runs.length,
      batchesPerRun,
      seconds,
      microsecondsPerBatch: Object.fromEntries(PHASES.map((p) => [p, (seconds[p] / batchesPerRun) * 1e6])) as Record<TrainPhase, number>,
      share: Object.fromEntries(PHASES.map((p) => [p, total > 0 ? seconds[p] / total : 0])) as Record<TrainPhase, number>,
      trainSeconds: robust(runs.map((r) => r.record.timing.trainSeconds)).median,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      weightsSha256: runs[0]!.record.weightsSha256,
    };
  });
}

export function writeProfile(runDir: string, meta: object, profiles: PhaseProfile[]): string[] {
  const dir = join(runDir, "profiling");
  const json = join(dir, "profile.json");
  const md = join(dir, "profile.md");
  writeJsonAtomic(json, { ...meta, phases: PHASES, profiles });
  const head = `| precision | batch | layers | ${PHASES.map((p) => `${p} µs/batch`).join(" | ")} | train s | peak RSS |\n| --- | ---: | --- | ${PHASES.map(() => "---:").join(" | ")} | ---: | ---: |`;
  const rows = profiles.map((p) => `| ${p.setup.precision} | ${p.setup.batchSize} | [${p.setup.layerSizes.join(", ")}] | ${PHASES.map((ph) => `${p.microsecondsPerBatch[ph].toFixed(1)} (${(p.share[ph] * 100).toFixed(0)}%)`).join(" | ")} | ${p.trainSeconds.toFixed(3)} | ${formatBytes(p.peakRssBytes)} |`);
  writeFileAtomic(md, `# Profile\n\nMedian per-phase time per batch over the repeats (share of the profiled time). "backward" includes the update when the kernel fuses it. Peak RSS is the process's peak so far.\n\n${head}\n${rows.join("\n")}\n`);
  return [json, md];
}

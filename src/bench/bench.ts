// `bench`: the reference project's benchmark_one_setup across precision modes × batch sizes (and,
// with --scaling, batch size and hidden width sweeps), seed fixed. Each setup trains `repeats`
// times: timings are summarised by median and MAD; the functional results (loss, accuracy, weight
// hash) must be the same in every repeat, and the table says whether they were.
// Not here: writing files (bench-files.ts) or the CLI (src/cli/commands/bench.ts).

import type { ResolvedExperiment } from "../config/load.js";
import type { ExperimentConfig } from "../config/schema.js";
import { sha256Canonical } from "../io/hash.js";
import type { LoadedData } from "../harness/data.js";
import { trainOnce, type TrainOnceOptions } from "../harness/train-once.js";
import { robust, type RobustSummary } from "./stats.js";

type Precision = ExperimentConfig["precision"];

export interface BenchSetup {
  precision: Precision;
  batchSize: number;
  layerSizes: number[];
}

export interface BenchResult {
  setup: BenchSetup;
  repeats: number;
  trainSeconds: RobustSummary;
  samplesPerSecond: RobustSummary;
  finalLoss: number | null;
  finalAccuracy: number;
  testAccuracy: number | null;
  weightsSha256: string;
  /** True when every repeat gave the same weights, loss and accuracy (timings aside). */
  functionalIdentical: boolean;
}

export interface BenchOptions {
  repeats: number;
  data: LoadedData;
  train?: Pick<TrainOnceOptions, "compute">;
  onSetup?: (setup: BenchSetup, i: number, total: number) => void;
}

function variant(exp: ResolvedExperiment, s: BenchSetup): ResolvedExperiment {
  const config = { ...exp.config, precision: s.precision, batch_size: s.batchSize, layer_sizes: s.layerSizes };
  return { ...exp, config, configSha256: sha256Canonical(config) };
}

/** Trains every setup `repeats` times and summarises it. */
export function benchmarkSetups(exp: ResolvedExperiment, setups: BenchSetup[], options: BenchOptions): BenchResult[] {
  return setups.map((setup, i) => {
    options.onSetup?.(setup, i, setups.length);
    const runs = Array.from({ length: options.repeats }, () => trainOnce(variant(exp, setup), { data: options.data, ...options.train }).record);
    const first = runs[0]!;
    const same = runs.every((r) => r.weightsSha256 === first.weightsSha256 && r.finalLoss === first.finalLoss && r.finalAccuracy === first.finalAccuracy);
    return {
      setup,
      repeats: runs.length,
      trainSeconds: robust(runs.map((r) => r.timing.trainSeconds)),
      samplesPerSecond: robust(runs.map((r) => r.timing.samplesPerSecond)),
      finalLoss: first.finalLoss,
      finalAccuracy: first.finalAccuracy,
      testAccuracy: first.testAccuracy ?? null,
      weightsSha256: first.weightsSha256,
      functionalIdentical: same,
    };
  });
}

/** precision × batch size grid at the experiment's layer sizes. */
export function gridSetups(exp: ResolvedExperiment, precisions: Precision[], batchSizes: number[]): BenchSetup[] {
  return precisions.flatMap((precision) => batchSizes.map((batchSize) => ({ precision, batchSize, layerSizes: exp.config.layer_sizes })));
}

/** Two one-dimensional sweeps for --scaling: batch size at the base width, hidden width at the base batch. */
export function scalingSetups(exp: ResolvedExperiment, batchSizes: number[], widths: number[]): { batch: BenchSetup[]; width: BenchSetup[] } {
  const c = exp.config;
  const sizes = c.layer_sizes;
  return {
    batch: batchSizes.map((batchSize) => ({ precision: c.precision, batchSize, layerSizes: sizes })),
    width: widths.map((w) => ({ precision: c.precision, batchSize: c.batch_size, layerSizes: [sizes[0]!, ...sizes.slice(1, -1).map(() => w), sizes[sizes.length - 1]!] })),
  };
}

// `run --bench/--scaling`: the benchmark of `repro-audit bench` with its defaults, run inside an
// audit so the report (and its checklist) can cite the outputs by path and SHA-256.

import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type { ResolvedExperiment } from "../config/load.js";
import { PRECISIONS } from "../config/schema.js";
import { sha256Hex } from "../io/hash.js";
import type { LoadedData } from "../harness/data.js";
import type { Compute } from "../harness/train-once.js";
import type { Benchmarks } from "../report/schema.js";
import { benchmarkSetups, gridSetups, scalingSetups } from "./bench.js";
import { writeBenchResults, writeScaling } from "./bench-files.js";
import { profileSetups, writeProfile } from "./profile.js";

export const DEFAULT_BENCH = { batchSizes: [16, 32, 64], repeats: 3, scalingBatchSizes: [8, 16, 32, 64, 128], scalingWidths: [16, 32, 64, 128, 256] } as const;

export interface RunBenchOptions {
  /** The precision × batch-size grid (`run --bench`). */
  grid: boolean;
  scaling: boolean;
  /** Per-phase profile of the experiment's own setup (`run --profile`). */
  profile: boolean;
}

export function benchmarkForRun(exp: ResolvedExperiment, runId: string, runDir: string, data: LoadedData, compute: Compute, options: RunBenchOptions): Benchmarks {
  const meta = { runId, experiment: exp.name, seed: exp.config.seed, repeats: DEFAULT_BENCH.repeats, kernel: compute.name, threads: compute.threads };
  const train = { compute };
  const files: { path: string; kind: "benchmark" | "scaling" | "profiling" }[] = [];
  if (options.grid) {
    const results = benchmarkSetups(exp, gridSetups(exp, [...PRECISIONS], [...DEFAULT_BENCH.batchSizes]), { repeats: DEFAULT_BENCH.repeats, data, train });
    files.push(...writeBenchResults(runDir, meta, results).map((path) => ({ path, kind: "benchmark" as const })));
  }
  if (options.scaling) {
    const sweeps = scalingSetups(exp, [...DEFAULT_BENCH.scalingBatchSizes], [...DEFAULT_BENCH.scalingWidths]);
    const batch = benchmarkSetups(exp, sweeps.batch, { repeats: DEFAULT_BENCH.repeats, data, train });
    const width = benchmarkSetups(exp, sweeps.width, { repeats: DEFAULT_BENCH.repeats, data, train });
    files.push(...writeScaling(runDir, meta, batch, width).map((path) => ({ path, kind: "scaling" as const })));
  }
  if (options.profile) {
    const c = exp.config;
    const profiles = profileSetups(exp, [{ precision: c.precision, batchSize: c.batch_size, layerSizes: c.layer_sizes }], { repeats: DEFAULT_BENCH.repeats, data, compute });
    files.push(...writeProfile(runDir, meta, profiles).map((path) => ({ path, kind: "profiling" as const })));
  }
  return {
    kernel: compute.name,
    threads: compute.threads,
    artifacts: files.map(({ path, kind }) => {
      const bytes = readFileSync(path);
      return { path: relative(runDir, path), sha256: sha256Hex(bytes), bytes: bytes.length, kind };
    }),
  };
}


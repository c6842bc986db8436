// `run --bench/--scaling/--profile`: the benchmark of `repro-audit bench` with its defaults, run inside an
// audit so the report (and its checklist) can cite the outputs by path and SHA-256.

import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type { ResolvedExperiment } from "../config/load.js";
import { PRECISIONS } from "../config/schema.js";
import { sha256Hex } from "../io/hash.js";
import type { LoadedData } from "../harness/data.js";
import type { Compute } from "../harness/train-once.js";
import type { Benchmarks } from "../report/schema.js";
import { gridSetups, scalingSetups } from "./bench.js";
import { runBenchSuite } from "./suite.js";

export const DEFAULT_BENCH = { batchSizes: [16, 32, 64], repeats: 3, scalingBatchSizes: [8, 16, 32, 64, 128], scalingWidths: [16, 32, 64, 128, 256] } as const;

export interface RunBenchOptions {
  /** The precision × batch-size grid (`run --bench`). */
  grid: boolean;
  scaling: boolean;
  /** Per-phase profile of the experiment's own setup (`run --profile`). */
  profile: boolean;
}

export function benchmarkForRun(exp: ResolvedExperiment, runId: string, runDir: string, data: LoadedData, compute: Compute, options: RunBenchOptions): Benchmarks {
  const c = exp.config;
  const meta = { runId, experiment: exp.name, seed: c.seed, repeats: DEFAULT_BENCH.repeats, kernel: compute.name, threads: compute.threads };
  const { files } = runBenchSuite(exp, runDir, meta, {
    grid: options.grid ? gridSetups(exp, [...PRECISIONS], [...DEFAULT_BENCH.batchSizes]) : null,
    scaling: options.scaling ? scalingSetups(exp, [...DEFAULT_BENCH.scalingBatchSizes], [...DEFAULT_BENCH.scalingWidths]) : null,
    profile: options.profile ? [{ precision: c.precision, batchSize: c.batch_size, layerSizes: c.layer_sizes }] : null,
  }, { repeats: DEFAULT_BENCH.repeats, data, compute });
  return {
    kernel: compute.name,
    threads: compute.threads,
    artifacts: files.map(({ path, kind }) => {
      const bytes = readFileSync(path);
      return { path: relative(runDir, path), sha256: sha256Hex(bytes), bytes: bytes.length, kind };
    }),
  };
}

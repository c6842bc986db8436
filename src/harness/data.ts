// Loads the data an experiment trains on — synthetic-v1 from its own generator, or a real dataset
// through src/data — and describes it as a record for the report.

import type { ResolvedExperiment } from "../config/load.js";
import { loadRealData } from "../data/real.js";
import type { DataRecord } from "../data/record.js";
import { realDataSpecFromConfig } from "../data/spec.js";
import { syntheticV1 } from "../data/synthetic.js";
import { classCounts } from "../data/validate.js";
import { sha256Hex } from "../io/hash.js";
import type { Dataset } from "../nn/dataset.js";
import { Generator } from "../rng/generator.js";

export interface SyntheticRecord {
  kind: "synthetic";
  version: "synthetic-v1";
  construction: string;
  seed: number;
  rows: number;
  features: number;
  classes: number;
  classCounts: number[];
  xSha256: string;
  ySha256: string;
}

export interface LoadedData {
  train: Dataset;
  test: Dataset | null;
  record: SyntheticRecord | DataRecord;
  /** Hashes of the arrays trained on (DESIGN.md §4), for the train record's `data` block. */
  xSha256: string;
  ySha256: string;
}

export function loadExperimentData(exp: ResolvedExperiment): LoadedData {
  const c = exp.config;
  const features = c.layer_sizes[0]!;
  const classes = c.layer_sizes[c.layer_sizes.length - 1]!;
  if (c.synthetic_mode) {
    const train = syntheticV1(Generator.fromSeed(c.seed), { n: c.synthetic_samples, features, classes });
    const xSha256 = sha256Hex(train.x);
    const ySha256 = sha256Hex(train.y);
    return {
      train,
      test: null,
      xSha256,
      ySha256,
      record: {
        kind: "synthetic",
        version: "synthetic-v1",
        construction: "rng = numpy.random.default_rng(seed); X = rng.standard_normal((rows, features)).astype(float32); y = rng.integers(0, classes, rows, dtype=int32)",
        seed: c.seed,
        rows: train.n,
        features,
        classes,
        classCounts: classCounts(train.y, classes),
        xSha256,
        ySha256,
      },
    };
  }
  const loaded = loadRealData(realDataSpecFromConfig(c, exp.baseDir));
  return { ...loaded, xSha256: loaded.record.train.xSha256, ySha256: loaded.record.train.ySha256 };
}

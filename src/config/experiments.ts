// The named experiments that ship with the tool (DESIGN.md §3), as layers over DEFAULTS. A user's
// file names one of them with `extends`; `repro-audit experiments` lists them.

import type { ExperimentConfig, ExperimentFile } from "./schema.js";

/** The defaults every experiment starts from: the reference project's baseline. */
export const DEFAULTS: ExperimentConfig = {
  dataset_version: "synthetic-v1",
  layer_sizes: [784, 64, 10],
  activations: ["relu", "softmax"],
  epochs: 2,
  alpha: 0.1,
  batch_size: 32,
  seed: 42,
  precision: "float32",
  hardware_constraint_mode: "off",
  synthetic_mode: true,
  synthetic_samples: 512,
  dataset_path: null,
  dataset_test_path: null,
  dataset_min_rows: 1000,
  dataset_auto_prepare: false,
  dataset_sha256: null,
  dropout_rate: 0,
  runner: "core",
  command: null,
  cwd: null,
  env: {},
  timeout_seconds: null,
  artifacts: [],
  metrics: null,
  fingerprint: [],
};

export interface NamedExperiment {
  description: string;
  layer: ExperimentFile;
}

export const NAMED_EXPERIMENTS: Record<string, NamedExperiment> = {
  baseline: {
    description: "[784,64,10] relu/softmax on 512 synthetic samples, 2 epochs, alpha 0.1, batch 32, seed 42.",
    layer: {},
  },
  real_fashion_mnist: {
    description: "The baseline net on Fashion-MNIST (bundled 10k train / 10k test unless configured), 3 epochs.",
    layer: {
      dataset_version: "fashion-mnist",
      epochs: 3,
      synthetic_mode: false,
      dataset_auto_prepare: true,
      dataset_min_rows: 1000,
    },
  },
};

export function namedExperimentNames(): string[] {
  return Object.keys(NAMED_EXPERIMENTS).sort();
}

// synthetic-v1: the built-in synthetic dataset, drawn from the DATA generator (a
// numpy.random.default_rng(seed) separate from the model's, seeded with the same seed):
//   X = rng.standard_normal(size=(n, features))  float64 -> float32 (round to nearest)
//   y = rng.integers(0, classes, size=n, dtype=np.int32)
// in that order. (rng.normal(size=...) with loc 0, scale 1 gives the same stream — checked against
// NumPy 2.4.) The labels are independent of X, so no model can beat chance on held-out data;
// the dataset exists to exercise and fingerprint the pipeline, not to learn.
// Not here: constructing the generator (callers pass Generator.fromSeed(seed)), file datasets.

import { DataError } from "../errors.js";
import type { Dataset } from "../nn/dataset.js";
import type { RandomSource } from "../rng/random-source.js";

export interface SyntheticOptions {
  n: number;
  features: number;
  classes: number;
}

export function syntheticV1(rng: RandomSource, { n, features, classes }: SyntheticOptions): Dataset {
  for (const [k, v] of [["n", n], ["features", features], ["classes", classes]] as const) {
    if (!Number.isSafeInteger(v) || v < 1) throw new DataError(`synthetic-v1: ${k} = ${String(v)} must be a positive integer`);
  }
  const normals = new Float64Array(n * features);
  rng.fillStandardNormal(normals);
  const x = Float32Array.from(normals);
  const y = new Int32Array(n);
  rng.fillIntegers32(y, 0, classes);
  return { x, y, n, features, classes };
}

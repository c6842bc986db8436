// What the training core needs from a random generator. `Generator` in ./generator.ts
// implements it, bit for bit like `numpy.random.Generator(PCG64)`.

import type { Pcg64State } from "./state.js";

export interface RandomSource {
  /** Next double in [0, 1): NumPy `rng.random()`. */
  random(): number;
  /** Fills `out` with doubles in [0, 1), in order: NumPy `rng.random(size=out.length)`. */
  fillRandom(out: Float64Array): void;
  /** Fills `out` with `low + (high - low) * random()`: NumPy `rng.uniform(low, high, size)`. */
  fillUniform(out: Float64Array, low: number, high: number): void;
  /** Fills `out` with standard normals (NumPy's ziggurat): `rng.standard_normal(size)`. */
  fillStandardNormal(out: Float64Array): void;
  /** Fills `out` with integers in [low, high): `rng.integers(low, high, size, dtype=np.int32)`. */
  fillIntegers32(out: Int32Array, low: number, high: number): void;
  /** A permutation of 0..n-1 as NumPy `rng.permutation(n)` gives it (int64 values). */
  permutation(n: number): Int32Array;
  getState(): Pcg64State;
  setState(state: Pcg64State): void;
}

// The arithmetic a kernel runs in: float32 (the product; every operation rounded with
// Math.fround) or float64 (no rounding; only for finite-difference gradient checks, where
// float32 noise would swamp the check). Kernels and layers take an `Arith` instead of
// hard-coding Math.fround so the same code serves both.
// Not here: float16/int8 precision modes, which are roundings applied *between* layers
// (float16.ts, quantize.ts) on top of float32 arithmetic.

/** A flat numeric buffer in the arithmetic's storage type. */
export type Vec = Float32Array | Float64Array;

export interface Arith {
  readonly name: "float32" | "float64";
  /** Rounds a float64 result to this arithmetic (float32: Math.fround; float64: identity). */
  readonly round: (x: number) => number;
  /** A zero-filled buffer of this arithmetic's storage type. */
  alloc(n: number): Vec;
}

export const F32: Arith = {
  name: "float32",
  round: Math.fround,
  alloc: (n) => new Float32Array(n),
};

function identity(x: number): number {
  return x;
}

export const F64: Arith = {
  name: "float64",
  round: identity,
  alloc: (n) => new Float64Array(n),
};

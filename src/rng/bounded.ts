// Bounded integers as NumPy's Generator draws them (numpy/random/src/distributions/
// distributions.c): `buffered_bounded_lemire_uint32` (D. Lemire, "Fast Random Integer Generation
// in an Interval", ACM TOMACS 29(1), 2019) on `next_uint32`, which for PCG64 consumes half a
// uint64 and buffers the other half (has_uint32/uinteger). `Generator.integers(..., dtype=int32)`
// (numpy/random/_bounded_integers.pyx.in `_rand_int32`, use_masked=False) and the per-swap
// `random_bounded_uint64(bitgen, 0, i, 0, 0)` of `Generator.shuffle` both land here for ranges
// below 2**32.
//
// Not here: the masked rejection sampler (legacy `RandomState`), 64-bit ranges, int8/int16 paths.

import type { Pcg64 } from "./pcg64.js";

/**
 * An integer in [0, rng] (inclusive), `rng` in [0, 2**32 - 1]: NumPy's
 * `random_bounded_uint64(bitgen, 0, rng, 0, use_masked=0)` for rng <= 0xFFFFFFFF.
 */
export function boundedUint32(bg: Pcg64, rng: number): number {
  if (rng === 0) return 0;
  if (rng === 0xffffffff) return bg.nextUint32();
  const rngExcl = rng + 1;
  // m = next_uint32 * rng_excl as a 64-bit product; we need its high and low 32 bits exactly.
  let u = bg.nextUint32();
  let pHigh = (u >>> 16) * rngExcl; // < 2**48
  let t = (pHigh % 65536) * 65536 + (u & 0xffff) * rngExcl; // < 2**49
  let leftover = t >>> 0;
  if (leftover < rngExcl) {
    const threshold = (0xffffffff - rng) % rngExcl;
    while (leftover < threshold) {
      u = bg.nextUint32();
      pHigh = (u >>> 16) * rngExcl;
      t = (pHigh % 65536) * 65536 + (u & 0xffff) * rngExcl;
      leftover = t >>> 0;
    }
  }
  return Math.floor(pHigh / 65536) + Math.floor(t / 4294967296);
}

/**
 * `random_interval(bitgen, max)` for max <= 0xFFFFFFFF: draw next_uint32 & mask (the smallest
 * all-ones mask >= max) until the value is <= max.
 */
export function intervalUint32(bg: Pcg64, max: number): number {
  if (max === 0) return 0;
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  let value: number;
  do {
    value = (bg.nextUint32() & mask) >>> 0;
  } while (value > max);
  return value;
}

/** The int32 bounds check of `_rand_int32` (endpoint=False); returns rng = high - 1 - low. */
export function int32Range(low: number, high: number): number {
  if (!Number.isInteger(low) || !Number.isInteger(high)) {
    throw new RangeError(`integers bounds must be integers (got low=${low}, high=${high})`);
  }
  if (low < -2147483648) throw new RangeError(`low is out of bounds for int32 (got ${low})`);
  if (high - 1 > 2147483647) throw new RangeError(`high is out of bounds for int32 (got ${high})`);
  if (low >= high) throw new RangeError(`low >= high (got low=${low}, high=${high})`);
  return high - 1 - low;
}

/** `random_bounded_uint32_fill` with off = low, written as int32 like `rng.integers(.., int32)`. */
export function fillBoundedInt32(bg: Pcg64, out: Int32Array, low: number, high: number): void {
  const rng = int32Range(low, high);
  for (let i = 0; i < out.length; i++) out[i] = (low + boundedUint32(bg, rng)) | 0;
}

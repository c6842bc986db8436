// Inverted dropout on hidden activations (Srivastava et al. 2014, "inverted" scaling at train time).
// Draws u = rng.random(size=(B, width)) row-major from the MODEL generator, then
//   mask = (u < keep) / keep   with keep = 1 - rate in float64, compared in float64,
// and the division done as NumPy 2 does it for a float32 array and a Python float (NEP 50: the
// Python scalar is weak, so float32(1) / float32(keep)): mask is r(1 / r(keep)) or 0.
// Applied as a_drop = r(a * mask); in backward dA = r(dA * mask). Rate 0 draws nothing (callers
// do not call drawDropoutMask at all).

import type { Arith, Vec } from "./arith.js";
import type { RandomSource } from "../rng/random-source.js";

/** Fills mask[0, n) from n uniform draws. `u` is scratch of length >= n. */
export function drawDropoutMask(ar: Arith, rng: RandomSource, rate: number, mask: Vec, u: Float64Array, n: number): void {
  const keep = 1 - rate;
  const scale = ar.round(1 / ar.round(keep));
  const draws = u.length === n ? u : u.subarray(0, n);
  rng.fillRandom(draws);
  for (let i = 0; i < n; i++) mask[i] = draws[i]! < keep ? scale : 0;
}

/** out = r(a * mask) elementwise over n entries (forward and backward alike). */
export function applyMask(ar: Arith, a: Vec, mask: Vec, out: Vec, n: number): void {
  const r = ar.round;
  for (let i = 0; i < n; i++) out[i] = r(a[i]! * mask[i]!);
}

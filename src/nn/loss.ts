// Softmax + mean cross-entropy, forward and backward side by side, fused as usual because the
// gradient through both is simply (p - onehot(y)) / B.
// B = batch rows, O = classes. z, p, dZ: (B, O) row-major; y: (B) class indices.
//   forward, per row: m = max_j z (sequential; NaN wins), e_j = r(exp(r(z_j - m))),
//     s = sequential r(s + e_j) from 0, p_j = r(e_j / s)            (max-shifted softmax)
//   per-sample loss  l_i = r(-log(clip(p[i, y_i], r(1e-12), 1)))  (float32, like NumPy's float32
//                    np.log; rounding also hides last-bit differences between libm implementations)
//   batch loss       sum of l_i sequentially in float64, divided by B
//   backward         dZ[i,j] = r(r(p[i,j] - (j == y_i ? 1 : 0)) / B)
// NumPy equivalent: see scripts/reference/mlp_reference.py `softmax`, `cross_entropy_sum`.
// Not here: float16 rounding of p (network.ts applies it between these two calls).

import type { Arith, Vec } from "./arith.js";
import { exp, log } from "./math.js";

/** p = softmax(z) row-wise. */
export function softmaxForward(ar: Arith, z: Vec, p: Vec, B: number, O: number): void {
  const r = ar.round;
  for (let i = 0; i < B; i++) {
    const row = i * O;
    let m = z[row]!;
    for (let j = 1; j < O; j++) {
      const v = z[row + j]!;
      if (v > m || Number.isNaN(v)) m = v;
    }
    let s = 0;
    for (let j = 0; j < O; j++) {
      const e = r(exp(r(z[row + j]! - m)));
      p[row + j] = e;
      s = r(s + e);
    }
    for (let j = 0; j < O; j++) p[row + j] = r(p[row + j]! / s);
  }
}

/**
 * `start` plus the per-row losses r(-log(clip(p[i, y_i], 1e-12, 1))), added one by one in float64.
 * Passing the running total as `start` keeps a chunked sum identical to one sequential sum.
 */
export function crossEntropySum(ar: Arith, p: Vec, y: Int32Array, yOffset: number, B: number, O: number, start = 0): number {
  const r = ar.round;
  const pMin = r(1e-12);
  let total = start;
  for (let i = 0; i < B; i++) {
    const q = p[i * O + y[yOffset + i]!]!;
    total += r(-log(Math.min(Math.max(q, pMin), 1)));
  }
  return total;
}

/** Mean cross-entropy of softmax(z) against y; fills p. Returns the float64 batch loss. */
export function softmaxCrossEntropyForward(ar: Arith, z: Vec, p: Vec, y: Int32Array, yOffset: number, B: number, O: number): number {
  softmaxForward(ar, z, p, B, O);
  return crossEntropySum(ar, p, y, yOffset, B, O) / B;
}

/** dZ = (p - onehot(y)) / B, the gradient of the mean loss with respect to the logits. */
export function softmaxCrossEntropyBackward(ar: Arith, p: Vec, y: Int32Array, yOffset: number, dZ: Vec, B: number, O: number): void {
  const r = ar.round;
  for (let i = 0; i < B; i++) {
    const row = i * O;
    const label = y[yOffset + i]!;
    for (let j = 0; j < O; j++) dZ[row + j] = r(r(p[row + j]! - (j === label ? 1 : 0)) / B);
  }
}

/** Index of the largest value in row i (first index wins ties; a NaN wins, as np.argmax). */
export function argmaxRow(p: Vec, i: number, O: number): number {
  const row = i * O;
  let best = 0;
  let bestV = p[row]!;
  if (Number.isNaN(bestV)) return 0;
  for (let j = 1; j < O; j++) {
    const v = p[row + j]!;
    if (Number.isNaN(v)) return j;
    if (v > bestV) {
      bestV = v;
      best = j;
    }
  }
  return best;
}

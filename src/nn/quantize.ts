// Simulated symmetric int8 quantisation for the int8 precision mode (inference only; training
// stays float32). Per tensor for weights, per row (per sample) for activations, so evaluating in
// chunks gives the same result as evaluating all rows at once.
//   s = float32(max|v| / 127);  q = clamp(roundHalfEven(float32(v / s)), -127, 127);  v' = float32(q * s)
// A tensor (or row) that is all zeros has s = 0 and stays zero. Non-finite inputs propagate NaN.
// NumPy equivalent (float32 arrays): s = np.abs(v).max() / np.float32(127); q = np.clip(np.rint(v / s), -127, 127); q * s.
// Not here: where quantisation is applied (network.ts: weights at evaluation, each layer's input).

/** Round half to even (IEEE roundTiesToEven), as NumPy's `np.rint`. */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const d = x - f;
  const r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  return r === 0 && x < 0 ? -0 : r; // np.rint(-0.3) is -0.0
}

/** Quantises v[start, end) with one symmetric scale, writing the dequantised values to out. */
export function quantizeSymmetricRange(v: Float32Array, out: Float32Array, start: number, end: number): void {
  let maxAbs = 0;
  for (let i = start; i < end; i++) {
    const a = Math.abs(v[i]!);
    if (a > maxAbs || Number.isNaN(a)) maxAbs = a;
  }
  const s = Math.fround(maxAbs / 127);
  if (s === 0) {
    out.fill(0, start, end);
    return;
  }
  for (let i = start; i < end; i++) {
    const q = Math.min(127, Math.max(-127, roundHalfEven(Math.fround(v[i]! / s))));
    out[i] = Math.fround(q * s);
  }
}

/** Per-tensor symmetric int8 quantisation of a weight tensor; returns a new array. */
export function quantizeTensor(w: Float32Array): Float32Array {
  const out = new Float32Array(w.length);
  quantizeSymmetricRange(w, out, 0, w.length);
  return out;
}

/** Per-row symmetric int8 quantisation of a (rows, cols) activation matrix, in place. */
export function quantizeRowsInPlace(a: Float32Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) quantizeSymmetricRange(a, a, i * cols, (i + 1) * cols);
}

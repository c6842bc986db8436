// Rounding float32 values to IEEE 754 binary16 (half precision) and back, exactly like NumPy's
// `x.astype(np.float16).astype(np.float32)` for a float32 array x: round to nearest, ties to even;
// magnitudes that round above 65504 become ±inf; half subnormals (multiples of 2^-24 below 2^-14)
// are produced correctly; the sign of zero is kept. NaN stays NaN (payload not preserved).
// Node 20 has no Math.f16round, hence this file.
// Not here: deciding *where* the float16 mode rounds (model.ts / network.ts).

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float16 value nearest to float32(x), as a number. */
export function roundToFloat16(x: number): number {
  if (Number.isNaN(x)) return NaN;
  f32[0] = x;
  const bits = u32[0]!;
  const negative = bits >>> 31 === 1;
  const a = Math.abs(f32[0]);
  if (a === Infinity) return f32[0];
  // Half precision keeps 11 significant bits for normals (exponent >= -14) and a fixed quantum of
  // 2^-24 below. Adding c = 2^(e+42) makes float64 addition round `a` to a multiple of 2^(e-10)
  // with ties-to-even; subtracting c again is exact.
  const e = Math.max(((bits >>> 23) & 0xff) - 127, -14);
  const c = 2 ** (e + 42);
  let r = a + c - c;
  if (r > 65504) r = Infinity;
  return negative ? -r : r;
}

/** Rounds every element of `a` to float16 in place. */
export function roundArrayToFloat16(a: Float32Array | Float64Array): void {
  for (let i = 0; i < a.length; i++) a[i] = roundToFloat16(a[i]!);
}

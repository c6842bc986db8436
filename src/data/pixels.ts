// Pixel scaling for real image data: uint8 0..255 -> float32 x/255.
//
// Definition (recorded in every data record as PREPROCESSING): x = Math.fround(v / 255), i.e. the
// quotient computed in float64 and rounded once to float32. For integers 0 <= v <= 255 this is the
// correctly rounded float32 quotient, so it equals NumPy 2's `arr.astype(np.float32) / 255`
// (float32 true_divide, IEEE 754 round-to-nearest-even): a float64 quotient of two float32 values
// rounded to float32 is the correctly rounded float32 quotient (double rounding is innocuous for
// division since 53 >= 2*24 + 2; Figueroa, "When is double rounding innocuous?", 1995).
// test/fixtures/data/unit-scale-f32.json holds NumPy's 256 results as bit patterns.
// Not here: reading files (idx.ts, csv.ts).

/** The preprocessing applied to pixels, as recorded in data records. */
export const PREPROCESSING = "x/255 as float32 (Math.fround(v/255) == numpy arr.astype(np.float32)/255)";

/** The 256 possible scaled values, indexed by byte value. */
export const UNIT_SCALE: Float32Array = (() => {
  const t = new Float32Array(256);
  for (let v = 0; v < 256; v++) t[v] = Math.fround(v / 255);
  return t;
})();

/** Scales pixel bytes into a new float32 array (a table lookup per byte: one tight loop). */
export function scaleBytes(bytes: Uint8Array): Float32Array {
  const n = bytes.length;
  const out = new Float32Array(n);
  const t = UNIT_SCALE;
  for (let i = 0; i < n; i++) out[i] = t[bytes[i]!]!;
  return out;
}

/** Scales one pixel value that is a number 0..255 (CSV cells; may be non-integer). */
export function scaleValue(v: number): number {
  return Math.fround(v / 255);
}

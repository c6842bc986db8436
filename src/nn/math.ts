// The one place the training core gets its transcendental functions (exp, log, tanh) from.
// Every kernel (reference, fast, float64 checks) calls these, so swapping in our own
// implementation later changes every kernel at once and keeps them bit-identical.
//
// Contract: each function returns a float64 value; callers round it to their arithmetic
// (Math.fround for float32). Today they are V8's Math.exp/log/tanh (fdlibm ports). The NumPy
// oracle (scripts/reference/mlp_reference.py) mirrors this by evaluating in float64 and casting
// to float32, so the two agree unless the libms differ across a float32 rounding boundary,
// which for these inputs has not been observed.
// Not here: rounding, activations (see activations.ts), float16 (float16.ts).

/** e^x in float64. */
export function exp(x: number): number {
  return Math.exp(x);
}

/** Natural logarithm in float64. */
export function log(x: number): number {
  return Math.log(x);
}

/** Hyperbolic tangent in float64. */
export function tanh(x: number): number {
  return Math.tanh(x);
}

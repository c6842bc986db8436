// Test inputs for kernel bit-identity checks: deterministic values (a small LCG, no Math.random)
// that span ordinary magnitudes, tiny ones, subnormals and signed zeros; and the uint32 bit patterns
// of a float32 array, so comparisons are exact.

export function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32 - 0.5;
    out[i] = i % 97 === 3 ? -0 : i % 89 === 5 ? 1e-42 * Math.sign(u) : u * (i % 7 === 0 ? 1e-30 : 3);
  }
  return out;
}

/** The float32 bit patterns of `a` (a copy, so views into shared kernel memory are safe). */
export function bits(a: Float32Array): Uint32Array {
  return new Uint32Array(Float32Array.from(a).buffer);
}

// Test helpers for the training core: a named closeness check and a tiny deterministic
// RandomSource for unit tests (NOT NumPy-compatible; the golden tests use the real Generator).

import { expect } from "vitest";
import type { RandomSource } from "../../src/rng/random-source.js";
import type { Pcg64State } from "../../src/rng/state.js";

/** Asserts |actual - expected| <= tol * max(1, |expected|) elementwise; names the tensor and the worst mismatch. */
export function checkClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string, tol: number): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let worst = -1;
  let worstErr = 0;
  const bad: string[] = [];
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const err = Math.abs(a - e) / Math.max(1, Math.abs(e));
    if (!(err <= tol)) {
      if (bad.length < 5) bad.push(`[${i}] ${a} vs ${e}`);
      if (!(err <= worstErr)) {
        worstErr = err;
        worst = i;
      }
    }
  }
  if (bad.length > 0) throw new Error(`${label}: ${bad.length}+ mismatches (tol ${tol}), first: ${bad.join("; ")}; max rel diff ${worstErr} at ${worst}`);
}

/** splitmix64-style deterministic doubles; a test double, not a NumPy stream. */
export class TestRandom implements RandomSource {
  private s: bigint;
  constructor(seed: number) {
    this.s = BigInt(seed) & 0xffffffffffffffffn;
  }
  random(): number {
    this.s = (this.s + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
    let z = this.s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
    z ^= z >> 31n;
    return Number(z >> 11n) / 2 ** 53;
  }
  fillRandom(out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.random();
  }
  fillUniform(out: Float64Array, low: number, high: number): void {
    for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * this.random();
  }
  fillStandardNormal(out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(-2 * Math.log(1 - this.random())) * Math.cos(2 * Math.PI * this.random());
  }
  fillIntegers32(out: Int32Array, low: number, high: number): void {
    for (let i = 0; i < out.length; i++) out[i] = low + Math.floor(this.random() * (high - low));
  }
  permutation(n: number): Int32Array {
    const p = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [p[i], p[j]] = [p[j]!, p[i]!];
    }
    return p;
  }
  getState(): Pcg64State {
    throw new Error("TestRandom has no PCG64 state");
  }
  setState(): void {
    throw new Error("TestRandom has no PCG64 state");
  }
}

// Generator draws vs NumPy's own output for default_rng(seed), bit for bit.
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/io/hash.js";
import { Generator, hashPermutationInt64, hashRngState } from "../../src/rng/generator.js";
import { FIXTURES, expectSameDoubles, seedOf } from "./fixtures.js";

function fill(n: number, f: (out: Float64Array) => void): Float64Array {
  const out = new Float64Array(n);
  f(out);
  return out;
}

describe.each(FIXTURES.map((f) => [f.seed, f] as const))("default_rng(%s)", (_seed, f) => {
  const fresh = (): Generator => Generator.fromSeed(seedOf(f));

  it("initial state equals NumPy's bit_generator.state, and its canonical hash", () => {
    const g = fresh();
    expect(g.getState()).toEqual(f.initialState);
    expect(hashRngState(g.getState())).toBe(f.initialStateSha256Canonical);
  });

  it("random(20)", () => {
    const g = fresh();
    expectSameDoubles(fill(20, (o) => g.fillRandom(o)), f.doubles20, "random");
    expect(fresh().random()).toBe(Number(f.doubles20[0]));
  });

  it("uniform(-0.5, 0.5, 10)", () => {
    const g = fresh();
    expectSameDoubles(fill(10, (o) => g.fillUniform(o, -0.5, 0.5)), f.uniformMinusHalfHalf10, "uniform");
    expect(fresh().uniform(-0.5, 0.5)).toBe(Number(f.uniformMinusHalfHalf10[0]));
  });

  it("standard_normal(50)", () => {
    const g = fresh();
    expectSameDoubles(fill(50, (o) => g.fillStandardNormal(o)), f.normals50, "normal");
    expect(fresh().standardNormal()).toBe(Number(f.normals50[0]));
  });

  it("standard_normal(100000): hash, tail-path values, last value, state after", () => {
    const g = fresh();
    const z = fill(100_000, (o) => g.fillStandardNormal(o));
    expect(f.normals100k.tail.length).toBeGreaterThan(0); // the ziggurat tail path is exercised
    for (const t of f.normals100k.tail) expect(z[t.index], `z[${t.index}]`).toBe(Number(t.value));
    expect(z[z.length - 1]).toBe(Number(f.normals100k.last));
    expect(sha256Hex(z)).toBe(f.normals100k.sha256);
    expect(g.getState()).toEqual(f.normals100k.stateAfter);
  });

  it("integers(low, high, size, dtype=int32) incl. rejection-heavy and full ranges", () => {
    for (const c of f.integers32) {
      const g = fresh();
      const out = new Int32Array(c.n);
      g.fillIntegers32(out, c.low, c.high);
      const label = `integers(${c.low}, ${c.high})`;
      expect([...out.subarray(0, c.first.length)], label).toEqual(c.first);
      expect(sha256Hex(out), label).toBe(c.sha256);
      expect(g.getState(), label).toEqual(c.stateAfter);
    }
  });

  it("scalar integers(0, 10, dtype=int32) five times", () => {
    const g = fresh();
    const s = f.integers32Scalar;
    const got = Array.from({ length: s.values.length }, () => g.integers32(s.low, s.high));
    expect(got).toEqual(s.values);
    expect(g.getState()).toEqual(s.stateAfter);
  });

  it("permutation(10) and permutation(60000) (int64 bytes hash)", () => {
    const g = fresh();
    expect([...g.permutation(10)]).toEqual(f.permutation10);
    expect(g.getState()).toEqual(f.permutation10StateAfter);
    const h = fresh();
    const p = h.permutation(60000);
    expect([...p.subarray(0, 10)]).toEqual(f.permutation60000.first);
    expect(hashPermutationInt64(p)).toBe(f.permutation60000.sha256);
    expect(h.getState()).toEqual(f.permutation60000.stateAfter);
  });

  it("weight init: uniform(-lim, lim, (784, 64)) float64 -> float32", () => {
    const g = fresh();
    const lim = Math.sqrt(6 / (784 + 64));
    expect(lim).toBe(Number(f.weightInit784x64.lim));
    const w = Float32Array.from(fill(784 * 64, (o) => g.fillUniform(o, -lim, lim)));
    expectSameDoubles(w.subarray(0, 5), f.weightInit784x64.first, "W1");
    expect(sha256Hex(w)).toBe(f.weightInit784x64.sha256Float32);
    expect(g.getState()).toEqual(f.weightInit784x64.stateAfter);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PCG64_MULTIPLIER, Pcg64 } from "../../src/rng/pcg64.js";
import { SeedSequence } from "../../src/rng/seed-sequence.js";
import { FIXTURES, seedOf } from "./fixtures.js";

function seeded(seed: number | bigint): Pcg64 {
  return Pcg64.fromSeedWords(new SeedSequence(seed).generateState64(4));
}

describe("PCG64 matches numpy.random.PCG64", () => {
  it("header comment's known output: seed 42 gives 0.7739560485559633 and raw 14276969152011380360", () => {
    expect(seeded(42).nextDouble()).toBe(0.7739560485559633);
    const g = seeded(42);
    g.nextUint64();
    expect(g.lastUint64()).toBe(14276969152011380360n);
  });

  for (const f of FIXTURES) {
    it(`seed ${f.seed}: seeded state and first 5 random_raw outputs`, () => {
      const g = seeded(seedOf(f));
      const raw = g.getRaw();
      expect(raw.state.toString()).toBe(f.initialState.state.state);
      expect(raw.inc.toString()).toBe(f.initialState.state.inc);
      const out: string[] = [];
      for (let i = 0; i < 5; i++) {
        g.nextUint64();
        out.push(g.lastUint64().toString());
      }
      expect(out).toEqual(f.raw5);
    });
  }

  it("next_uint32 returns the low half of a uint64 first and buffers the high half", () => {
    const f = FIXTURES[0]!;
    const g = seeded(seedOf(f));
    const want = BigInt(f.raw5[0]!);
    expect(g.nextUint32()).toBe(Number(want & 0xffffffffn));
    expect(g.getRaw().hasUint32).toBe(true);
    expect(g.getRaw().uinteger).toBe(Number(want >> 32n));
    expect(g.nextUint32()).toBe(Number(want >> 32n));
    expect(g.getRaw().hasUint32).toBe(false);
    g.nextUint64();
    expect(g.lastUint64().toString()).toBe(f.raw5[1]);
  });

  it("limb arithmetic equals a BigInt reference of step + XSL-RR for arbitrary 128-bit states", () => {
    const M128 = (1n << 128n) - 1n;
    const M64 = (1n << 64n) - 1n;
    const reference = (state: bigint, inc: bigint): { state: bigint; out: bigint } => {
      const s = (state * PCG64_MULTIPLIER + inc) & M128;
      const x = ((s >> 64n) ^ s) & M64;
      const rot = s >> 122n;
      const out = ((x >> rot) | (x << ((64n - rot) & 63n))) & M64;
      return { state: s, out };
    };
    const u128 = fc.oneof(fc.bigInt({ min: 0n, max: M128 }), fc.constantFrom(0n, 1n, M128, M128 - 1n, 1n << 127n));
    fc.assert(
      fc.property(u128, u128, (state, inc) => {
        const g = Pcg64.fromRaw({ state, inc, hasUint32: false, uinteger: 0 });
        let want = { state, out: 0n };
        for (let i = 0; i < 3; i++) {
          want = reference(want.state, inc);
          g.nextUint64();
          expect(g.lastUint64()).toBe(want.out);
        }
        expect(g.getRaw().state).toBe(want.state);
        expect(g.getRaw().inc).toBe(inc);
      }),
      { numRuns: 500, seed: 20240601 },
    );
  });

  it("rejects out-of-range raw states", () => {
    expect(() => Pcg64.fromRaw({ state: 1n << 128n, inc: 1n, hasUint32: false, uinteger: 0 })).toThrow(RangeError);
    expect(() => Pcg64.fromRaw({ state: 0n, inc: -1n, hasUint32: false, uinteger: 0 })).toThrow(RangeError);
  });
});

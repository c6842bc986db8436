import { describe, expect, it } from "vitest";
import { SeedSequence, seedToWords } from "../../src/rng/seed-sequence.js";
import { FIXTURES, seedOf } from "./fixtures.js";

describe("SeedSequence matches numpy.random.SeedSequence", () => {
  for (const f of FIXTURES) {
    it(`seed ${f.seed}: pool and generate_state(4, uint64)`, () => {
      const ss = new SeedSequence(seedOf(f));
      expect([...ss.pool]).toEqual(f.seedSequence.pool);
      expect(ss.generateState64(4).map(String)).toEqual(f.seedSequence.generateState4u64);
    });
  }

  it("takes the same seed as number or bigint", () => {
    expect([...new SeedSequence(12345).pool]).toEqual([...new SeedSequence(12345n).pool]);
  });

  it("splits seeds into little-endian uint32 words like _int_to_uint32_array", () => {
    expect([...seedToWords(0)]).toEqual([0]);
    expect([...seedToWords(2 ** 32 + 5)]).toEqual([5, 1]);
    expect([...seedToWords(2n ** 63n)]).toEqual([0, 0x80000000]);
  });

  it("rejects negative, non-integer and unsafe seeds with RangeError", () => {
    for (const bad of [-1, -1n, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(() => new SeedSequence(bad), String(bad)).toThrow(RangeError);
    }
    expect(() => new SeedSequence("3" as unknown as number)).toThrow(RangeError);
  });
});

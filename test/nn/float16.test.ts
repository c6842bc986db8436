// float16 rounding against NumPy's x.astype(np.float16).astype(np.float32) (golden bit patterns
// from scripts/reference/float16_golden.py): ties to even, subnormals, overflow, signed zero.

import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { roundToFloat16 } from "../../src/nn/float16.js";

const golden = JSON.parse(readFileSync(new URL("../fixtures/reference/float16.json", import.meta.url), "utf8")) as { inputBits: number[]; outputBits: number[] };

test("roundToFloat16 matches NumPy bit for bit (NaN: any NaN)", () => {
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  const mismatches: string[] = [];
  golden.inputBits.forEach((bits, i) => {
    u[0] = bits;
    const x = f[0]!;
    f[0] = roundToFloat16(x);
    const got = u[0]!;
    const want = golden.outputBits[i]!;
    const bothNaN = Number.isNaN(f[0]) && (want & 0x7f800000) === 0x7f800000 && (want & 0x7fffff) !== 0;
    if (got !== want && !bothNaN) mismatches.push(`x=${x} (0x${bits.toString(16)}): got 0x${got.toString(16)}, NumPy 0x${want.toString(16)}`);
  });
  expect(mismatches.slice(0, 5)).toEqual([]);
  expect(golden.inputBits.length).toBeGreaterThan(600);
});

test("named edge cases", () => {
  expect(Object.is(roundToFloat16(-0), -0)).toBe(true);
  expect(roundToFloat16(65504)).toBe(65504);
  expect(roundToFloat16(65520)).toBe(Infinity); // tie above max rounds to even -> overflow
  expect(roundToFloat16(65519)).toBe(65504);
  expect(roundToFloat16(2 ** -25)).toBe(0); // tie with 0 and 2^-24 -> even (0)
  expect(roundToFloat16(3 * 2 ** -25)).toBe(2 ** -23); // tie -> even
  expect(roundToFloat16(1 + 2 ** -11)).toBe(1);
  expect(roundToFloat16(2049)).toBe(2048);
});

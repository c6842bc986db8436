// Pixel scaling against NumPy 2: (arr.astype(np.float32) / 255), as float32 bit patterns made by
// test/fixtures/data/make-golden.py.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scaleBytes, UNIT_SCALE } from "../../src/data/pixels.js";

const golden = JSON.parse(readFileSync(new URL("../fixtures/data/unit-scale-f32.json", import.meta.url), "utf8")) as { bits: number[] };

describe("pixel scaling x/255 as float32", () => {
  it("equals NumPy's float32 division for all 256 byte values, bit for bit", () => {
    expect(golden.bits).toHaveLength(256);
    const bits = new Uint32Array(UNIT_SCALE.buffer);
    const mismatches = golden.bits.flatMap((b, v) => (bits[v] === b ? [] : [v]));
    expect(mismatches).toEqual([]);
  });

  it("scaleBytes maps each byte through the same table", () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) % 256);
    const x = scaleBytes(bytes);
    const bits = new Uint32Array(x.buffer);
    for (let i = 0; i < bytes.length; i++) expect(bits[i]).toBe(golden.bits[bytes[i]!]);
  });
});

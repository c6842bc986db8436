// Property: every parser, fed a random corruption (truncation, byte flips, inserted bytes) of a
// valid small file (IDX images/labels raw and gzip'd, CSV raw and gzip'd), either returns a
// well-formed result or throws DataError — never another exception, never a hang.

import fc from "fast-check";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DataError } from "../../src/errors.js";
import { parseCsv } from "../../src/data/csv.js";
import { maybeGunzip } from "../../src/data/gzip.js";
import { parseIdxImages, parseIdxLabels } from "../../src/data/idx.js";
import { csvText, idxImages, idxLabels } from "./helpers.js";

type Corruption = { kind: "truncate"; at: number } | { kind: "flip"; at: number; mask: number } | { kind: "insert"; at: number; bytes: number[] };

const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }),
);

function corrupt(input: Uint8Array, cs: Corruption[]): Uint8Array {
  let b = Uint8Array.from(input);
  for (const c of cs) {
    if (b.length === 0) break;
    const at = c.at % (b.length + 1);
    if (c.kind === "truncate") b = b.subarray(0, at);
    else if (c.kind === "flip") b[at % b.length]! ^= c.mask;
    else {
      const out = new Uint8Array(b.length + c.bytes.length);
      out.set(b.subarray(0, at), 0);
      out.set(c.bytes, at);
      out.set(b.subarray(at), at + c.bytes.length);
      b = out;
    }
  }
  return b;
}

/** Runs `parse` on a corrupted copy; returns "ok" or "DataError", rethrowing anything else. */
function outcome(parse: (b: Uint8Array) => void, bytes: Uint8Array): "ok" | "DataError" {
  try {
    parse(bytes);
    return "ok";
  } catch (err) {
    if (err instanceof DataError) return "DataError";
    throw err;
  }
}

const images = (b: Uint8Array) => {
  const r = parseIdxImages(maybeGunzip(b, "f", "images"), "f");
  expect(r.rows * r.cols).toBe(784);
  expect(r.pixels.length).toBe(r.count * 784);
};
const labels = (b: Uint8Array) => {
  const y = parseIdxLabels(maybeGunzip(b, "f", "labels"), "f");
  for (const v of y) expect(v >= 0 && v <= 255).toBe(true);
};
const csv = (b: Uint8Array) => {
  const t = parseCsv(maybeGunzip(b, "f", "CSV"), "f");
  expect(t.x.length).toBe(t.n * t.features);
  expect(t.y.length).toBe(t.n);
  for (const v of t.x) expect(v >= 0 && v <= 1).toBe(true);
  for (const v of t.y) expect(Number.isInteger(v)).toBe(true);
};

const validImages = idxImages(3);
const validLabels = idxLabels([9, 0, 3]);
const validCsv = new TextEncoder().encode(csvText([9, 0, 3]));

const cases: Array<[string, (b: Uint8Array) => void, Uint8Array]> = [
  ["IDX images (raw)", images, validImages],
  ["IDX images (gzip)", images, gzipSync(validImages)],
  ["IDX labels (raw)", labels, validLabels],
  ["IDX labels (gzip)", labels, gzipSync(validLabels)],
  ["CSV (raw)", csv, validCsv],
  ["CSV (gzip)", csv, gzipSync(validCsv)],
];

describe("parsers under random corruption", () => {
  for (const [name, parse, valid] of cases) {
    it(`${name}: parses to a valid result or throws DataError`, () => {
      expect(outcome(parse, valid)).toBe("ok");
      const seen = new Set<string>();
      fc.assert(
        fc.property(fc.array(corruption, { minLength: 1, maxLength: 3 }), (cs) => {
          seen.add(outcome(parse, corrupt(valid, cs)));
        }),
        { numRuns: 400, seed: 20240601 },
      );
      expect(seen.has("DataError")).toBe(true); // the corruptions do reach the error paths
    });
  }
});

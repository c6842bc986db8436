// Loads the NumPy-made golden vectors in test/fixtures/rng (made by
// scripts/fixtures/make_rng_fixtures.py) and compares doubles exactly.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { Pcg64State } from "../../src/rng/state.js";

const DIR = fileURLToPath(new URL("../fixtures/rng/", import.meta.url));

export interface IntsCase { low: number; high: number; n: number; first: number[]; sha256: string; stateAfter: Pcg64State }
export type MixedStep =
  | { op: "random"; n: number; values: string[]; stateAfter: Pcg64State }
  | { op: "integers32"; low: number; high: number; n: number; values: number[]; stateAfter: Pcg64State }
  | { op: "standardNormal"; n: number; values: string[]; stateAfter: Pcg64State }
  | { op: "permutation"; n: number; values: number[]; stateAfter: Pcg64State }
  | { op: "uniform"; low: number; high: number; n: number; values: string[]; stateAfter: Pcg64State };

export interface SeedFixture {
  seed: string;
  seedSequence: { pool: number[]; generateState4u64: string[] };
  initialState: Pcg64State;
  initialStateSha256Canonical: string;
  raw5: string[];
  doubles20: string[];
  uniformMinusHalfHalf10: string[];
  normals50: string[];
  normals100k: { sha256: string; tail: { index: number; value: string }[]; last: string; stateAfter: Pcg64State };
  integers32: IntsCase[];
  integers32Scalar: { low: number; high: number; values: number[]; stateAfter: Pcg64State };
  permutation10: number[];
  permutation10StateAfter: Pcg64State;
  permutation60000: { sha256: string; first: number[]; stateAfter: Pcg64State };
  mixed: MixedStep[];
  weightInit784x64: { lim: string; sha256Float32: string; first: string[]; stateAfter: Pcg64State };
}

export const META = JSON.parse(readFileSync(DIR + "meta.json", "utf8")) as { numpy: string; seeds: string[] };

export const FIXTURES: SeedFixture[] = META.seeds.map(
  (s) => JSON.parse(readFileSync(`${DIR}seed-${s}.json`, "utf8")) as SeedFixture,
);

/** The fixture's seed as the API takes it: a number when safe, else a bigint. */
export function seedOf(f: SeedFixture): number | bigint {
  const b = BigInt(f.seed);
  return b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}

/** Asserts doubles equal NumPy's repr strings exactly (Object.is), naming the first mismatch. */
export function expectSameDoubles(actual: ArrayLike<number>, expected: string[], label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const want = Number(expected[i]);
    if (!Object.is(actual[i], want)) {
      expect.fail(`${label}[${i}]: got ${String(actual[i])}, NumPy gives ${expected[i]}`);
    }
  }
}

// The manifest protocol. The committed fixture was written by examples/python-numpy/train.py
// (NumPy), so its hashes are the oracle for repro-audit's own RNG and RFC 8785 hashing.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sha256Canonical } from "../../src/io/hash.js";
import { Generator, hashPermutationInt64 } from "../../src/rng/generator.js";
import { ManifestError, readManifest } from "../../src/runner/manifest.js";

const fixturePath = join(import.meta.dirname, "..", "fixtures", "runner", "numpy-manifest-seed7.json");
const fixture = JSON.parse(readFileSync(fixturePath, "utf8"));
const dir = mkdtempSync(join(tmpdir(), "manifest-"));
let count = 0;
const write = (value: unknown) => {
  const p = join(dir, `m${count++}.json`);
  writeFileSync(p, typeof value === "string" ? value : JSON.stringify(value));
  return p;
};

describe("manifest protocol", () => {
  it("reads the NumPy example's manifest; its hashes agree with repro-audit's RNG and hashing", () => {
    const m = readManifest(fixturePath)!;
    expect(m.trace).toHaveLength(5);
    expect(m.metrics?.metrics).toEqual({ accuracy: fixture.metrics.accuracy, final_loss: fixture.metrics.final_loss });
    // Our PCG64 from seed 7 starts where NumPy's does (128-bit decimal strings).
    const g = Generator.fromSeed(7);
    expect(g.getState()).toEqual(m.rngState!.start);
    // The script draws uniform(d=8) for init, then one permutation(512) per epoch.
    g.fillUniform(new Float64Array(8), -1, 1);
    expect(hashPermutationInt64(g.permutation(512))).toBe(m.trace[0]!.batchOrderSha256);
    // Python's sorted compact json.dumps is RFC 8785 for these values.
    expect(sha256Canonical(m.rngState!.end)).toBe(m.trace[4]!.rngSha256);
  });

  it("returns null when the program wrote no manifest", () => {
    expect(readManifest(join(dir, "absent.json"))).toBeNull();
  });

  it("turns a NaN loss in the ledger into null, like the core", () => {
    const m = readManifest(write('{"trace": [{"epoch": 1, "loss": NaN}]}'))!;
    expect(m.trace[0]).toMatchObject({ epoch: 1, loss: null, weightsSha256: null });
  });

  it("fails with a message naming the field and the fix", () => {
    const bad: [unknown, RegExp][] = [
      ["{not json", /not valid JSON/],
      [{ weightSha256: "a".repeat(64) }, /weightSha256: unknown field — did you mean "weightsSha256"\?/],
      [{ weightsSha256: "XYZ" }, /weightsSha256: must be a lowercase hex SHA-256/],
      [{ trace: [{ loss: 0.1 }] }, /trace\.0\.epoch/],
      [{ rngState: { start: { ...fixture.rngState.start, state: { state: 1, inc: 2 } }, end: fixture.rngState.end } }, /rngState\.start\.state\.state: .*decimal strings/],
      [{ metrics: [1] }, /metrics/],
    ];
    for (const [value, message] of bad) {
      let err: unknown;
      try {
        readManifest(write(value));
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(value)).toBeInstanceOf(ManifestError);
      expect((err as Error).message).toMatch(message);
    }
  });
});

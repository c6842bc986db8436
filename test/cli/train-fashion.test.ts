// `train --experiment real_fashion_mnist` against the NumPy float32 oracle
// (scripts/reference/fashion_reference.py → test/fixtures/reference/fashion-mnist.json).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";

const ref = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "reference", "fashion-mnist.json"), "utf8"));

describe("train --experiment real_fashion_mnist", () => {
  it("matches NumPy's test accuracy within 0.005 at seed 42, on the same data", () => {
    const r = runCli(["train", "-e", "real_fashion_mnist", "--json", "--out", tempDir()]);
    expect(r.code, r.stderr).toBe(0);
    const rec = JSON.parse(r.stdout);
    const numpy = ref.seeds.find((s: { seed: number }) => s.seed === 42);
    expect(rec.data.xSha256).toBe(ref.xSha256);
    expect(rec.data.ySha256).toBe(ref.ySha256);
    expect(rec.initialWeightsSha256).toBe(numpy.initialWeightsSha256);
    expect(Math.abs(rec.testAccuracy - numpy.testAccuracy)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(rec.testLoss - numpy.testLoss) / numpy.testLoss).toBeLessThan(1e-3);
    expect(rec.history).toHaveLength(3);
    for (const h of rec.history) expect(h.testAccuracy).toBeGreaterThan(0.5);
    expect(rec.data.testRows).toBe(10000);
  });
});

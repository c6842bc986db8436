// Golden end-to-end: the TS core against the NumPy oracle (scripts/reference/mlp_reference.py ->
// test/fixtures/reference/baseline.json). Data, initial weights and — because the oracle's "exact"
// mode sums in the contract's order — training history, final metrics and final weights must all
// be bit-identical. The plain-NumPy ("blas") run differs only in summation order: finalLoss within
// 1e-4 relative.

import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { syntheticV1 } from "../../src/data/synthetic.js";
import { sha256Hex } from "../../src/io/hash.js";
import { evaluate } from "../../src/nn/evaluate.js";
import { layerHashes, weightsSha256 } from "../../src/nn/hash.js";
import { createModel, type Model } from "../../src/nn/model.js";
import type { Activation, Precision } from "../../src/nn/spec.js";
import { trainModel, type EpochRecord } from "../../src/nn/train.js";
import { Generator } from "../../src/rng/generator.js";

interface Case {
  name: string; layerSizes: number[]; activations: Activation[]; epochs: number; alpha: number; batchSize: number;
  n: number; features: number; classes: number; precision: Precision; seed: number; dropoutRate: number;
}
interface Result {
  xSha256: string; ySha256: string; initialWeightsSha256: string; history: EpochRecord[];
  finalLoss: number; finalAccuracy: number; finalWeightsSha256: string; layerSha256: Record<string, string>;
}
type Metrics = Pick<Result, "finalLoss" | "finalAccuracy">;
interface Fixture {
  baseline: { case: Case; exact: Result; blas: Result; int8: Metrics; float16: Result }[];
  extra: { case: Case; exact: Result }[];
}

const fx = JSON.parse(readFileSync(new URL("../fixtures/reference/baseline.json", import.meta.url), "utf8")) as Fixture;

function runCase(c: Case, precision: Precision = c.precision): { model: Model; result: Result } {
  const data = syntheticV1(Generator.fromSeed(c.seed), { n: c.n, features: c.features, classes: c.classes });
  const rng = Generator.fromSeed(c.seed);
  const model = createModel({ layerSizes: c.layerSizes, activations: c.activations, dropoutRate: c.dropoutRate, precision }, rng);
  const initialWeightsSha256 = weightsSha256(model);
  const { history } = trainModel(model, data, rng, { epochs: c.epochs, alpha: c.alpha, batchSize: c.batchSize });
  const ev = evaluate(model, data);
  return {
    model,
    result: {
      xSha256: sha256Hex(data.x), ySha256: sha256Hex(data.y), initialWeightsSha256, history,
      finalLoss: ev.loss, finalAccuracy: ev.accuracy, finalWeightsSha256: weightsSha256(model), layerSha256: layerHashes(model),
    },
  };
}

describe("baseline [784,64,10] relu/softmax vs NumPy", () => {
  for (const g of fx.baseline) {
    test(g.case.name, () => {
      const { model, result: r } = runCase(g.case);
      // The brief's contract: three hashes equal, final loss within 1e-4 of plain NumPy.
      expect(r.xSha256).toBe(g.exact.xSha256);
      expect(r.ySha256).toBe(g.exact.ySha256);
      expect(r.initialWeightsSha256).toBe(g.exact.initialWeightsSha256);
      expect(r.initialWeightsSha256).toBe(g.blas.initialWeightsSha256);
      expect(Math.abs(r.finalLoss - g.blas.finalLoss) / g.blas.finalLoss).toBeLessThan(1e-4);
      // Stronger: bit-identical to the exact-order oracle.
      expect(r.history).toEqual(g.exact.history);
      expect(r.finalLoss).toBe(g.exact.finalLoss);
      expect(r.finalAccuracy).toBe(g.exact.finalAccuracy);
      expect(r.layerSha256).toEqual(g.exact.layerSha256);
      expect(r.finalWeightsSha256).toBe(g.exact.finalWeightsSha256);
      // int8 inference on the same trained weights.
      const i8 = evaluate(model, syntheticV1(Generator.fromSeed(g.case.seed), g.case), { precision: "int8" });
      expect(i8.loss).toBe(g.int8.finalLoss);
      expect(i8.accuracy).toBe(g.int8.finalAccuracy);
      expect(Math.abs(i8.accuracy - r.finalAccuracy)).toBeLessThanOrEqual(0.02);
    });
    test(`${g.case.name} float16`, () => {
      const { result: r } = runCase(g.case, "float16");
      expect(r.initialWeightsSha256).toBe(g.float16.initialWeightsSha256);
      expect(r.history).toEqual(g.float16.history);
      expect(r.finalLoss).toBe(g.float16.finalLoss);
      expect(r.finalAccuracy).toBe(g.float16.finalAccuracy);
      expect(r.finalWeightsSha256).toBe(g.float16.finalWeightsSha256);
    });
  }
});

describe("small nets exercising sigmoid, tanh, linear, dropout, odd batches, float16, int8", () => {
  for (const g of fx.extra) {
    test(g.case.name, () => {
      const { result: r } = runCase(g.case);
      expect(r).toEqual(g.exact);
    });
  }
});

describe("determinism", () => {
  const base = fx.baseline[0]!.case;
  test("two runs give identical weights; seeds 0 and 1 differ", () => {
    const small = { ...base, n: 128 };
    const a = runCase(small).result;
    const b = runCase(small).result;
    const c0 = runCase({ ...small, seed: 0 }).result;
    const c1 = runCase({ ...small, seed: 1 }).result;
    expect(b.finalWeightsSha256).toBe(a.finalWeightsSha256);
    expect(b.history).toEqual(a.history);
    expect(c0.finalWeightsSha256).not.toBe(c1.finalWeightsSha256);
    expect(c0.initialWeightsSha256).not.toBe(c1.initialWeightsSha256);
    expect(c0.xSha256).not.toBe(c1.xSha256);
  });
});

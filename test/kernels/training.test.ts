// End-to-end bit identity: training with every kernel (reference js, wasm, native when built) and
// thread count {1, 2} gives the SAME final weightsSha256 — and that hash is the one NumPy computed
// with the contract's summation order (test/fixtures/reference/baseline.json, made by
// scripts/reference/mlp_reference.py), so the oracle is independent of this code.
// Then a 60,000-sample synthetic epoch: fast kernels against each other, and against the reference
// kernel on a 4,096-sample prefix (the reference alone would take ~7 s on the full epoch).

import { readFileSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { syntheticV1 } from "../../src/data/synthetic.js";
import type { Dataset } from "../../src/nn/dataset.js";
import { weightsSha256 } from "../../src/nn/hash.js";
import type { DenseKernel } from "../../src/nn/kernels/kernel.js";
import { loadNativeAddon } from "../../src/nn/kernels/native.js";
import { selectKernel, type SelectedKernel } from "../../src/nn/kernels/select.js";
import { createModel } from "../../src/nn/model.js";
import type { Activation, Precision } from "../../src/nn/spec.js";
import { trainModel } from "../../src/nn/train.js";
import { Generator } from "../../src/rng/generator.js";

interface Case {
  name: string; layerSizes: number[]; activations: Activation[]; epochs: number; alpha: number; batchSize: number;
  n: number; features: number; classes: number; precision: Precision; seed: number; dropoutRate: number;
}
interface Fixture {
  baseline: { case: Case; exact: { finalWeightsSha256: string }; float16: { finalWeightsSha256: string } }[];
  extra: { case: Case; exact: { finalWeightsSha256: string } }[];
}
const fx = JSON.parse(readFileSync(new URL("../fixtures/reference/baseline.json", import.meta.url), "utf8")) as Fixture;

const native = loadNativeAddon();
if (native.addon === null) console.warn(`test/kernels: skipping native kernels — ${native.reason}`);
const selected: SelectedKernel[] = [selectKernel("js")];
for (const choice of native.addon === null ? ["wasm"] : ["wasm", "native"]) for (const t of [1, 2]) selected.push(selectKernel(choice, t));
afterAll(() => selected.forEach((s) => s.dispose()));

function train(kernel: DenseKernel, c: Case, data: Dataset, precision: Precision = c.precision): string {
  const rng = Generator.fromSeed(c.seed);
  const model = createModel({ layerSizes: c.layerSizes, activations: c.activations, dropoutRate: c.dropoutRate, precision }, rng, { kernel });
  trainModel(model, data, rng, { epochs: c.epochs, alpha: c.alpha, batchSize: c.batchSize });
  return weightsSha256(model);
}

const dataFor = (c: Case): Dataset => syntheticV1(Generator.fromSeed(c.seed), { n: c.n, features: c.features, classes: c.classes });

describe("every kernel and thread count reproduces NumPy's exact-order weights", () => {
  const cases: [string, Case, Precision, string][] = [];
  for (const g of fx.baseline) {
    cases.push([g.case.name, g.case, g.case.precision, g.exact.finalWeightsSha256]);
    cases.push([`${g.case.name}-float16`, g.case, "float16", g.float16.finalWeightsSha256]);
  }
  for (const g of fx.extra) cases.push([g.case.name, g.case, g.case.precision, g.exact.finalWeightsSha256]);
  for (const [name, c, precision, expected] of cases) {
    test(name, () => {
      const data = dataFor(c);
      for (const s of selected) expect(train(s.kernel, c, data, precision), `${s.name} on ${name}`).toBe(expected);
    });
  }
});

describe("60,000-sample synthetic epoch, [784, 64, 10], batch 32", () => {
  const big: Case = { ...fx.baseline[0]!.case, name: "synthetic-60k", n: 60_000, epochs: 1 };
  const data = dataFor(big);
  test("fast kernels agree with each other at 1 and 2 threads", () => {
    const hashes = selected.slice(1).map((s) => [s.name, train(s.kernel, big, data)] as const);
    for (const [name, h] of hashes) expect(h, name).toBe(hashes[0]![1]);
  });
  test("and with the reference kernel on a 4,096-sample prefix, dropout 0.2", () => {
    const n = 4096;
    const prefix: Dataset = { ...data, n, x: data.x.subarray(0, n * data.features), y: data.y.subarray(0, n) };
    const c = { ...big, n, dropoutRate: 0.2 };
    const expected = train(selected[0]!.kernel, c, prefix);
    for (const s of selected.slice(1)) expect(train(s.kernel, c, prefix), s.name).toBe(expected);
  });
});

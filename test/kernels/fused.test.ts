// The fused batch trainers (native/src/trainer.h, wasm/assembly/trainer.ts): training through them
// must give exactly the generic path's bits — the reference kernel's op-by-op JS path, itself
// checked against NumPy's exact-order oracle in training.test.ts. Shapes that stress what the
// baseline does not: two hidden relu layers, widths not multiples of 4/8/16, a last batch smaller
// than the rest, dropout masks on two layers, and parameters outside the kernel's own memory.

import { afterAll, describe, expect, test } from "vitest";
import { syntheticV1 } from "../../src/data/synthetic.js";
import { weightsSha256 } from "../../src/nn/hash.js";
import type { DenseKernel } from "../../src/nn/kernels/kernel.js";
import { createNativeKernel } from "../../src/nn/kernels/native.js";
import { referenceKernel } from "../../src/nn/kernels/reference.js";
import { createWasmKernel, type FastKernel } from "../../src/nn/kernels/wasm.js";
import { createModel, type Model } from "../../src/nn/model.js";
import { trainModel, type EpochRecord } from "../../src/nn/train.js";
import { Generator } from "../../src/rng/generator.js";

const fast: FastKernel[] = [createWasmKernel({ threads: 1 }), createWasmKernel({ threads: 2 })];
for (const threads of [1, 2]) {
  const k = createNativeKernel({ threads });
  if (k !== null) fast.push(k);
}
afterAll(() => fast.forEach((k) => k.dispose()));

const data = syntheticV1(Generator.fromSeed(5), { n: 100, features: 30, classes: 7 });

function run(kernel: DenseKernel, dropoutRate: number, foreignParams: boolean): { hash: string; history: EpochRecord[] } {
  const rng = Generator.fromSeed(11);
  const spec = { layerSizes: [30, 17, 33, 7], activations: ["relu", "relu", "softmax"] as const, dropoutRate, precision: "float32" as const };
  let model: Model = createModel({ ...spec, activations: [...spec.activations] }, rng, { kernel: foreignParams ? referenceKernel : kernel });
  if (foreignParams) model = { ...model, kernel };
  const { history } = trainModel(model, data, rng, { epochs: 3, alpha: 0.3, batchSize: 11 });
  return { hash: weightsSha256(model), history };
}

describe.each(fast.map((k) => [k.name, k] as const))("%s fused trainer", (_name, k) => {
  test("is offered", () => expect(typeof k.createTrainer).toBe("function"));
  for (const dropout of [0, 0.25]) {
    for (const foreign of [false, true]) {
      test(`equals the reference path bit for bit (dropout ${dropout}, params ${foreign ? "outside" : "inside"} kernel memory)`, () => {
        const want = run(referenceKernel, dropout, false);
        const got = run(k, dropout, foreign);
        expect(got.hash).toBe(want.hash);
        expect(got.history).toEqual(want.history);
      });
    }
  }
});

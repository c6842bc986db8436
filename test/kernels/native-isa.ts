// Shared body of native-avx2.test.ts and native-baseline.test.ts: with the addon capped to a lower
// instruction set (REPRO_AUDIT_NATIVE_ISA, read once when the addon loads — each test file runs in
// its own process), the dense operations and the fused trainer must still give the reference
// kernel's bits, so machines without AVX-512 get the same weights.

import { describe, expect, test } from "vitest";
import { bits, values } from "./values.js";


export function describeNativeIsa(cap: "avx2" | "baseline", allowed: readonly string[]): void {
  process.env.REPRO_AUDIT_NATIVE_ISA = cap;
  describe(`native kernel capped to ${cap}`, async () => {
    const { loadNativeAddon, createNativeKernel } = await import("../../src/nn/kernels/native.js");
    const { referenceKernel } = await import("../../src/nn/kernels/reference.js");
    const { F32 } = await import("../../src/nn/arith.js");
    const { syntheticV1 } = await import("../../src/data/synthetic.js");
    const { createModel } = await import("../../src/nn/model.js");
    const { trainModel } = await import("../../src/nn/train.js");
    const { weightsSha256 } = await import("../../src/nn/hash.js");
    const { Generator } = await import("../../src/rng/generator.js");
    const addon = loadNativeAddon().addon;
    if (addon === null) {
      test.skip(`native addon not built: ${loadNativeAddon().reason}`, () => {});
      return;
    }
    test("runs the capped ISA", () => expect(allowed).toContain(addon.isa()));
    for (const threads of [1, 2]) {
      const k = createNativeKernel({ threads })!;
      test.each([[3, 5, 7], [7, 13, 10], [32, 784, 64], [33, 64, 10], [5, 9, 17], [9, 40, 24]])(`threads=${threads}: ops match the reference, B=%i I=%i O=%i`, (B, I, O) => {
        const x = values(B * I, 1), W = values(I * O, 2), b = values(O, 3), dZ = values(B * O, 4);
        const zR = new Float32Array(B * O), zK = new Float32Array(B * O);
        referenceKernel.forward(F32, x, W, b, zR, B, I, O);
        k.forward(F32, x, W, b, zK, B, I, O);
        expect(bits(zK)).toEqual(bits(zR));
        const dWR = new Float32Array(I * O), dWK = new Float32Array(I * O);
        referenceKernel.weightGrad(F32, x, dZ, dWR, B, I, O);
        k.weightGrad(F32, x, dZ, dWK, B, I, O);
        expect(bits(dWK)).toEqual(bits(dWR));
        const dAR = new Float32Array(B * I), dAK = new Float32Array(B * I);
        referenceKernel.inputGrad(F32, dZ, W, dAR, B, I, O);
        k.inputGrad(F32, dZ, W, dAK, B, I, O);
        expect(bits(dAK)).toEqual(bits(dAR));
      });
      test(`threads=${threads}: fused training equals the reference path`, () => {
        const data = syntheticV1(Generator.fromSeed(5), { n: 100, features: 30, classes: 7 });
        const train = (kernel: typeof referenceKernel): string => {
          const rng = Generator.fromSeed(11);
          const model = createModel({ layerSizes: [30, 17, 33, 7], activations: ["relu", "relu", "softmax"], dropoutRate: 0.25, precision: "float32" }, rng, { kernel });
          trainModel(model, data, rng, { epochs: 2, alpha: 0.3, batchSize: 11 });
          return weightsSha256(model);
        };
        expect(train(k)).toBe(train(referenceKernel));
      });
    }
  });
}

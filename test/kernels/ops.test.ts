// Each dense operation of the WASM and native kernels (1 and 2 threads, arena and foreign buffers) against the
// reference kernel on awkward shapes (odd widths, rows not a multiple of 4, columns not of 8), with
// values spanning subnormals and signed zeros: outputs must be bit-identical (compared as uint32).

import { afterAll, describe, expect, it } from "vitest";
import { F32 } from "../../src/nn/arith.js";
import { referenceKernel } from "../../src/nn/kernels/reference.js";
import { createNativeKernel, loadNativeAddon } from "../../src/nn/kernels/native.js";
import { createWasmKernel, splitRange, type FastKernel } from "../../src/nn/kernels/wasm.js";
import { bits, values } from "./values.js";



const kernels: FastKernel[] = [createWasmKernel({ threads: 1 }), createWasmKernel({ threads: 2 })];
for (const threads of [1, 2]) {
  const k = createNativeKernel({ threads });
  if (k !== null) kernels.push(k);
}
if (loadNativeAddon().addon === null) console.warn(`test/kernels: native kernel not tested — ${loadNativeAddon().reason}`);
afterAll(() => kernels.forEach((k) => k.dispose()));

const shapes: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [7, 13, 10], [32, 784, 64], [33, 64, 10], [5, 9, 17], [32, 300, 200]];

describe.each(kernels.map((k) => [k.name, k] as const))("%s", (_name, k) => {
  for (const arena of [true, false]) {
    it.each(shapes)(`matches the reference bit for bit, B=%i I=%i O=%i (arena buffers: ${arena})`, (B, I, O) => {
      const mk = (n: number, seed: number): Float32Array => {
        const v = values(n, seed);
        if (!arena) return v;
        const a = k.alloc(n);
        a.set(v);
        return a;
      };
      const x = mk(B * I, 1), W = mk(I * O, 2), b = mk(O, 3), dZ = mk(B * O, 4);
      const zR = new Float32Array(B * O), zK = mk(B * O, 9);
      referenceKernel.forward(F32, x, W, b, zR, B, I, O);
      k.forward(F32, x, W, b, zK, B, I, O);
      expect(bits(zK)).toEqual(bits(zR));
      const dWR = new Float32Array(I * O), dWK = mk(I * O, 9);
      referenceKernel.weightGrad(F32, x, dZ, dWR, B, I, O);
      k.weightGrad(F32, x, dZ, dWK, B, I, O);
      expect(bits(dWK)).toEqual(bits(dWR));
      const dbR = new Float32Array(O), dbK = mk(O, 9);
      referenceKernel.biasGrad(F32, dZ, dbR, B, O);
      k.biasGrad(F32, dZ, dbK, B, O);
      expect(bits(dbK)).toEqual(bits(dbR));
      const dAR = new Float32Array(B * I), dAK = mk(B * I, 9);
      referenceKernel.inputGrad(F32, dZ, W, dAR, B, I, O);
      k.inputGrad(F32, dZ, W, dAK, B, I, O);
      expect(bits(dAK)).toEqual(bits(dAR));
      const pR = Float32Array.from(W), pK = mk(I * O, 2), alpha = Math.fround(0.1);
      for (let i = 0; i < pR.length; i++) pR[i] = Math.fround(pR[i]! - Math.fround(alpha * dWR[i]!));
      k.sgdUpdate(pK, dWK, alpha);
      expect(bits(pK)).toEqual(bits(pR));
    });
  }
});

describe("splitRange", () => {
  it("covers [0, n) with disjoint aligned ranges", () => {
    expect(splitRange(64, 2, 8)).toEqual([[0, 32], [32, 64]]);
    expect(splitRange(10, 2, 8)).toEqual([[0, 8], [8, 10]]);
    expect(splitRange(3, 2, 8)).toEqual([[0, 3]]);
    expect(splitRange(784, 2, 4)).toEqual([[0, 392], [392, 784]]);
  });
});

// Finite-difference gradient checks (the oracle for every backward function), run in the float64
// arithmetic so central differences are accurate to ~1e-9 and the tolerance can be tight.

import { describe, expect, test } from "vitest";
import { F64 } from "../../src/nn/arith.js";
import { activationBackward, activationForward, type HiddenActivation } from "../../src/nn/activations.js";
import { referenceKernel } from "../../src/nn/kernels/reference.js";
import { crossEntropySum, softmaxCrossEntropyBackward, softmaxCrossEntropyForward } from "../../src/nn/loss.js";
import { backwardPass, forwardPass, netFromBuffer, Workspace } from "../../src/nn/network.js";
import { paramLayout } from "../../src/nn/params.js";
import type { Activation } from "../../src/nn/spec.js";
import { checkClose, TestRandom } from "./helpers.js";

const H = 1e-6;
const TOL = 1e-6;

function randn(rng: TestRandom, n: number, scale = 1): Float64Array {
  const a = new Float64Array(n);
  rng.fillStandardNormal(a);
  for (let i = 0; i < n; i++) a[i]! *= scale;
  return a;
}

/** Central differences of f with respect to every entry of v (v is perturbed and restored). */
function numericGrad(v: Float64Array, f: () => number): Float64Array {
  const g = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const old = v[i]!;
    v[i] = old + H;
    const up = f();
    v[i] = old - H;
    const down = f();
    v[i] = old;
    g[i] = (up - down) / (2 * H);
  }
  return g;
}

describe("activation backward matches finite differences", () => {
  for (const act of ["relu", "sigmoid", "tanh", "linear"] as HiddenActivation[]) {
    test(act, () => {
      const rng = new TestRandom(11);
      const n = 40;
      const z = randn(rng, n, 2);
      for (let i = 0; i < n; i++) if (Math.abs(z[i]!) < 1e-3) z[i] = 0.5; // relu kink
      const c = randn(rng, n);
      const a = new Float64Array(n);
      const f = (): number => {
        activationForward(F64, act, z, a, n);
        let s = 0;
        for (let i = 0; i < n; i++) s += c[i]! * a[i]!;
        return s;
      };
      const numeric = numericGrad(z, f);
      activationForward(F64, act, z, a, n);
      const dZ = new Float64Array(n);
      activationBackward(F64, act, z, a, c, dZ, n);
      checkClose(dZ, numeric, `d${act}/dz`, TOL);
    });
  }
});

test("softmax cross-entropy backward matches finite differences", () => {
  const rng = new TestRandom(5);
  const B = 4;
  const O = 6;
  const z = randn(rng, B * O, 3);
  const y = Int32Array.from([0, 5, 2, 2]);
  const p = new Float64Array(B * O);
  const numeric = numericGrad(z, () => softmaxCrossEntropyForward(F64, z, p, y, 0, B, O));
  softmaxCrossEntropyForward(F64, z, p, y, 0, B, O);
  const dZ = new Float64Array(B * O);
  softmaxCrossEntropyBackward(F64, p, y, 0, dZ, B, O);
  checkClose(dZ, numeric, "dLoss/dz", TOL);
  // and the probabilities are a distribution
  for (let i = 0; i < B; i++) expect(p.subarray(i * O, (i + 1) * O).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
});

describe("whole network backward matches finite differences (float64, fixed dropout masks)", () => {
  const cases: { sizes: number[]; acts: Activation[]; rate: number }[] = [
    { sizes: [5, 4, 3, 3], acts: ["tanh", "sigmoid", "softmax"], rate: 0 },
    { sizes: [5, 4, 3, 3], acts: ["relu", "linear", "softmax"], rate: 0 },
    { sizes: [5, 6, 4, 3], acts: ["sigmoid", "relu", "softmax"], rate: 0.3 },
  ];
  for (const c of cases) {
    test(`${JSON.stringify(c.sizes)} ${c.acts.join("/")} dropout ${c.rate}`, () => {
      const rng = new TestRandom(3);
      const layout = paramLayout(c.sizes);
      const params = randn(rng, layout.total, 0.7);
      const B = 7;
      const x = randn(rng, B * c.sizes[0]!);
      const y = Int32Array.from({ length: B }, (_, i) => i % c.sizes.at(-1)!);
      const net = netFromBuffer(layout, c.acts, params);
      const ws = new Workspace(F64, c.sizes, B);
      const O = c.sizes.at(-1)!;
      // Same masks on every evaluation: a fresh generator with the same seed each time.
      const pass = () => ({ float16: false, quantizeInputs: false, dropoutRate: c.rate, rng: c.rate > 0 ? new TestRandom(99) : null });
      const loss = (): number => crossEntropySum(F64, forwardPass(referenceKernel, F64, net, x, B, ws, pass()), y, 0, B, O) / B;
      const numeric = numericGrad(params, loss);
      loss();
      const grads = new Float64Array(layout.total);
      backwardPass(referenceKernel, F64, net, netFromBuffer(layout, c.acts, grads), x, y, 0, B, ws, c.rate > 0);
      for (const e of layout.entries) {
        checkClose(grads.subarray(e.offset, e.offset + e.size), numeric.subarray(e.offset, e.offset + e.size), `d${e.name}`, TOL);
      }
      expect(grads.some((g) => g !== 0)).toBe(true);
    });
  }
});

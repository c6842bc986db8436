// Elementwise hidden-layer activations, forward and backward side by side. Each value is rounded
// to the arithmetic (`ar.round`) after every operation, in the order written:
//   relu     a = z > 0 ? z : 0                    da/dz applied as  dZ = dA * (z > 0 ? 1 : 0)
//   sigmoid  a = r(1 / r(1 + r(exp(-z))))          dZ = r(dA * r(a * r(1 - a)))
//   tanh     a = r(tanh(z))                        dZ = r(dA * r(1 - r(a * a)))
//   linear   a = z                                 dZ = dA
// (NumPy: np.maximum(z, 0); 1 / (1 + exp(-z)); tanh(z) with exp/tanh evaluated in float64 and cast
// to float32; backward `dA * (z > 0)`, `dA * (a * (1 - a))`, `dA * (1 - a * a)`.)
// relu(NaN) is NaN, as np.maximum. Softmax is not here: it is fused with the loss (loss.ts).

import type { Arith, Vec } from "./arith.js";
import { exp, tanh } from "./math.js";
import type { Activation } from "./spec.js";

export type HiddenActivation = Exclude<Activation, "softmax">;

/** a = act(z) elementwise over the first n entries. */
export function activationForward(ar: Arith, act: HiddenActivation, z: Vec, a: Vec, n: number): void {
  const r = ar.round;
  switch (act) {
    case "relu":
      for (let i = 0; i < n; i++) {
        const v = z[i]!;
        a[i] = v > 0 || Number.isNaN(v) ? v : 0;
      }
      return;
    case "sigmoid":
      for (let i = 0; i < n; i++) a[i] = r(1 / r(1 + r(exp(-z[i]!))));
      return;
    case "tanh":
      for (let i = 0; i < n; i++) a[i] = r(tanh(z[i]!));
      return;
    case "linear":
      for (let i = 0; i < n; i++) a[i] = z[i]!;
      return;
  }
}

/** dZ = dA * act'(z) elementwise over the first n entries; `a` is the activation output (pre-dropout). */
export function activationBackward(ar: Arith, act: HiddenActivation, z: Vec, a: Vec, dA: Vec, dZ: Vec, n: number): void {
  const r = ar.round;
  switch (act) {
    case "relu":
      for (let i = 0; i < n; i++) dZ[i] = r(dA[i]! * (z[i]! > 0 ? 1 : 0));
      return;
    case "sigmoid":
      for (let i = 0; i < n; i++) {
        const v = a[i]!;
        dZ[i] = r(dA[i]! * r(v * r(1 - v)));
      }
      return;
    case "tanh":
      for (let i = 0; i < n; i++) {
        const v = a[i]!;
        dZ[i] = r(dA[i]! * r(1 - r(v * v)));
      }
      return;
    case "linear":
      for (let i = 0; i < n; i++) dZ[i] = dA[i]!;
      return;
  }
}

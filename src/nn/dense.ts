// A fully connected layer z = x @ W + b, forward and backward side by side, delegating the
// arithmetic to a DenseKernel (kernels/reference.ts defines the exact order).
// B = batch rows, I = inputs, O = outputs. x: (B, I); W: (I, O); b: (O); z, dZ: (B, O).

import type { Arith, Vec } from "./arith.js";
import type { DenseKernel } from "./kernels/kernel.js";

export interface DenseParams {
  W: Vec;
  b: Vec;
  I: number;
  O: number;
}

/** z = x @ W + b. */
export function denseForward(k: DenseKernel, ar: Arith, p: DenseParams, x: Vec, z: Vec, B: number): void {
  k.forward(ar, x, p.W, p.b, z, B, p.I, p.O);
}

/** dW = x^T @ dZ, db = sum_i dZ, and (unless dX is null, e.g. for the input layer) dX = dZ @ W^T. */
export function denseBackward(k: DenseKernel, ar: Arith, p: DenseParams, x: Vec, dZ: Vec, dW: Vec, db: Vec, dX: Vec | null, B: number): void {
  k.weightGrad(ar, x, dZ, dW, B, p.I, p.O);
  k.biasGrad(ar, dZ, db, B, p.O);
  if (dX !== null) k.inputGrad(ar, dZ, p.W, dX, B, p.I, p.O);
}

// The reference dense kernel: the readable definition of the operation order every other kernel
// must reproduce bit for bit (see ./kernel.ts for the formulas). Each product and each partial sum
// is rounded separately with `ar.round` — no fused multiply-add, no reassociation, no pairwise
// sums. A float32 product or sum computed in float64 and then rounded equals the IEEE float32
// operation (double has more than 2*24+2 bits, so double rounding is innocuous).
//
// Loop order is chosen for memory locality only; the order of the additions into each output
// element is exactly the sequential order of the contract. Single-threaded.
// B = batch rows, I = inputs, O = outputs.

import type { Arith, Vec } from "../arith.js";
import type { DenseKernel } from "./kernel.js";

function forward(ar: Arith, x: Vec, W: Vec, b: Vec, z: Vec, B: number, I: number, O: number): void {
  const r = ar.round;
  const acc = ar.alloc(O);
  for (let i = 0; i < B; i++) {
    acc.fill(0);
    const xRow = i * I;
    for (let k = 0; k < I; k++) {
      const xv = x[xRow + k]!;
      const wRow = k * O;
      for (let j = 0; j < O; j++) acc[j] = r(acc[j]! + r(xv * W[wRow + j]!));
    }
    const zRow = i * O;
    for (let j = 0; j < O; j++) z[zRow + j] = r(acc[j]! + b[j]!);
  }
}

function weightGrad(ar: Arith, aPrev: Vec, dZ: Vec, dW: Vec, B: number, I: number, O: number): void {
  const r = ar.round;
  dW.fill(0, 0, I * O);
  for (let i = 0; i < B; i++) {
    const aRow = i * I;
    const dRow = i * O;
    for (let k = 0; k < I; k++) {
      const av = aPrev[aRow + k]!;
      const wRow = k * O;
      for (let j = 0; j < O; j++) dW[wRow + j] = r(dW[wRow + j]! + r(av * dZ[dRow + j]!));
    }
  }
}

function biasGrad(ar: Arith, dZ: Vec, db: Vec, B: number, O: number): void {
  const r = ar.round;
  db.fill(0, 0, O);
  for (let i = 0; i < B; i++) {
    const dRow = i * O;
    for (let j = 0; j < O; j++) db[j] = r(db[j]! + dZ[dRow + j]!);
  }
}

function inputGrad(ar: Arith, dZ: Vec, W: Vec, dA: Vec, B: number, I: number, O: number): void {
  const r = ar.round;
  for (let i = 0; i < B; i++) {
    const dRow = i * O;
    for (let k = 0; k < I; k++) {
      const wRow = k * O;
      let acc = 0;
      for (let j = 0; j < O; j++) acc = r(acc + r(dZ[dRow + j]! * W[wRow + j]!));
      dA[i * I + k] = acc;
    }
  }
}

export const referenceKernel: DenseKernel = { name: "reference", forward, weightGrad, biasGrad, inputGrad };

// The dense-layer kernel interface: the four matrix operations of a fully connected layer, over
// flat row-major buffers with explicit dimensions. The reference kernel (./reference.ts) defines
// the exact operation order; any faster kernel must implement this interface and give
// bit-identical results (a test compares them).
//
// B = batch rows, I = inputs per row (fan-in), O = outputs per row (fan-out).
// x/aPrev: (B, I); W: (I, O); b: (O); z/dZ: (B, O); dA: (B, I); dW: (I, O); db: (O).
// Not here: activations, loss, dropout (elementwise, shared by every kernel).

import type { Arith, Vec } from "../arith.js";

export interface DenseKernel {
  readonly name: string;
  /** z[i,j] = round(acc + b[j]), acc = sequential over k=0..I-1 of round(acc + round(x[i,k]*W[k,j])), acc0 = 0. */
  forward(ar: Arith, x: Vec, W: Vec, b: Vec, z: Vec, B: number, I: number, O: number): void;
  /** dW[k,j] = sequential over i=0..B-1 of round(acc + round(aPrev[i,k]*dZ[i,j])), acc0 = 0. */
  weightGrad(ar: Arith, aPrev: Vec, dZ: Vec, dW: Vec, B: number, I: number, O: number): void;
  /** db[j] = sequential over i=0..B-1 of round(acc + dZ[i,j]), acc0 = 0. */
  biasGrad(ar: Arith, dZ: Vec, db: Vec, B: number, O: number): void;
  /** dA[i,k] = sequential over j=0..O-1 of round(acc + round(dZ[i,j]*W[k,j])), acc0 = 0. */
  inputGrad(ar: Arith, dZ: Vec, W: Vec, dA: Vec, B: number, I: number, O: number): void;
}

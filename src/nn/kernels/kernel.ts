// The dense-layer kernel interface: the four matrix operations of a fully connected layer, over
// flat row-major buffers with explicit dimensions. The reference kernel (./reference.ts) defines
// the exact operation order; any faster kernel must implement this interface and give
// bit-identical results (a test compares them).
//
// B = batch rows, I = inputs per row (fan-in), O = outputs per row (fan-out).
// x/aPrev: (B, I); W: (I, O); b: (O); z/dZ: (B, O); dA: (B, I); dW: (I, O); db: (O).
// Not here: activations, loss, dropout (elementwise, shared by every kernel) — except inside the
// optional fused BatchTrainer, which must reproduce the generic path's bits (src/nn/network.ts).

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
  /**
   * Optional: a zero-filled float32 buffer the kernel computes on without copying (e.g. a view into
   * WASM memory). The model's parameters and the training workspace are allocated with it.
   */
  alloc?(n: number): Float32Array;
  /** Optional: params[i] = r(params[i] - r(alpha32 * grads[i])) for every i — the same bits as the JS loop. */
  sgdUpdate?(params: Float32Array, grads: Float32Array, alpha32: number): void;
  /**
   * Optional: a fused SGD step for float32 MLPs with relu hidden layers and a softmax output. train.ts
   * uses it when the model qualifies; it must give the generic path's bits exactly.
   */
  createTrainer?(layerSizes: readonly number[], capacity: number): BatchTrainer;
}

/**
 * One mini-batch of training in three calls (gather, forward, backward + update), computed inside
 * the kernel on its own buffers. The RNG stays in JS: dropout masks are drawn by the caller into
 * `masks[l]` (hidden layer l = 1..L-1, B*n[l] values; masks[0] and masks[L] are empty).
 */
export interface BatchTrainer {
  readonly masks: readonly Float32Array[];
  /** Batch rows perm[start .. start+B) of (x, y) into the trainer's batch buffer. */
  gather(x: Float32Array, y: Int32Array, perm: Int32Array, start: number, B: number): void;
  /** Forward pass + softmax + loss on the gathered batch; returns the summed per-row losses and the correct count. */
  forward(params: Float32Array, dropout: boolean, B: number): { lossSum: number; correct: number };
  /** Backward pass with the SGD update params = r(params - r(alpha32 * grad)) applied in place. */
  backwardUpdate(params: Float32Array, dropout: boolean, B: number, alpha32: number): void;
}

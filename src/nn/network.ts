// One forward and one backward pass through the whole MLP for a batch, generic over the
// arithmetic (float32 product, float64 gradient checks) and the dense kernel.
// B = batch rows; layer l (1..L) maps width n[l-1] to n[l].
//
// Forward, per layer l:  z = in @ W_l + b_l;  a = act(z) (softmax on the last layer);
//   float16 mode: a rounded to half (after the activation, before dropout; also p);
//   training with dropout, hidden layers only: mask drawn now (layer by layer), out = r(a * mask);
//   int8 evaluation: each layer's input `in` is quantised per row first (quantize.ts).
// Backward: dZ_L = (p - onehot(y)) / B; for l = L..1: dW_l, db_l from (in_{l-1}, dZ_l);
//   for l > 1: dA = dZ_l @ W_l^T, then dA = r(dA * mask_{l-1}) if dropout, then
//   dZ_{l-1} = dA * act'(z_{l-1}) using the pre-dropout activation a_{l-1}.
// Not here: the epoch loop and SGD update (train.ts), chunked evaluation (evaluate.ts).

import type { Arith, Vec } from "./arith.js";
import { activationBackward, activationForward, type HiddenActivation } from "./activations.js";
import { denseBackward, denseForward, type DenseParams } from "./dense.js";
import { applyMask, drawDropoutMask } from "./dropout.js";
import { roundArrayToFloat16 } from "./float16.js";
import type { DenseKernel } from "./kernels/kernel.js";
import { softmaxCrossEntropyBackward, softmaxForward } from "./loss.js";
import type { ParamLayout } from "./params.js";
import { quantizeRowsInPlace } from "./quantize.js";
import type { Activation } from "./spec.js";
import type { RandomSource } from "../rng/random-source.js";

export interface NetLayer extends DenseParams {
  act: Activation;
}

/** Layer views (W_l, b_l) into a flat buffer laid out by `layout`. */
export function netFromBuffer(layout: ParamLayout, activations: readonly Activation[], buffer: Vec): NetLayer[] {
  const layers: NetLayer[] = [];
  for (let l = 0; l < activations.length; l++) {
    const w = layout.entries[2 * l]!;
    const b = layout.entries[2 * l + 1]!;
    layers.push({
      W: buffer.subarray(w.offset, w.offset + w.size),
      b: buffer.subarray(b.offset, b.offset + b.size),
      I: w.shape[0]!,
      O: w.shape[1]!,
      act: activations[l]!,
    });
  }
  return layers;
}

export interface PassOptions {
  float16: boolean;
  /** int8 evaluation: quantise each layer's input per row. */
  quantizeInputs: boolean;
  /** Dropout rate for training; 0 (or rng null) means no dropout and no draws. */
  dropoutRate: number;
  rng: RandomSource | null;
}

/** Scratch buffers for batches of up to `capacity` rows. Index l = 1..L (0 unused). */
export class Workspace {
  readonly z: Vec[] = [];
  readonly a: Vec[] = [];
  readonly drop: Vec[] = [];
  readonly mask: Vec[] = [];
  readonly dZ: Vec[] = [];
  readonly dA: Vec[] = [];
  readonly u: Float64Array;
  readonly capacity: number;
  constructor(ar: Arith, layerSizes: readonly number[], capacity: number) {
    this.capacity = capacity;
    let widest = 0;
    for (let l = 0; l < layerSizes.length; l++) {
      const n = capacity * layerSizes[l]!;
      widest = Math.max(widest, n);
      for (const arr of [this.z, this.a, this.drop, this.mask, this.dZ, this.dA]) arr.push(l === 0 ? ar.alloc(0) : ar.alloc(n));
    }
    this.u = new Float64Array(widest);
  }
}

/** Forward pass; returns the softmax output p (a view into the workspace, B rows). */
export function forwardPass(k: DenseKernel, ar: Arith, net: readonly NetLayer[], x: Vec, B: number, ws: Workspace, opt: PassOptions): Vec {
  const L = net.length;
  const useDropout = opt.rng !== null && opt.dropoutRate > 0;
  let input = x;
  for (let l = 1; l <= L; l++) {
    const layer = net[l - 1]!;
    const n = B * layer.O;
    if (opt.quantizeInputs) quantizeRowsInPlace(input as Float32Array, B, layer.I);
    const z = ws.z[l]!;
    const a = ws.a[l]!;
    denseForward(k, ar, layer, input, z, B);
    if (layer.act === "softmax") softmaxForward(ar, z, a, B, layer.O);
    else activationForward(ar, layer.act, z, a, n);
    if (opt.float16) roundArrayToFloat16(n === a.length ? a : a.subarray(0, n));
    input = a;
    if (l < L && useDropout) {
      drawDropoutMask(ar, opt.rng!, opt.dropoutRate, ws.mask[l]!, ws.u, n);
      applyMask(ar, a, ws.mask[l]!, ws.drop[l]!, n);
      input = ws.drop[l]!;
    }
  }
  return ws.a[L]!;
}

/** Backward pass after forwardPass on the same workspace; writes gradients into `grads` views. */
export function backwardPass(
  k: DenseKernel, ar: Arith, net: readonly NetLayer[], grads: readonly NetLayer[],
  x: Vec, y: Int32Array, yOffset: number, B: number, ws: Workspace, dropout: boolean,
): void {
  const L = net.length;
  softmaxCrossEntropyBackward(ar, ws.a[L]!, y, yOffset, ws.dZ[L]!, B, net[L - 1]!.O);
  for (let l = L; l >= 1; l--) {
    const layer = net[l - 1]!;
    const input = l === 1 ? x : dropout ? ws.drop[l - 1]! : ws.a[l - 1]!;
    const dX = l === 1 ? null : ws.dA[l - 1]!;
    denseBackward(k, ar, layer, input, ws.dZ[l]!, grads[l - 1]!.W, grads[l - 1]!.b, dX, B);
    if (dX === null) continue;
    const n = B * layer.I;
    if (dropout) applyMask(ar, dX, ws.mask[l - 1]!, dX, n);
    const prev = net[l - 2]!;
    activationBackward(ar, prev.act as HiddenActivation, ws.z[l - 1]!, ws.a[l - 1]!, dX, ws.dZ[l - 1]!, n);
  }
}

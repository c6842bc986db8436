// The training loop: epochs of shuffled mini-batch SGD on mean softmax cross-entropy.
// Per epoch, draws from the MODEL generator in this order: perm = rng.permutation(n) first, then,
// per batch, the dropout masks layer by layer (none when dropoutRate is 0). Batches are
// perm[s : s + batchSize] in order; the last may be smaller.
// Update (plain SGD, over the one parameter buffer): W = r(W - r(alpha32 * dW)), alpha32 = r(alpha),
// which is what NumPy 2 does for `W -= alpha * dW` with float32 W (NEP 50). float16 mode rounds every
// parameter to half after each update.
// history[e] = { epoch (1-based), loss: mean of that epoch's batch losses (float64, sequential),
// accuracy: fraction of rows the training forward passes (with dropout) classified correctly }.
// NaN/Inf losses are recorded as they are, never thrown.
// Hooks let the harness observe (hash weights, RNG state) and a test fault hook perturb weights;
// when absent they cost one `undefined` check per call site.

import { ConfigError } from "../errors.js";
import { F32 } from "./arith.js";
import { checkDatasetFits, type Dataset } from "./dataset.js";
import { roundArrayToFloat16 } from "./float16.js";
import { argmaxRow, crossEntropySum } from "./loss.js";
import type { Model } from "./model.js";
import { backwardPass, forwardPass, netFromBuffer, Workspace } from "./network.js";
import type { RandomSource } from "../rng/random-source.js";

export interface TrainOptions {
  epochs: number;
  alpha: number;
  batchSize: number;
}

export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number;
}

export interface TrainContext {
  readonly model: Model;
  /** The live parameter buffer (W1, b1, W2, b2, ...); hooks may read it, fault hooks may write it. */
  readonly params: Float32Array;
  readonly rng: RandomSource;
  readonly epoch: number;
  /** Updates done so far in the whole run. */
  readonly step: number;
}

export interface TrainHooks {
  onEpochStart?(epoch: number, ctx: TrainContext): void;
  onBatchOrder?(epoch: number, perm: Int32Array): void;
  /** After the update of global step `step` (1-based). */
  onStep?(step: number, ctx: TrainContext): void;
  onEpochEnd?(record: EpochRecord, ctx: TrainContext): void;
}

export interface TrainResult {
  history: EpochRecord[];
}

function checkOptions(o: TrainOptions): void {
  if (!Number.isSafeInteger(o.epochs) || o.epochs < 1) throw new ConfigError(`epochs: ${String(o.epochs)} is not a positive integer`, { field: "epochs" });
  if (!Number.isSafeInteger(o.batchSize) || o.batchSize < 1) throw new ConfigError(`batchSize: ${String(o.batchSize)} is not a positive integer`, { field: "batchSize" });
  if (typeof o.alpha !== "number" || !Number.isFinite(o.alpha) || o.alpha <= 0) throw new ConfigError(`alpha: ${String(o.alpha)} is not a positive finite learning rate`, { field: "alpha" });
}

/** Trains `model` in place on `data`, drawing shuffles and dropout masks from `rng` (the MODEL generator). */
export function trainModel(model: Model, data: Dataset, rng: RandomSource, options: TrainOptions, hooks: TrainHooks = {}): TrainResult {
  checkOptions(options);
  const { spec, params, kernel, layers } = model;
  const L = layers.length;
  checkDatasetFits(data, spec.layerSizes[0]!, spec.layerSizes[L]!);
  const { n, features } = data;
  const O = spec.layerSizes[L]!;
  const cap = Math.min(options.batchSize, n);
  const ws = new Workspace(F32, spec.layerSizes, cap);
  const grads = new Float32Array(params.length);
  const gradLayers = netFromBuffer(model.layout, spec.activations, grads);
  const xb = new Float32Array(cap * features);
  const yb = new Int32Array(cap);
  const alpha32 = Math.fround(options.alpha);
  const dropout = spec.dropoutRate > 0;
  const float16 = spec.precision === "float16";
  const pass = { float16, quantizeInputs: false, dropoutRate: spec.dropoutRate, rng: dropout ? rng : null };
  const history: EpochRecord[] = [];
  let step = 0;
  const ctx = (epoch: number): TrainContext => ({ model, params, rng, epoch, step });

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    hooks.onEpochStart?.(epoch, ctx(epoch));
    const perm = rng.permutation(n);
    hooks.onBatchOrder?.(epoch, perm);
    let lossSum = 0;
    let batches = 0;
    let correct = 0;
    for (let s = 0; s < n; s += cap) {
      const B = Math.min(cap, n - s);
      for (let i = 0; i < B; i++) {
        const row = perm[s + i]!;
        xb.set(data.x.subarray(row * features, (row + 1) * features), i * features);
        yb[i] = data.y[row]!;
      }
      const p = forwardPass(kernel, F32, layers, xb, B, ws, pass);
      lossSum += crossEntropySum(F32, p, yb, 0, B, O) / B;
      batches++;
      for (let i = 0; i < B; i++) if (argmaxRow(p, i, O) === yb[i]) correct++;
      backwardPass(kernel, F32, layers, gradLayers, xb, yb, 0, B, ws, dropout);
      for (let i = 0; i < params.length; i++) params[i] = Math.fround(params[i]! - Math.fround(alpha32 * grads[i]!));
      if (float16) roundArrayToFloat16(params);
      step++;
      hooks.onStep?.(step, ctx(epoch));
    }
    const record: EpochRecord = { epoch, loss: lossSum / batches, accuracy: correct / n };
    history.push(record);
    hooks.onEpochEnd?.(record, ctx(epoch));
  }
  return { history };
}

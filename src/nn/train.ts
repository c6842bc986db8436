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
// Kernels with a fused BatchTrainer (kernel.createTrainer) run each batch of a float32 relu/softmax
// model in three calls — gather, forward, backward + update — with the same bits (the masks are
// still drawn here, before the batch's forward pass, which is the same order of draws).
// `profile`, when given, accumulates seconds per phase with the injected clock: data (batch gather
// and dropout-mask draws), forward (incl. softmax, loss, accuracy), backward (incl. the SGD update
// when the kernel fuses it), update (the separate SGD update and float16 rounding; 0 when fused).
// Hooks let the harness observe (hash weights, RNG state) and a test fault hook perturb weights;
// when absent they cost one `undefined` check per call site.

import { ConfigError } from "../errors.js";
import { F32, type Arith } from "./arith.js";
import { checkDatasetFits, type Dataset } from "./dataset.js";
import { roundArrayToFloat16 } from "./float16.js";
import { argmaxRow, crossEntropySum } from "./loss.js";
import type { BatchTrainer } from "./kernels/kernel.js";
import type { Model } from "./model.js";
import { drawDropoutMask } from "./dropout.js";
import { backwardPass, forwardPass, netFromBuffer, Workspace } from "./network.js";
import type { RandomSource } from "../rng/random-source.js";

export interface TrainOptions {
  epochs: number;
  alpha: number;
  batchSize: number;
  /** Optional per-phase timing (bench --profile); absent = no clock calls. */
  profile?: TrainProfile;
}

export type TrainPhase = "data" | "forward" | "backward" | "update";

export interface TrainProfile {
  /** Seconds from an arbitrary origin (e.g. () => performance.now() / 1000). */
  clock: () => number;
  /** Accumulated seconds per phase; trainModel adds to the existing values. */
  seconds: Record<TrainPhase, number>;
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
  const { spec, params, kernel } = model;
  const L = model.layers.length;
  checkDatasetFits(data, spec.layerSizes[0]!, spec.layerSizes[L]!);
  const n = data.n;
  const cap = Math.min(options.batchSize, n);
  const alpha32 = Math.fround(options.alpha);
  const fusable = spec.precision !== "float16" && spec.activations.every((a, l) => (l === L - 1 ? a === "softmax" : a === "relu"));
  const trainer = fusable ? (kernel.createTrainer?.(spec.layerSizes, cap) ?? null) : null;
  const runStep = trainer === null ? genericStep(model, data, rng, cap, alpha32) : fusedStep(trainer, model, data, rng, alpha32);
  const prof = options.profile;
  const history: EpochRecord[] = [];
  let step = 0;
  const ctx = (epoch: number): TrainContext => ({ model, params, rng, epoch, step });

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    hooks.onEpochStart?.(epoch, ctx(epoch));
    const t0 = prof?.clock();
    const perm = rng.permutation(n);
    if (prof !== undefined) prof.seconds.data += prof.clock() - t0!;
    hooks.onBatchOrder?.(epoch, perm);
    let lossSum = 0;
    let batches = 0;
    let correct = 0;
    for (let s = 0; s < n; s += cap) {
      const B = Math.min(cap, n - s);
      const r = runStep(perm, s, B, prof);
      lossSum += r.lossSum / B;
      correct += r.correct;
      batches++;
      step++;
      hooks.onStep?.(step, ctx(epoch));
    }
    const record: EpochRecord = { epoch, loss: lossSum / batches, accuracy: correct / n };
    history.push(record);
    hooks.onEpochEnd?.(record, ctx(epoch));
  }
  return { history };
}

/** One SGD step on batch perm[s .. s+B): returns the summed per-row losses and the correct count. */
type Step = (perm: Int32Array, s: number, B: number, prof: TrainProfile | undefined) => { lossSum: number; correct: number };

function lap(prof: TrainProfile | undefined, phase: TrainPhase, t: number): number {
  if (prof === undefined) return 0;
  const now = prof.clock();
  prof.seconds[phase] += now - t;
  return now;
}

/** The op-by-op path: JS elementwise code around the kernel's four dense operations. */
function genericStep(model: Model, data: Dataset, rng: RandomSource, cap: number, alpha32: number): Step {
  const { spec, params, kernel, layers } = model;
  const L = layers.length;
  const O = spec.layerSizes[L]!;
  const features = data.features;
  // Buffers in the kernel's own memory when it has one (WASM), so kernel calls copy nothing.
  const alloc = kernel.alloc?.bind(kernel);
  const mem: Arith = alloc === undefined ? F32 : { ...F32, alloc };
  const ws = new Workspace(mem, spec.layerSizes, cap);
  const grads = mem.alloc(params.length) as Float32Array;
  const gradLayers = netFromBuffer(model.layout, spec.activations, grads);
  const xb = mem.alloc(cap * features) as Float32Array;
  const yb = new Int32Array(cap);
  const dropout = spec.dropoutRate > 0;
  const float16 = spec.precision === "float16";
  const pass = { float16, quantizeInputs: false, dropoutRate: spec.dropoutRate, rng: dropout ? rng : null };
  const result = { lossSum: 0, correct: 0 };
  return (perm, s, B, prof) => {
    let t = prof?.clock() ?? 0;
    for (let i = 0; i < B; i++) {
      const row = perm[s + i]!;
      xb.set(data.x.subarray(row * features, (row + 1) * features), i * features);
      yb[i] = data.y[row]!;
    }
    t = lap(prof, "data", t);
    const p = forwardPass(kernel, F32, layers, xb, B, ws, pass);
    result.lossSum = crossEntropySum(F32, p, yb, 0, B, O);
    result.correct = 0;
    for (let i = 0; i < B; i++) if (argmaxRow(p, i, O) === yb[i]) result.correct++;
    t = lap(prof, "forward", t);
    backwardPass(kernel, F32, layers, gradLayers, xb, yb, 0, B, ws, dropout);
    t = lap(prof, "backward", t);
    if (kernel.sgdUpdate !== undefined) kernel.sgdUpdate(params, grads, alpha32);
    else for (let i = 0; i < params.length; i++) params[i] = Math.fround(params[i]! - Math.fround(alpha32 * grads[i]!));
    if (float16) roundArrayToFloat16(params);
    lap(prof, "update", t);
    return result;
  };
}

/** The fused path: the kernel's BatchTrainer; only the dropout masks are computed here. */
function fusedStep(trainer: BatchTrainer, model: Model, data: Dataset, rng: RandomSource, alpha32: number): Step {
  const { spec, params } = model;
  const L = spec.layerSizes.length - 1;
  const dropout = spec.dropoutRate > 0;
  let widest = 0;
  for (let l = 1; l < L; l++) widest = Math.max(widest, trainer.masks[l]!.length);
  const u = new Float64Array(widest);
  return (perm, s, B, prof) => {
    let t = prof?.clock() ?? 0;
    trainer.gather(data.x, data.y, perm, s, B);
    if (dropout) for (let l = 1; l < L; l++) drawDropoutMask(F32, rng, spec.dropoutRate, trainer.masks[l]!, u, B * spec.layerSizes[l]!);
    t = lap(prof, "data", t);
    const r = trainer.forward(params, dropout, B);
    t = lap(prof, "forward", t);
    trainer.backwardUpdate(params, dropout, B, alpha32);
    lap(prof, "backward", t);
    return r;
  };
}

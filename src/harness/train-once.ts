// One training run of an experiment, observed: RNG state at start and end, the trace ledger (per
// epoch, and every K steps on request), initial and final weight hashes, metrics and timing. Both
// `train` and every repeat of `run` go through here, so a repeat is exactly a `train`.
// Not here: writing files (run-files.ts) or deciding anything about reproducibility (src/audit).

import type { ResolvedExperiment } from "../config/load.js";
import { ArtifactError, describeFsError } from "../errors.js";
import { paramLayout } from "../nn/params.js";
import { readFileSync } from "node:fs";
import { decodeNpz } from "../io/npz.js";
import { computeFootprint, checkConstraints, type Footprint } from "../nn/footprint.js";
import { evaluate } from "../nn/evaluate.js";
import { layerHashes, weightsSha256 } from "../nn/hash.js";
import { createModel, type Model } from "../nn/model.js";
import type { DenseKernel } from "../nn/kernels/kernel.js";
import { precisionInfo, type PrecisionInfo } from "../nn/precision.js";
import type { ModelSpec } from "../nn/spec.js";
import { trainModel, type TrainContext, type TrainHooks, type TrainProfile } from "../nn/train.js";
import { Generator, hashPermutationInt64, hashRngState } from "../rng/generator.js";
import type { Pcg64State } from "../rng/state.js";
import { withFault, type FaultPlan } from "./faults.js";
import { loadExperimentData, type LoadedData } from "./data.js";
import { sha256Hex } from "../io/hash.js";

/** One ledger entry: per epoch (no `step`) or every K steps (with `step`). */
export interface TraceEntry {
  epoch: number;
  step?: number;
  loss?: number | null;
  accuracy?: number;
  testLoss?: number | null;
  testAccuracy?: number;
  weightsSha256: string;
  rngSha256: string;
  batchOrderSha256: string;
}

export interface TrainRecord {
  experiment: string;
  seed: number;
  precision: ModelSpec["precision"];
  trainDtype: PrecisionInfo["trainDtype"];
  inferencePrecision: PrecisionInfo["inferencePrecision"];
  kernel: string;
  threads: number;
  initFrom: { path: string; sha256: string } | null;
  data: { xSha256: string; ySha256: string; rows: number; testRows: number | null };
  footprint: Footprint;
  initialWeightsSha256: string;
  weightsSha256: string;
  layerSha256: Record<string, string>;
  /** Over the whole training set after the last epoch, without dropout; null when not finite. */
  finalLoss: number | null;
  finalAccuracy: number;
  testLoss?: number | null;
  testAccuracy?: number;
  /** Metrics that were NaN or infinite (recorded, not a crash). */
  nonFinite: string[];
  history: TraceEntry[];
  steps: TraceEntry[];
  rng: { start: Pcg64State; end: Pcg64State; startSha256: string; endSha256: string };
  timing: { trainSeconds: number; samplesPerSecond: number; evalSeconds: number };
}

export interface TrainOnceOptions {
  /** Record a ledger entry every K optimisation steps as well (0: epochs only). */
  traceEvery?: number;
  /** Start from a checkpoint's weights (loadCheckpoint) instead of the drawn initial weights. */
  initFrom?: InitWeights | null;
  /** Test-only fault plan (see faults.ts) and the 0-based repeat index it is matched against. */
  fault?: FaultPlan | null;
  repeat?: number;
  /** Monotonic clock in seconds (injected so tests are deterministic). */
  clock?: () => number;
  /** The dense kernel to compute with (default: the reference kernel). Every kernel gives the same bits. */
  compute?: Compute;
  /** Per-phase timing (bench --profile); absent: no clock calls in the training loop. */
  profile?: TrainProfile;
  /** Already-loaded data, so repeats of one run load and hash the data once. */
  data?: LoadedData;
  onEpoch?: (entry: TraceEntry) => void;
}

export function modelSpecOf(exp: ResolvedExperiment): ModelSpec {
  const c = exp.config;
  return { layerSizes: c.layer_sizes, activations: c.activations, dropoutRate: c.dropout_rate, precision: c.precision };
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
const defaultClock = () => performance.now() / 1000;

/** What computes: the kernel, the name the record states (e.g. "native-avx512f(threads=1)"), threads. */
export interface Compute {
  kernel: DenseKernel;
  name: string;
  threads: number;
}

/** Weights read from a checkpoint, checked against the experiment's layout. */
export interface InitWeights {
  path: string;
  sha256: string;
  params: Float32Array;
}

/** Reads and checks a .npz checkpoint for `exp` (before anything is written). */
export function loadCheckpoint(path: string, exp: ResolvedExperiment): InitWeights {
  let bytes: Uint8Array;
  let arrays;
  try {
    bytes = readFileSync(path);
    arrays = decodeNpz(bytes);
  } catch (err) {
    throw new ArtifactError(`cannot load checkpoint ${path}: ${describeFsError(err)}. Give a .npz written by \`repro-audit train\` (runs/<run-id>/checkpoints/final.npz).`, { file: path, cause: err });
  }
  const layout = paramLayout(exp.config.layer_sizes);
  const params = new Float32Array(layout.total);
  for (const e of layout.entries) {
    const a = arrays.get(e.name);
    if (a === undefined) throw new ArtifactError(`checkpoint ${path} has no array ${e.name}; the experiment's layer_sizes need ${layout.entries.map((x) => x.name).join(", ")}.`, { file: path });
    if (a.dtype !== "<f4" || a.shape.join(",") !== e.shape.join(",")) {
      throw new ArtifactError(`checkpoint ${path}: array ${e.name} is ${a.dtype} with shape (${a.shape.join(", ")}), expected float32 (${e.shape.join(", ")}). Use a checkpoint of a model with the same layer_sizes.`, { file: path });
    }
    params.set(a.data as Float32Array, e.offset);
  }
  return { path, sha256: sha256Hex(bytes), params };
}

/** Everything that can reject an experiment before training: the hardware profile and the data. */
export function prepareTraining(exp: ResolvedExperiment, threads = 1): { data: LoadedData; footprint: Footprint } {
  const c = exp.config;
  const footprint = computeFootprint(modelSpecOf(exp), c.batch_size);
  checkConstraints(c.hardware_constraint_mode, footprint, c.batch_size, threads);
  return { data: loadExperimentData(exp), footprint };
}

/** Trains `exp` once and returns its record and the trained model. */
export function trainOnce(exp: ResolvedExperiment, options: TrainOnceOptions = {}): { record: TrainRecord; model: Model } {
  const c = exp.config;
  const clock = options.clock ?? defaultClock;
  const spec = modelSpecOf(exp);
  const threads = options.compute?.threads ?? 1;
  const { data, footprint } = options.data !== undefined ? { data: options.data, footprint: computeFootprint(spec, c.batch_size) } : prepareTraining(exp, threads);

  const rng = Generator.fromSeed(c.seed);
  const start = rng.getState();
  // Initial weights are always drawn, so with --init-from the model generator still yields the
  // same shuffles and dropout masks as a fresh run; the checkpoint then replaces the weights.
  const model = createModel(spec, rng, options.compute !== undefined ? { kernel: options.compute.kernel } : {});
  const init = options.initFrom ?? null;
  if (init !== null) model.params.set(init.params);
  const initFrom = init === null ? null : { path: init.path, sha256: init.sha256 };
  const initialWeightsSha256 = weightsSha256(model);

  const history: TraceEntry[] = [];
  const steps: TraceEntry[] = [];
  let batchOrderSha256 = "";
  const every = options.traceEvery ?? 0;
  const snapshot = (ctx: TrainContext) => ({ weightsSha256: sha256Hex(ctx.params), rngSha256: hashRngState(ctx.rng.getState()) });
  const observe: TrainHooks = {
    onBatchOrder(_epoch, perm) {
      batchOrderSha256 = hashPermutationInt64(perm);
    },
    onEpochEnd(r, ctx) {
      const entry: TraceEntry = { epoch: r.epoch, loss: finite(r.loss), accuracy: r.accuracy, ...snapshot(ctx), batchOrderSha256 };
      if (data.test !== null) {
        const t = evaluate(ctx.model, data.test);
        entry.testLoss = finite(t.loss);
        entry.testAccuracy = t.accuracy;
      }
      history.push(entry);
      options.onEpoch?.(entry);
    },
    ...(every > 0
      ? {
          onStep(step: number, ctx: TrainContext) {
            if (step % every === 0) steps.push({ epoch: ctx.epoch, step, ...snapshot(ctx), batchOrderSha256 });
          },
        }
      : {}),
  };
  // The batch-order hash must be taken after a shuffle fault, so the fault wraps the observer.
  const hooks = withFault(options.fault ?? null, options.repeat ?? 0, observe);

  const t0 = clock();
  trainModel(model, data.train, rng, { epochs: c.epochs, alpha: c.alpha, batchSize: c.batch_size, ...(options.profile !== undefined ? { profile: options.profile } : {}) }, hooks);
  const trainSeconds = clock() - t0;
  const t1 = clock();
  const final = evaluate(model, data.train);
  const test = data.test === null ? null : evaluate(model, data.test);
  const evalSeconds = clock() - t1;
  const end = rng.getState();

  const info = precisionInfo(c.precision);
  const nonFinite = [
    ...history.filter((h) => h.loss === null).map((h) => `history[epoch ${h.epoch}].loss`),
    ...(Number.isFinite(final.loss) ? [] : ["finalLoss"]),
    ...(test !== null && !Number.isFinite(test.loss) ? ["testLoss"] : []),
  ];
  const record: TrainRecord = {
    experiment: exp.name,
    seed: c.seed,
    precision: c.precision,
    trainDtype: info.trainDtype,
    inferencePrecision: info.inferencePrecision,
    kernel: options.compute?.name ?? model.kernel.name,
    threads,
    initFrom,
    data: { xSha256: data.xSha256, ySha256: data.ySha256, rows: data.train.n, testRows: data.test?.n ?? null },
    footprint,
    initialWeightsSha256,
    weightsSha256: weightsSha256(model),
    layerSha256: layerHashes(model),
    finalLoss: finite(final.loss),
    finalAccuracy: final.accuracy,
    ...(test !== null ? { testLoss: finite(test.loss), testAccuracy: test.accuracy } : {}),
    nonFinite,
    history,
    steps,
    rng: { start, end, startSha256: hashRngState(start), endSha256: hashRngState(end) },
    timing: { trainSeconds, samplesPerSecond: trainSeconds > 0 ? (data.train.n * c.epochs) / trainSeconds : 0, evalSeconds },
  };
  return { record, model };
}

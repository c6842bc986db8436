// Public surface of the training core (imported by the harness; src/index.ts re-exports from here).

export { F32, F64, type Arith, type Vec } from "./arith.js";
export { type Dataset, checkDatasetFits } from "./dataset.js";
export { evaluate, int8Params, type EvalResult, type EvalOptions } from "./evaluate.js";
export { roundToFloat16, roundArrayToFloat16 } from "./float16.js";
export { computeFootprint, checkConstraints, getProfile, PROFILES, PROFILE_NAMES, type Footprint, type ConstraintProfile } from "./footprint.js";
export { weightsSha256, layerHashes } from "./hash.js";
export type { DenseKernel } from "./kernels/kernel.js";
export { referenceKernel } from "./kernels/reference.js";
export { createModel, paramView, type Model } from "./model.js";
export { paramLayout, type ParamLayout, type ParamEntry } from "./params.js";
export { precisionInfo, bytesPerParameter, type PrecisionInfo } from "./precision.js";
export { validateSpec, ACTIVATIONS, PRECISIONS, type ModelSpec, type Activation, type Precision } from "./spec.js";
export { trainModel, type TrainOptions, type TrainHooks, type TrainContext, type EpochRecord, type TrainResult } from "./train.js";

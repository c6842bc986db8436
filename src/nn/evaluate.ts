// Evaluation: forward without dropout over a whole dataset, in chunks of rows (results are
// row-wise, and the loss is one sequential float64 sum over samples, so the chunk size does not
// change any bit). loss = (sum_i -log(clip(p[i, y_i], 1e-12, 1))) / n; accuracy = fraction with
// argmax(p_i) == y_i (first index wins ties).
// Precision: float32 as trained; float16 additionally rounds every layer's output to half;
// int8 quantises weights per tensor and each layer's input per row (quantize.ts), biases stay float32.
// Draws nothing from any generator.

import { F32 } from "./arith.js";
import { checkDatasetFits, type Dataset } from "./dataset.js";
import { argmaxRow, crossEntropySum } from "./loss.js";
import type { Model } from "./model.js";
import { forwardPass, netFromBuffer, Workspace } from "./network.js";
import { quantizeSymmetricRange } from "./quantize.js";
import type { Precision } from "./spec.js";

export interface EvalResult {
  loss: number;
  accuracy: number;
  n: number;
}

/** Parameters as the int8 inference path sees them: each W quantised per tensor, biases as is. */
export function int8Params(model: Model): Float32Array {
  const q = Float32Array.from(model.params);
  for (const e of model.layout.entries) {
    if (e.name.startsWith("W")) quantizeSymmetricRange(model.params, q, e.offset, e.offset + e.size);
  }
  return q;
}

export interface EvalOptions {
  /** Rows per forward chunk (memory only; results do not depend on it). Default 256. */
  chunkSize?: number;
  /** Inference precision override, e.g. "int8" for a float32-trained model (int8 mode trains in float32). */
  precision?: Precision;
}

/** Loss and accuracy of `model` on `data`, in the model's (or the overridden) inference precision. */
export function evaluate(model: Model, data: Dataset, options: EvalOptions = {}): EvalResult {
  const { kernel } = model;
  const spec = { ...model.spec, precision: options.precision ?? model.spec.precision };
  const L = spec.layerSizes.length - 1;
  const O = spec.layerSizes[L]!;
  checkDatasetFits(data, spec.layerSizes[0]!, O);
  const int8 = spec.precision === "int8";
  const layers = int8 ? netFromBuffer(model.layout, spec.activations, int8Params(model)) : model.layers;
  const { n, features } = data;
  const chunk = Math.max(1, Math.min(options.chunkSize ?? 256, n));
  const ws = new Workspace(F32, spec.layerSizes, chunk);
  const xb = new Float32Array(chunk * features);
  const pass = { float16: spec.precision === "float16", quantizeInputs: int8, dropoutRate: 0, rng: null };
  let total = 0;
  let correct = 0;
  for (let s = 0; s < n; s += chunk) {
    const B = Math.min(chunk, n - s);
    xb.set(data.x.subarray(s * features, (s + B) * features)); // a copy: int8 quantises it in place
    const p = forwardPass(kernel, F32, layers, xb, B, ws, pass);
    total = crossEntropySum(F32, p, data.y, s, B, O, total);
    for (let i = 0; i < B; i++) if (argmaxRow(p, i, O) === data.y[s + i]) correct++;
  }
  return { loss: total / n, accuracy: correct / n, n };
}

// A model: its validated spec, the parameter layout, the ONE float32 parameter buffer, and the
// dense kernel it computes with. createModel draws the initial weights from the MODEL generator:
// for each layer in order, W = rng.uniform(-lim, lim, size=(n_in, n_out)) with
// lim = sqrt(6 / (n_in + n_out)) in float64 (Glorot & Bengio 2010 uniform init), stored as float32
// (round to nearest); biases are zero and draw nothing. float16 mode rounds every parameter
// (weights and biases) to half precision after init.
// Not here: training (train.ts), evaluation (evaluate.ts), hashing (hash.ts).

import { roundArrayToFloat16 } from "./float16.js";
import type { DenseKernel } from "./kernels/kernel.js";
import { referenceKernel } from "./kernels/reference.js";
import { netFromBuffer, type NetLayer } from "./network.js";
import { paramLayout, type ParamLayout } from "./params.js";
import { validateSpec, type ModelSpec } from "./spec.js";
import type { RandomSource } from "../rng/random-source.js";

export interface Model {
  readonly spec: ModelSpec;
  readonly layout: ParamLayout;
  /** Every parameter, W1, b1, W2, b2, ... in layout order. */
  readonly params: Float32Array;
  /** Layer views into `params`. */
  readonly layers: NetLayer[];
  readonly kernel: DenseKernel;
}

/** Builds a model and initialises its parameters from `rng` (the MODEL generator). */
export function createModel(spec: ModelSpec, rng: RandomSource, options: { kernel?: DenseKernel } = {}): Model {
  validateSpec(spec);
  const layout = paramLayout(spec.layerSizes);
  const kernel = options.kernel ?? referenceKernel;
  const params = kernel.alloc?.(layout.total) ?? new Float32Array(layout.total);
  const layers = netFromBuffer(layout, spec.activations, params);
  for (const layer of layers) {
    const lim = Math.sqrt(6 / (layer.I + layer.O));
    const draws = new Float64Array(layer.I * layer.O);
    rng.fillUniform(draws, -lim, lim);
    layer.W.set(draws); // float64 -> float32, round to nearest even
  }
  if (spec.precision === "float16") roundArrayToFloat16(params);
  return { spec: { ...spec }, layout, params, layers, kernel };
}

/** The named parameter tensor (e.g. "W1") as a view into model.params. */
export function paramView(model: Model, name: string): Float32Array {
  const e = model.layout.entries.find((x) => x.name === name);
  if (e === undefined) throw new RangeError(`no parameter named ${name}`);
  return model.params.subarray(e.offset, e.offset + e.size);
}


// The in-memory dataset the training core consumes: X row-major float32 (n, features) and labels
// int32 in [0, classes). Loaders (synthetic, Fashion-MNIST) produce it; the core only checks that
// it fits the model.

import { DataError } from "../errors.js";

export interface Dataset {
  x: Float32Array;
  y: Int32Array;
  n: number;
  features: number;
  classes: number;
}

/** Throws DataError unless `data` is internally consistent and matches input/output widths. */
export function checkDatasetFits(data: Dataset, inputs: number, outputs: number): void {
  if (data.x.length !== data.n * data.features || data.y.length !== data.n) {
    throw new DataError(`dataset: x has ${data.x.length} values and y ${data.y.length} labels, expected n*features = ${data.n * data.features} and n = ${data.n}`);
  }
  if (data.features !== inputs) {
    throw new DataError(`dataset: ${data.features} features per row but the model's first layer takes ${inputs} — set layerSizes[0] to ${data.features}`);
  }
  if (data.classes !== outputs) {
    throw new DataError(`dataset: ${data.classes} classes but the model's last layer has ${outputs} outputs — set the last layer size to ${data.classes}`);
  }
  for (let i = 0; i < data.n; i++) {
    const c = data.y[i]!;
    if (c < 0 || c >= data.classes) throw new DataError(`dataset: label y[${i}] = ${c} is outside [0, ${data.classes})`);
  }
}

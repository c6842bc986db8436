// ModelSpec: the shape of the multilayer perceptron and its validation. A spec that violates the
// contract throws ConfigError naming the field, so a bad experiment config fails before training.
// Not here: parameter layout (params.ts), the config file schema (the harness owns that).

import { ConfigError } from "../errors.js";

export const ACTIVATIONS = ["relu", "sigmoid", "tanh", "softmax", "linear"] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const PRECISIONS = ["float32", "float16", "int8"] as const;
export type Precision = (typeof PRECISIONS)[number];

export interface ModelSpec {
  /** Widths of every layer including input and output, e.g. [784, 64, 10]. */
  layerSizes: number[];
  /** One per layer transition (layerSizes.length - 1); the last must be softmax, softmax only last. */
  activations: Activation[];
  /** Inverted-dropout rate on hidden layers during training, 0 <= r < 1; 0 draws nothing. */
  dropoutRate: number;
  precision: Precision;
}

/** Throws ConfigError unless `spec` satisfies the ModelSpec contract; returns it unchanged. */
export function validateSpec(spec: ModelSpec): ModelSpec {
  const { layerSizes, activations, dropoutRate, precision } = spec;
  if (!Array.isArray(layerSizes) || layerSizes.length < 2) {
    throw new ConfigError("layerSizes: needs at least an input and an output width, e.g. [784, 64, 10]", { field: "layerSizes" });
  }
  layerSizes.forEach((n, i) => {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new ConfigError(`layerSizes[${i}]: ${String(n)} is not a positive integer — use whole layer widths`, { field: "layerSizes" });
    }
  });
  const nTransitions = layerSizes.length - 1;
  if (!Array.isArray(activations) || activations.length !== nTransitions) {
    throw new ConfigError(
      `activations: expected ${nTransitions} entries (one per layer transition of layerSizes ${JSON.stringify(layerSizes)}), got ${Array.isArray(activations) ? activations.length : typeof activations}`,
      { field: "activations" },
    );
  }
  activations.forEach((a, i) => {
    if (!(ACTIVATIONS as readonly string[]).includes(a)) {
      throw new ConfigError(`activations[${i}]: unknown activation ${JSON.stringify(a)}; valid: ${ACTIVATIONS.join(", ")}`, { field: "activations" });
    }
    if (a === "softmax" && i !== nTransitions - 1) {
      throw new ConfigError(`activations[${i}]: softmax is only allowed on the last layer — use relu, sigmoid, tanh or linear for hidden layers`, { field: "activations" });
    }
  });
  if (activations[nTransitions - 1] !== "softmax") {
    throw new ConfigError(`activations: the last activation must be softmax (got ${JSON.stringify(activations[nTransitions - 1])}); the loss is softmax cross-entropy`, { field: "activations" });
  }
  if (typeof dropoutRate !== "number" || !(dropoutRate >= 0 && dropoutRate < 1)) {
    throw new ConfigError(`dropoutRate: ${String(dropoutRate)} is outside [0, 1) — use 0 to disable dropout`, { field: "dropoutRate" });
  }
  if (!(PRECISIONS as readonly string[]).includes(precision)) {
    throw new ConfigError(`precision: unknown ${JSON.stringify(precision)}; valid: ${PRECISIONS.join(", ")}`, { field: "precision" });
  }
  return spec;
}

// What each precision mode means, stated explicitly so a report can say both how the model was
// trained and how it was evaluated (DESIGN.md §3).

import type { Precision } from "./spec.js";

export interface PrecisionInfo {
  /** Storage/arithmetic of training: "float32", or "float16" (simulated: float32 arithmetic, values rounded to half). */
  trainDtype: "float32" | "float16";
  /** Precision of the inference path used for final/test metrics. */
  inferencePrecision: "float32" | "float16" | "int8";
  /** One sentence for reports. */
  description: string;
}

export function precisionInfo(p: Precision): PrecisionInfo {
  switch (p) {
    case "float32":
      return { trainDtype: "float32", inferencePrecision: "float32", description: "float32 training and inference" };
    case "float16":
      return {
        trainDtype: "float16",
        inferencePrecision: "float16",
        description: "simulated float16: parameters and layer outputs rounded to half precision (round-to-nearest-even), arithmetic in float32",
      };
    case "int8":
      return {
        trainDtype: "float32",
        inferencePrecision: "int8",
        description: "float32 training; int8 inference simulated by symmetric quantisation (weights per tensor, layer inputs per sample row), biases float32",
      };
  }
}

/** Bytes per stored parameter at inference in this mode. */
export function bytesPerParameter(p: Precision): 4 | 2 | 1 {
  return p === "float32" ? 4 : p === "float16" ? 2 : 1;
}

// Robust outlier flags for timings (a repeat that ran while the machine was busy): the modified
// z-score of Iglewicz & Hoaglin (1993), "How to Detect and Handle Outliers", ASQC Basic
// References in Quality Control vol. 16, §3.3:  M_i = 0.6745·(x_i − median)/MAD, outlier when
// |M_i| > 3.5. 0.6745 ≈ Φ⁻¹(0.75) makes MAD comparable to a normal sd.
// It flags; it does not remove or re-weight anything. median and MAD (raw, unscaled) come from
// simple-statistics.

import { median, medianAbsoluteDeviation } from "simple-statistics";
import { DataError } from "../errors.js";

export interface MadOutliers {
  median: number;
  /** Raw median absolute deviation, median(|x − median(x)|), not scaled by 1.4826. */
  mad: number;
  threshold: number;
  /**
   * Modified z-score per value, in input order. When MAD = 0 a value equal to the median scores
   * 0 and any other value scores ±Infinity (store outlierIndices, not scores, in JSON).
   */
  scores: number[];
  /** Indices (ascending) of values with |score| > threshold. */
  outlierIndices: number[];
}

/**
 * Flags values whose modified z-score exceeds `threshold` (default 3.5, Iglewicz & Hoaglin's
 * recommendation). MAD = 0 (more than half the values equal) has no finite scale: then no value
 * is an outlier unless it differs from the median, and every such value is flagged.
 */
export function madOutliers(values: readonly number[], threshold = 3.5): MadOutliers {
  if (values.length === 0) throw new DataError("madOutliers: no values to check");
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new DataError(`madOutliers: value #${bad} is ${values[bad]}; only finite timings can be checked`);
  if (!(threshold > 0)) throw new RangeError(`madOutliers threshold must be > 0, got ${threshold}`);
  const xs = [...values];
  const med = median(xs);
  const mad = medianAbsoluteDeviation(xs);
  const scores = xs.map((x) => {
    if (mad > 0) return (0.6745 * (x - med)) / mad;
    return x === med ? 0 : x > med ? Infinity : -Infinity;
  });
  const outlierIndices: number[] = [];
  scores.forEach((z, i) => {
    if (Math.abs(z) > threshold) outlierIndices.push(i);
  });
  return { median: med, mad, threshold, scores, outlierIndices };
}

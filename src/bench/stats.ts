// Robust summaries of timings for the benchmark tables: median and MAD (median absolute deviation,
// unscaled), both from simple-statistics.

import { median, medianAbsoluteDeviation } from "simple-statistics";

export interface RobustSummary {
  median: number;
  mad: number;
  values: number[];
}

export function robust(values: number[]): RobustSummary {
  return { median: median(values), mad: values.length > 1 ? medianAbsoluteDeviation(values) : 0, values };
}

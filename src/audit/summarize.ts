// Statistics per metric over the repeats (DESIGN.md §5) and the warnings they raise. Functional
// metrics (loss, accuracy) are described over successful repeats; timings too, marked as such, with
// a MAD outlier check (modified z-score > 3.5, from 5 repeats on, at least 10% and 0.1 s off the
// median). With several seeds the spread is split into a within-seed part (nondeterminism: pooled sd of
// repeats sharing a seed) and an across-seed part (sd of seed means).

import type { MetricStatistics, RepeatRecord, ReportWarning } from "../report/schema.js";
import { madOutliers } from "./outliers.js";
import { describe } from "./statistics.js";
import { groupBySeed } from "./verdict.js";

const FUNCTIONAL_ORDER = ["finalLoss", "finalAccuracy", "testLoss", "testAccuracy"];
const TIMINGS = ["trainSeconds", "wallSeconds"] as const;
/** Timing outliers are looked for from 5 repeats on, and must be 10% away from the median. */
const MIN_OUTLIER_SAMPLE = 5;
const MIN_OUTLIER_DEVIATION = 0.1;
/** …and at least 0.1 s away: first-repeat warm-up of a few milliseconds is not worth a warning. */
const MIN_OUTLIER_SECONDS = 0.1;

function metricNames(ok: readonly RepeatRecord[]): string[] {
  const names = new Set<string>();
  for (const r of ok) for (const m of Object.keys(r.metrics)) names.add(m);
  const known = FUNCTIONAL_ORDER.filter((m) => names.has(m));
  return [...known, ...[...names].filter((m) => !FUNCTIONAL_ORDER.includes(m)).sort()];
}

function splitSpread(ok: readonly RepeatRecord[], metric: string): { withinSeedSd: number | null; acrossSeedSd: number | null } {
  const groups = [...groupBySeed(ok).values()].map((g) => g.map((r) => r.metrics[metric]).filter((v): v is number => typeof v === "number"));
  const used = groups.filter((g) => g.length > 0);
  let ss = 0;
  let dof = 0;
  const means: number[] = [];
  for (const g of used) {
    const m = g.reduce((s, v) => s + v, 0) / g.length;
    means.push(m);
    for (const v of g) ss += (v - m) ** 2;
    dof += g.length - 1;
  }
  return { withinSeedSd: dof > 0 ? Math.sqrt(ss / dof) : null, acrossSeedSd: means.length > 1 ? describe(means).sd : null };
}

export function summarize(repeats: readonly RepeatRecord[], perSeed: boolean): { statistics: Record<string, MetricStatistics>; warnings: ReportWarning[] } {
  const ok = repeats.filter((r) => r.status === "ok");
  const statistics: Record<string, MetricStatistics> = {};
  const warnings: ReportWarning[] = [];
  for (const m of metricNames(ok)) {
    const values = ok.map((r) => r.metrics[m]).filter((v): v is number => typeof v === "number");
    const missing = ok.length - values.length;
    if (missing > 0) warnings.push({ id: "non-finite-metric", message: `${m} was NaN, infinite or missing in ${missing} of ${ok.length} successful repeats; its statistics use the other ${values.length}.`, hint: "Look at the repeat's trace ledger for the epoch where the loss stopped being finite; a smaller alpha usually helps." });
    if (values.length === 0) continue;
    statistics[m] = { kind: "functional", ...describe(values), ...(perSeed ? splitSpread(ok, m) : {}) };
    const spread = perSeed ? (statistics[m].withinSeedSd ?? 0) : (statistics[m].sd ?? 0);
    if (spread > 0) {
      warnings.push({ id: "spread-with-fixed-seed", message: `${m} varies between repeats that share a seed (sd ${spread.toPrecision(3)}): that is a reproducibility bug, not seed variance.`, hint: "See verdict.firstDivergence for the first epoch and hash that differed." });
    }
  }
  for (const t of TIMINGS) {
    const values = ok.map((r) => r.timing[t]).filter((v): v is number => typeof v === "number");
    if (values.length === 0) continue;
    statistics[t] = { kind: "timing", ...describe(values) };
    if (values.length >= MIN_OUTLIER_SAMPLE) {
      const out = madOutliers(values);
      // A MAD near zero flags jitter of a few milliseconds; only deviations that matter are reported.
      const flagged = out.outlierIndices.filter((i) => Math.abs(values[i]! - out.median) > Math.max(MIN_OUTLIER_DEVIATION * out.median, MIN_OUTLIER_SECONDS));
      if (flagged.length > 0) {
        const which = flagged.map((i) => `#${ok[i]!.index} (${values[i]!.toFixed(3)} s)`).join(", ");
        warnings.push({ id: "timing-outlier", message: `${t} of repeat ${which} is an outlier (modified z-score above ${out.threshold}, Iglewicz & Hoaglin 1993; median ${out.median.toFixed(3)} s).`, hint: "Other work on the machine probably interfered; timings never affect the verdict, but rerun on a quiet machine before quoting them." });
      }
    }
  }
  return { statistics, warnings };
}

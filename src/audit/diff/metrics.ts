// Metric comparison of two reports: each side's mean with its Student t 95% CI, the difference
// mean(B) − mean(A), Welch's 95% CI of that difference, and an equivalence verdict by two one-sided
// tests (TOST; Schuirmann 1987, J. Pharmacokinet. Biopharm. 15(6):657–680, with Welch's se and
// dof as in Lakens 2017). Only functional metrics are compared: timings never decide.
//
// The margin is relative, like the run verdict: tolerance × max(|mean A|, |mean B|). Special cases,
// decided before any test:
// - every value on both sides identical → equivalent ("identical-values"; bit-identical repeats
//   have zero variance, where a t statistic is undefined);
// - a side with n < 2 → "not enough repeats for a CI": the means are compared with the relative
//   tolerance (withinTolerance), no CI ("relative");
// - margin 0 (tolerance 0, or both means 0) with values that differ → not equivalent ("exact");
// - NaN/Inf values (recorded as null): equivalent only when both sides have no finite value and the
//   same count of non-finite ones ("non-finite"); a metric on one side only → "missing".

import type { Report } from "../../report/schema.js";
import { describe, tost, welchDifference } from "../statistics.js";
import { withinTolerance } from "../verdict.js";
import type { MetricComparison } from "./model.js";

export const EQUIVALENCE_METHOD =
  "Two one-sided tests (TOST; Schuirmann 1987) at alpha 0.05 with Welch's standard error and degrees of freedom, " +
  "margin = tolerance × max(|mean A|, |mean B|); identical values on both sides are equivalent; with fewer than 2 repeats on a side the means are compared with the relative tolerance.";

interface Sample {
  values: number[];
  nonFinite: number;
}

function sample(r: Report, name: string): Sample | null {
  const ok = r.repeats.filter((x) => x.status === "ok").sort((x, y) => x.index - y.index);
  if (!ok.some((x) => name in x.metrics)) return null;
  const values: number[] = [];
  let nonFinite = 0;
  for (const x of ok) {
    const v = x.metrics[name];
    if (v === undefined) continue;
    if (v === null || !Number.isFinite(v)) nonFinite++;
    else values.push(v);
  }
  return { values, nonFinite };
}

/** Functional metric names: A's statistics order, then those only B has. */
export function metricNames(a: Report, b: Report): string[] {
  const functional = (r: Report) => Object.entries(r.statistics).filter(([, s]) => s.kind === "functional").map(([k]) => k);
  const fromRepeats = (r: Report) => [...new Set(r.repeats.flatMap((x) => Object.keys(x.metrics)))].sort();
  const names = [...functional(a), ...fromRepeats(a), ...functional(b), ...fromRepeats(b)];
  return [...new Set(names)];
}

function side(s: Sample | null): MetricComparison["a"] {
  if (s === null || s.values.length === 0) return { n: 0, nonFinite: s?.nonFinite ?? 0, mean: null, ci95: null };
  const d = describe(s.values);
  return { n: d.n, nonFinite: s.nonFinite, mean: d.mean, ci95: d.ci95 };
}

export function compareMetric(name: string, a: Report, b: Report, tolerance: number): MetricComparison {
  const sa = sample(a, name);
  const sb = sample(b, name);
  const base = { name, a: side(sa), b: side(sb), difference: null, welchCi95: null, margin: null, pLower: null, pUpper: null };
  if (sa === null || sb === null) {
    return { ...base, method: "missing", equivalent: false, note: `recorded only in ${sa === null ? "B" : "A"}` };
  }
  if (sa.values.length === 0 || sb.values.length === 0 || sa.nonFinite !== sb.nonFinite) {
    const same = sa.values.length === 0 && sb.values.length === 0 && sa.nonFinite === sb.nonFinite;
    return { ...base, method: "non-finite", equivalent: same, note: `non-finite values: ${sa.nonFinite} in A, ${sb.nonFinite} in B` };
  }
  const ma = base.a.mean!;
  const mb = base.b.mean!;
  const w = welchDifference(sb.values, sa.values); // diff = mean(B) − mean(A)
  const margin = tolerance * Math.max(Math.abs(ma), Math.abs(mb));
  const common = { ...base, difference: w.diff, welchCi95: w.ci95, margin };
  const all = [...sa.values, ...sb.values];
  if (all.every((v) => v === all[0])) {
    return { ...common, method: "identical-values", equivalent: true, note: "every value on both sides is the same" };
  }
  if (sa.values.length < 2 || sb.values.length < 2) {
    return { ...common, method: "relative", equivalent: withinTolerance(mb, ma, tolerance), note: "not enough repeats for a CI: means compared with the relative tolerance" };
  }
  if (!(margin > 0)) {
    return { ...common, method: "exact", equivalent: false, note: "margin is 0 (tolerance 0 or both means 0) and the values differ" };
  }
  const t = tost(sb.values, sa.values, margin);
  return { ...common, method: "tost", equivalent: t.equivalent, pLower: t.pLower, pUpper: t.pUpper, note: null };
}

export function compareMetrics(a: Report, b: Report, tolerance: number): MetricComparison[] {
  return metricNames(a, b).map((m) => compareMetric(m, a, b, tolerance));
}

// Summary statistics for repeated runs: mean ± 95% CI per metric (DESIGN.md §5), Welch's
// difference of two samples and a TOST equivalence test, all resting on the Student t
// distribution implemented here (CDF via the regularised incomplete beta function, quantile by
// a safeguarded Newton solve). It is not a general statistics library: no pooled-variance tests,
// no nonparametrics. Outliers live in outliers.ts.
//
// simple-statistics supplies mean, sampleStandardDeviation and gammaln (Lanczos, g = 607/128);
// it has no Student t CDF or quantile, so those are written here and checked against
// scipy.stats.t (test/fixtures/stats/golden.json, made by scripts/fixtures/make_stats_fixtures.py).

import { gammaln, mean, sampleStandardDeviation } from "simple-statistics";
import { DataError } from "../errors.js";

// ---------------------------------------------------------------------------------------------
// Student t distribution. ν = degrees of freedom (any real ν > 0).

/**
 * Regularised incomplete beta I_x(a, b), given both x and y = 1 − x so callers can pass a
 * complement computed without cancellation. Numerical Recipes (Press et al., 3rd ed., §6.4
 * `betai`/`betacf`): continued fraction evaluated by the modified Lentz method, using the
 * symmetry I_x(a,b) = 1 − I_{1−x}(b,a) where the fraction converges fast.
 */
function incompleteBeta(a: number, b: number, x: number, y: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log(y);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, y)) / b;
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const TINY = 1e-300;
  const EPS = 1e-16;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  return h; // not reached for the (a, b) the t distribution uses; the last estimate is close
}

function checkDof(dof: number): void {
  if (!(dof > 0) || !Number.isFinite(dof)) {
    throw new RangeError(`Student t degrees of freedom must be a finite number > 0, got ${dof}`);
  }
}

/** Upper tail P(T > t) for t ≥ 0: ½·I_{ν/(ν+t²)}(ν/2, ½) (Abramowitz & Stegun 26.7.1 / 26.5.27). */
function upperTail(t: number, dof: number): number {
  const t2 = t * t;
  return 0.5 * incompleteBeta(dof / 2, 0.5, dof / (dof + t2), t2 / (dof + t2));
}

/** Student t cumulative distribution function P(T ≤ t) with ν = dof. */
export function studentTCdf(t: number, dof: number): number {
  checkDof(dof);
  if (Number.isNaN(t)) return Number.NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  return t >= 0 ? 1 - upperTail(t, dof) : upperTail(-t, dof);
}

/** Student t density f(t; ν). */
export function studentTPdf(t: number, dof: number): number {
  checkDof(dof);
  const logC = gammaln((dof + 1) / 2) - gammaln(dof / 2) - 0.5 * Math.log(dof * Math.PI);
  return Math.exp(logC - ((dof + 1) / 2) * Math.log1p((t * t) / dof));
}

/**
 * Starting point for the quantile: Hill (1970), "Algorithm 396: Student's t-quantiles",
 * Comm. ACM 13(10):619–620, the same approximation R's qt() uses. `twoSided` is P(|T| > t).
 */
function hillStart(twoSided: number, dof: number): number {
  if (dof === 1) return 1 / Math.tan((twoSided * Math.PI) / 2);
  if (dof === 2) return Math.sqrt(2 / (twoSided * (2 - twoSided)) - 2);
  const a = 1 / (dof - 0.5);
  const b = 48 / (a * a);
  let c = (((20700 * a) / b - 98) * a - 16) * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * dof;
  let y = Math.pow(d * twoSided, 2 / dof);
  if (y > 0.05 + a) {
    const x = normalUpperQuantile(twoSided / 2);
    y = x * x;
    if (dof < 5) c += 0.3 * (dof - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = Math.expm1(a * y * y);
  } else {
    y = ((1 / ((((dof + 6) / (dof * y) - 0.089 * d - 0.822) * (dof + 2) * 3)) + 0.5 / (dof + 4)) * y - 1) *
        ((dof + 1) / (dof + 2)) + 1 / y;
  }
  return Math.sqrt(dof * y);
}

/** z with P(Z > z) = q for 0 < q ≤ ½: Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4; a start only). */
function normalUpperQuantile(q: number): number {
  const s = Math.sqrt(-2 * Math.log(q));
  return s - (2.515517 + 0.802853 * s + 0.010328 * s * s) / (1 + 1.432788 * s + 0.189269 * s * s + 0.001308 * s * s * s);
}

/**
 * Student t quantile: the t with P(T ≤ t) = p (scipy.stats.t.ppf). Solves upperTail(t) = q on
 * t > 0 (symmetry gives p < ½) by Newton steps from Hill's start, falling back to bisection
 * whenever a step leaves the bracket (Numerical Recipes §9.4 `rtsafe`). Agrees with SciPy to
 * ≤ 5e-12 relative (measured) over ν ∈ [1, 1e4], p ∈ [5e-4, 1 − 5e-4] (test/audit/statistics.test.ts).
 */
export function studentTQuantile(p: number, dof: number): number {
  checkDof(dof);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, dof);
  const q = 1 - p; // target upper tail, 0 < q < ½
  let t = hillStart(2 * q, dof);
  if (!(t > 0) || !Number.isFinite(t)) t = 1;
  // Bracket [lo, hi] with upperTail(lo) ≥ q ≥ upperTail(hi); upperTail decreases in t.
  let lo = 0;
  let hi = t;
  while (upperTail(hi, dof) > q) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 300; i++) {
    const f = upperTail(t, dof) - q;
    if (f === 0) return t;
    if (f > 0) lo = Math.max(lo, t);
    else hi = Math.min(hi, t);
    let next = t + f / studentTPdf(t, dof); // d(upperTail)/dt = −pdf
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * t || hi - lo <= 1e-15 * hi) return next;
    t = next;
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Descriptive statistics and two-sample comparisons.

export interface Description {
  n: number;
  mean: number;
  /** Sample standard deviation (divisor n − 1); null when n = 1. */
  sd: number | null;
  /** Standard error of the mean sd/√n; null when n = 1. */
  sem: number | null;
  /** 95% confidence interval of the mean, mean ± t_{0.975, n−1}·sem; null when n = 1. */
  ci95: [number, number] | null;
  min: number;
  max: number;
  /** Coefficient of variation sd/|mean|; null when n = 1 or mean = 0. */
  cv: number | null;
}

function checkSample(values: readonly number[], label: string): void {
  if (values.length === 0) throw new DataError(`${label}: no values to summarise — at least one finished repeat is needed`);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new DataError(
      `${label}: value #${bad} is ${values[bad]} — summarise only finite values and report NaN/Inf repeats separately`,
    );
  }
}

/**
 * Mean, sample sd, sem and the Student t 95% CI of the mean: x̄ ± t_{0.975, n−1}·s/√n
 * (e.g. NIST/SEMATECH e-Handbook of Statistical Methods §7.2.2.1). With n = 1 there is no
 * spread estimate, so sd/sem/ci95/cv are null (never NaN); equal values give sd 0 and
 * ci95 [mean, mean]. Throws DataError on an empty sample or a non-finite value.
 */
export function describe(values: readonly number[]): Description {
  checkSample(values, "describe");
  const xs = [...values];
  const n = xs.length;
  const m = mean(xs);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  if (n === 1) return { n, mean: m, sd: null, sem: null, ci95: null, min, max, cv: null };
  const sd = min === max ? 0 : sampleStandardDeviation(xs);
  const sem = sd / Math.sqrt(n);
  const half = sem === 0 ? 0 : studentTQuantile(0.975, n - 1) * sem;
  return { n, mean: m, sd, sem, ci95: [m - half, m + half], min, max, cv: m === 0 ? null : sd / Math.abs(m) };
}

export interface WelchDifference {
  /** mean(a) − mean(b). */
  diff: number;
  /** √(s_a²/n_a + s_b²/n_b); null when either sample has n < 2. */
  se: number | null;
  /** Welch–Satterthwaite degrees of freedom; null when se is null or 0. */
  dof: number | null;
  /** diff ± t_{0.975, dof}·se; [diff, diff] when se = 0; null when se is null. */
  ci95: [number, number] | null;
}

/**
 * Difference of means without assuming equal variances: Welch (1947), Biometrika 34:28–35;
 * dof by Satterthwaite (1946): (va/na + vb/nb)² / ((va/na)²/(na−1) + (vb/nb)²/(nb−1)).
 * Matches scipy.stats.ttest_ind(a, b, equal_var=False).df and .confidence_interval(0.95).
 */
export function welchDifference(a: readonly number[], b: readonly number[]): WelchDifference {
  checkSample(a, "welchDifference(a)");
  checkSample(b, "welchDifference(b)");
  const diff = mean([...a]) - mean([...b]);
  if (a.length < 2 || b.length < 2) return { diff, se: null, dof: null, ci95: null };
  const ua = variance(a) / a.length;
  const ub = variance(b) / b.length;
  const se = Math.sqrt(ua + ub);
  if (se === 0) return { diff, se: 0, dof: null, ci95: [diff, diff] };
  const dof = (ua + ub) ** 2 / (ua ** 2 / (a.length - 1) + ub ** 2 / (b.length - 1));
  const half = studentTQuantile(0.975, dof) * se;
  return { diff, se, dof, ci95: [diff - half, diff + half] };
}

function variance(xs: readonly number[]): number {
  const v = [...xs];
  return Math.min(...v) === Math.max(...v) ? 0 : sampleStandardDeviation(v) ** 2;
}

export interface TostResult {
  /** True when both one-sided nulls are rejected at alpha: |mean(a) − mean(b)| < margin shown. */
  equivalent: boolean;
  /** p-value of H01: diff ≤ −margin (null when either sample has n < 2). */
  pLower: number | null;
  /** p-value of H02: diff ≥ +margin. */
  pUpper: number | null;
}

/**
 * Two one-sided tests for equivalence within ±margin at level alpha (default 0.05):
 * Schuirmann (1987), J. Pharmacokinet. Biopharm. 15(6):657–680, with Welch's se and dof
 * (as in Lakens 2017, Soc. Psychol. Personal. Sci. 8(4):355–362). pLower = P(T > (diff+margin)/se),
 * pUpper = P(T < (diff−margin)/se). When se = 0 (both samples constant, as with bit-identical
 * repeats) the tests are exact: p = 0 for a side whose null is false, 1 otherwise.
 */
export function tost(a: readonly number[], b: readonly number[], margin: number, alpha = 0.05): TostResult {
  if (!(margin > 0) || !Number.isFinite(margin)) throw new RangeError(`tost margin must be a finite number > 0, got ${margin}`);
  const w = welchDifference(a, b);
  if (w.se === null) return { equivalent: false, pLower: null, pUpper: null };
  let pLower: number;
  let pUpper: number;
  if (w.se === 0 || w.dof === null) {
    pLower = w.diff > -margin ? 0 : 1;
    pUpper = w.diff < margin ? 0 : 1;
  } else {
    pLower = studentTCdf(-(w.diff + margin) / w.se, w.dof); // upper tail, by symmetry
    pUpper = studentTCdf((w.diff - margin) / w.se, w.dof);
  }
  return { equivalent: Math.max(pLower, pUpper) < alpha, pLower, pUpper };
}

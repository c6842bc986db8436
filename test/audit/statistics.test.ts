// Statistics against SciPy/NumPy golden values (test/fixtures/stats/golden.json, made by
// scripts/fixtures/make_stats_fixtures.py; no Python needed to run these tests).

import { readFileSync } from "node:fs";
import { describe as group, expect, it } from "vitest";
import { describe, studentTCdf, studentTQuantile, tost, welchDifference } from "../../src/audit/statistics.js";
import { madOutliers } from "../../src/audit/outliers.js";
import { DataError } from "../../src/errors.js";

interface Golden {
  tQuantile: { p: number; dof: number; t: number }[];
  tCdf: { t: number; dof: number; p: number }[];
  describe: {
    values: number[]; n: number; mean: number; min: number; max: number;
    sd: number | null; sem: number | null; ci95: [number, number] | null; cv: number | null;
  }[];
  welch: { a: number[]; b: number[]; diff: number; se: number; dof: number; ci95: [number, number] }[];
  tost: { a: number[]; b: number[]; margin: number; pLower: number; pUpper: number; equivalent: boolean }[];
  mad: { values: number[]; threshold: number; median: number; mad: number; scores: number[]; outlierIndices: number[] }[];
}

const golden = JSON.parse(
  readFileSync(new URL("../fixtures/stats/golden.json", import.meta.url), "utf8"),
) as Golden;

/** |actual − expected| ≤ rel·|expected| + abs, with a message naming the case. */
function close(actual: number | null | undefined, expected: number, rel: number, label: string, abs = 0): void {
  expect(actual, label).not.toBeNull();
  const a = actual as number;
  const err = Math.abs(a - expected);
  if (!(err <= rel * Math.abs(expected) + abs)) {
    throw new Error(`${label}: got ${a}, expected ${expected} (|diff| ${err.toExponential(3)})`);
  }
}

group("Student t distribution vs scipy.stats.t", () => {
  it("quantiles match scipy.stats.t.ppf to 1e-11 relative (dof 1…1e4, p 5e-4…0.9995)", () => {
    expect(golden.tQuantile.length).toBeGreaterThan(100);
    for (const g of golden.tQuantile) {
      close(studentTQuantile(g.p, g.dof), g.t, 1e-11, `t.ppf(${g.p}, ${g.dof})`, 1e-15);
    }
  });

  it("includes the textbook two-sided 95% values", () => {
    // Cross-check with published tables (e.g. NIST e-Handbook Table 1.3.6.7.2, upper 0.025).
    const table: [number, number][] = [[1, 12.706], [2, 4.303], [5, 2.571], [9, 2.262], [29, 2.045], [100, 1.984]];
    for (const [dof, t] of table) close(studentTQuantile(0.975, dof), t, 0, `table dof ${dof}`, 5e-4);
  });

  it("CDF matches scipy.stats.t.cdf to 1e-12 absolute and 1e-9 relative", () => {
    for (const g of golden.tCdf) {
      close(studentTCdf(g.t, g.dof), g.p, 1e-9, `t.cdf(${g.t}, ${g.dof})`, 1e-12);
    }
  });

  it("quantile inverts the CDF and handles the ends", () => {
    for (const dof of [1, 3.5, 40]) {
      for (const p of [0.01, 0.3, 0.77, 0.999]) close(studentTCdf(studentTQuantile(p, dof), dof), p, 1e-12, `round trip ${p}`);
    }
    expect(studentTQuantile(0, 3)).toBe(-Infinity);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(1.5, 3)).toThrow(RangeError);
  });
});

group("describe", () => {
  it("matches numpy/scipy (mean, sd ddof=1, sem, t interval, cv)", () => {
    for (const [i, g] of golden.describe.entries()) {
      const d = describe(g.values);
      const tag = `describe case ${i}`;
      expect(d.n, tag).toBe(g.n);
      close(d.mean, g.mean, 1e-14, `${tag} mean`);
      expect(d.min).toBe(g.min);
      expect(d.max).toBe(g.max);
      if (g.sd === null) {
        expect(d.sd).toBeNull();
        expect(d.sem).toBeNull();
        expect(d.ci95).toBeNull();
        expect(d.cv).toBeNull();
        continue;
      }
      close(d.sd, g.sd, 1e-12, `${tag} sd`, 1e-300);
      close(d.sem, g.sem as number, 1e-12, `${tag} sem`, 1e-300);
      const [lo, hi] = g.ci95 as [number, number];
      // Interval ends are mean ± half; compare with an error scaled to the half-width.
      const half = hi - lo;
      close(d.ci95?.[0], lo, 1e-15, `${tag} ci lo`, half * 1e-11);
      close(d.ci95?.[1], hi, 1e-15, `${tag} ci hi`, half * 1e-11);
      close(d.cv, g.cv as number, 1e-12, `${tag} cv`, 1e-300);
    }
  });

  it("n = 1 gives nulls, not NaN; equal values give sd 0 and a zero-width CI", () => {
    const one = describe([0.5]);
    expect(JSON.stringify(one)).not.toContain("NaN");
    expect(one).toEqual({ n: 1, mean: 0.5, sd: null, sem: null, ci95: null, min: 0.5, max: 0.5, cv: null });
    const same = describe([0.1, 0.1, 0.1]);
    expect(same.sd).toBe(0);
    expect(same.ci95).toEqual([same.mean, same.mean]);
  });

  it("rejects empty and non-finite samples with a DataError", () => {
    expect(() => describe([])).toThrow(DataError);
    expect(() => describe([1, Number.NaN])).toThrow(/value #1 is NaN/);
  });
});

group("welchDifference and tost", () => {
  it("welchDifference matches scipy ttest_ind(equal_var=False) df and confidence_interval", () => {
    for (const [i, g] of golden.welch.entries()) {
      const w = welchDifference(g.a, g.b);
      close(w.diff, g.diff, 1e-12, `welch ${i} diff`, 1e-15);
      close(w.se, g.se, 1e-12, `welch ${i} se`);
      close(w.dof, g.dof, 1e-12, `welch ${i} dof`);
      const width = g.ci95[1] - g.ci95[0];
      close(w.ci95?.[0], g.ci95[0], 0, `welch ${i} ci lo`, width * 1e-11);
      close(w.ci95?.[1], g.ci95[1], 0, `welch ${i} ci hi`, width * 1e-11);
    }
  });

  it("welchDifference: zero spread and n = 1 are handled without NaN", () => {
    expect(welchDifference([2, 2, 2], [1, 1])).toEqual({ diff: 1, se: 0, dof: null, ci95: [1, 1] });
    expect(welchDifference([2], [1, 3])).toEqual({ diff: 0, se: null, dof: null, ci95: null });
  });

  it("tost matches two one-sided scipy Welch tests", () => {
    const verdicts = golden.tost.map((g) => g.equivalent);
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
    for (const [i, g] of golden.tost.entries()) {
      const r = tost(g.a, g.b, g.margin);
      close(r.pLower, g.pLower, 1e-9, `tost ${i} pLower`, 1e-15);
      close(r.pUpper, g.pUpper, 1e-9, `tost ${i} pUpper`, 1e-15);
      expect(r.equivalent, `tost ${i}`).toBe(g.equivalent);
    }
  });

  it("tost with identical constant samples is exactly equivalent; bad margins throw", () => {
    expect(tost([0.9, 0.9], [0.9, 0.9, 0.9], 1e-6)).toEqual({ equivalent: true, pLower: 0, pUpper: 0 });
    expect(tost([0.9, 0.9], [0.95, 0.95], 0.01)).toEqual({ equivalent: false, pLower: 1, pUpper: 0 });
    expect(tost([0.9], [0.9], 0.01)).toEqual({ equivalent: false, pLower: null, pUpper: null });
    expect(() => tost([1, 2], [1, 2], 0)).toThrow(RangeError);
  });
});

group("madOutliers (Iglewicz & Hoaglin modified z-score)", () => {
  it("matches numpy median/MAD, scores and flagged indices", () => {
    for (const [i, g] of golden.mad.entries()) {
      const r = madOutliers(g.values, g.threshold);
      close(r.median, g.median, 1e-15, `mad ${i} median`);
      close(r.mad, g.mad, 1e-15, `mad ${i} mad`);
      g.scores.forEach((s, j) => close(r.scores[j], s, 1e-12, `mad ${i} score ${j}`, 1e-12));
      expect(r.outlierIndices, `mad ${i}`).toEqual(g.outlierIndices);
    }
  });

  it("MAD 0: only values that differ from the median are flagged", () => {
    expect(madOutliers([5, 5, 5, 5]).outlierIndices).toEqual([]);
    const r = madOutliers([5, 5, 5, 5, 6]);
    expect(r.mad).toBe(0);
    expect(r.outlierIndices).toEqual([4]);
    expect(r.scores[4]).toBe(Infinity);
  });
});

// Unit tests of the diff engine against hand-checkable oracles: the TOST/Welch numbers for ν = 1,
// where the Student t CDF has the closed form F(t) = ½ + atan(t)/π and t_{0.975,1} = tan(0.475π);
// the special cases of the equivalence rule; the likely-causes ranking; colour injection.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CAUSE_RULES } from "../../src/audit/diff/causes.js";
import { compareReports } from "../../src/audit/diff/compare.js";
import { compareMetric } from "../../src/audit/diff/metrics.js";
import { renderText } from "../../src/audit/diff/render-text.js";
import { diffView } from "../../src/audit/diff/view.js";
import { readReport } from "../../src/report/read.js";
import type { Report } from "../../src/report/schema.js";
import { ROOT } from "../helpers/cli.js";

const load = (n: string) => readReport(join(ROOT, "test/fixtures/diff", `${n}.json`));

/** A copy of the base report whose repeats carry the given finalLoss values. */
function withLoss(values: (number | null)[]): Report {
  const r = structuredClone(load("base"));
  const template = r.repeats[0]!;
  r.repeats = values.map((v, i) => ({ ...structuredClone(template), index: i, metrics: { finalLoss: v } }));
  return r;
}

describe("metric equivalence", () => {
  it("TOST and the Welch CI match the closed form for 1 degree of freedom", () => {
    // A = [1, 1] (sd 0), B = [1.001, 1.003]: se = sd_B/√2 = 0.001, Welch dof = n_B − 1 = 1.
    const m = compareMetric("finalLoss", withLoss([1, 1]), withLoss([1.001, 1.003]), 0.01);
    const F = (t: number) => 0.5 + Math.atan(t) / Math.PI;
    const diff = 0.002;
    const margin = 0.01 * 1.002;
    const se = 0.001;
    expect(m.method).toBe("tost");
    expect(m.difference).toBeCloseTo(diff, 14);
    expect(m.margin).toBeCloseTo(margin, 15);
    expect(m.pUpper!).toBeCloseTo(F((diff - margin) / se), 9);
    expect(m.pLower!).toBeCloseTo(F(-(diff + margin) / se), 9);
    const t975 = Math.tan(0.475 * Math.PI); // 12.7062…
    expect(m.welchCi95![0]).toBeCloseTo(diff - t975 * se, 9);
    expect(m.welchCi95![1]).toBeCloseTo(diff + t975 * se, 9);
    expect(m.equivalent).toBe(F((diff - margin) / se) < 0.05); // 0.0395 < 0.05 → equivalent
    expect(m.equivalent).toBe(true);
    // A tighter margin fails: pUpper = F((0.002 − 0.005·1.002)/0.001) ≈ 0.10 ≥ 0.05.
    expect(compareMetric("finalLoss", withLoss([1, 1]), withLoss([1.001, 1.003]), 0.005).equivalent).toBe(false);
  });

  it("identical values on both sides are equivalent even with zero variance", () => {
    const m = compareMetric("finalLoss", withLoss([0.5, 0.5]), withLoss([0.5, 0.5, 0.5]), 1e-6);
    expect(m).toMatchObject({ method: "identical-values", equivalent: true, difference: 0, welchCi95: [0, 0] });
  });

  it("n = 1 on a side: no CI, the relative tolerance decides", () => {
    const near = compareMetric("finalLoss", withLoss([1]), withLoss([1 + 5e-7, 1 + 5e-7]), 1e-6);
    expect(near).toMatchObject({ method: "relative", equivalent: true, welchCi95: null });
    expect(near.note).toContain("not enough repeats for a CI");
    expect(compareMetric("finalLoss", withLoss([1]), withLoss([1 + 2e-6]), 1e-6).equivalent).toBe(false);
  });

  it("tolerance 0 with values that differ is not equivalent; non-finite values must match", () => {
    expect(compareMetric("finalLoss", withLoss([1, 1.1]), withLoss([1, 1.1]), 0)).toMatchObject({ method: "exact", equivalent: false });
    expect(compareMetric("finalLoss", withLoss([null, null]), withLoss([null, null]), 1e-6)).toMatchObject({ method: "non-finite", equivalent: true });
    expect(compareMetric("finalLoss", withLoss([1, null]), withLoss([1, 1]), 1e-6)).toMatchObject({ method: "non-finite", equivalent: false });
  });
});

describe("likely causes", () => {
  it("ranks the other machine's differences in table order and never blames host identifiers", () => {
    const c = compareReports({ path: "base", report: load("base") }, { path: "other", report: load("other-machine") }, { tolerance: 1e-6, allowConfigChange: false });
    expect(c.sections.find((s) => s.id === "host")!.differences.length).toBeGreaterThan(0);
    const ids = c.likelyCauses.map((x) => x.id);
    expect(ids).toEqual(["runtime-major", "cpu-flags", "cpu-model", "dependencies", "numerics-variables", "locale-timezone", "memory"]);
    expect(c.likelyCauses.map((x) => x.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(c.likelyCauses.find((x) => x.id === "cpu-flags")!.evidence[0]).toMatch(/^only in A: .*avx512f/);
    expect(c.likelyCauses.flatMap((x) => x.evidence).some((e) => e.includes("host"))).toBe(false);
  });

  it("numerics variables rank before cosmetic ones and every rule has a why and a hint", () => {
    const order = CAUSE_RULES.map((r) => r.id);
    expect(order.indexOf("numerics-variables")).toBeLessThan(order.indexOf("locale-timezone"));
    expect(order.indexOf("runtime-major")).toBeLessThan(order.indexOf("cpu-flags"));
    expect(order.indexOf("cpu-flags")).toBeLessThan(order.indexOf("dependencies"));
    for (const r of CAUSE_RULES) expect(r.why.length > 20 && r.hint.length > 10).toBe(true);
    expect(new Set(order).size).toBe(order.length);
  });
});

describe("terminal text", () => {
  it("colours only through the injected stylist", () => {
    const c = compareReports({ path: "a", report: load("base") }, { path: "b", report: load("fault") }, { tolerance: 1e-6, allowConfigChange: false });
    const result = { schema: "repro-audit/diff@1" as const, tolerance: 1e-6, allowConfigChange: false, equivalenceMethod: "TOST", verdict: c.verdict, comparisons: [c] };
    expect(renderText(diffView(result))).not.toContain("\u001b[");
    const coloured = renderText(diffView(result), (t, s) => (s === "red" ? `\u001b[31m${t}\u001b[0m` : t));
    expect(coloured).toContain("\u001b[31mdifferent\u001b[0m");
  });
});

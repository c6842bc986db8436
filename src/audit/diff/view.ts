// The one view-model of a diff (STYLE.md §9): the DiffResult with every number and hash already
// formatted, grouped the way all human formats show it. Terminal text, Markdown and HTML render
// this; JSON is the DiffResult itself. Pure: the same result gives the same view, byte for byte.

import type { Comparison, DiffResult, DiffSection, MetricComparison, ReportRef } from "./model.js";

export interface RowView {
  key: string;
  /** False for lines that are only a note (e.g. a divergence before the ledger). */
  hasValues: boolean;
  a: string;
  b: string;
  note: string;
}

export interface SectionView {
  title: string;
  same: boolean;
  note: string;
  rows: RowView[];
}

export interface GroupView {
  title: string;
  sections: SectionView[];
  /** The sections with differences, for formats that list only those. */
  changed: SectionView[];
  /** Titles of the sections without differences, comma-separated ("" when none). */
  sameList: string;
}

export interface MetricView {
  name: string;
  a: string;
  b: string;
  difference: string;
  welchCi: string;
  margin: string;
  equivalent: boolean;
  verdict: string;
  method: string;
  note: string;
}

export interface CauseView {
  rank: number;
  title: string;
  plausibility: string;
  evidence: string[];
  why: string;
  hint: string;
}

export interface ComparisonView {
  label: string;
  a: ReportRef;
  b: ReportRef;
  verdict: Comparison["verdict"];
  reason: string;
  firstDivergence: string;
  groups: GroupView[];
  metrics: MetricView[];
  causes: CauseView[];
  causesNote: string;
}

export interface DiffView {
  verdict: DiffResult["verdict"];
  reportCount: number;
  tolerance: string;
  allowConfigChange: boolean;
  equivalenceMethod: string;
  base: ReportRef;
  comparisons: ComparisonView[];
}

/** Numbers for people: 7 significant digits, exponent form for very small or large magnitudes. */
export function num(x: number | null): string {
  if (x === null) return "n/a";
  if (x === 0) return "0";
  const m = Math.abs(x);
  if (m < 1e-4 || m >= 1e7) return x.toExponential(3);
  return String(Number(x.toPrecision(7)));
}

const interval = (ci: readonly [number, number] | null) => (ci === null ? "n/a" : `[${num(ci[0])}, ${num(ci[1])}]`);

/** Long hashes shortened to 12 hex digits wherever they appear in a line. */
export function shortenHashes(s: string): string {
  return s.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, "$1…");
}

const GROUP_TITLES: Record<DiffSection["group"], string> = {
  tool: "Tool versions",
  environment: "Environment",
  config: "Configuration",
  run: "Run settings",
  data: "Data",
  repeats: "Repeats",
  trace: "Trace ledgers",
};

function sectionView(s: DiffSection): SectionView {
  return {
    title: s.title,
    same: s.differences.length === 0,
    note: s.note ?? "",
    rows: s.differences.map((d) => ({
      key: d.key,
      hasValues: d.a !== null || d.b !== null,
      a: shortenHashes(`${d.a ?? "unset"}${d.aFrom !== null ? ` (${d.aFrom})` : ""}`),
      b: shortenHashes(`${d.b ?? "unset"}${d.bFrom !== null ? ` (${d.bFrom})` : ""}`),
      note: shortenHashes(d.note ?? ""),
    })),
  };
}

function side(s: MetricComparison["a"]): string {
  const nf = s.nonFinite > 0 ? `, ${s.nonFinite} non-finite` : "";
  return `${num(s.mean)} ${s.ci95 === null ? "(no CI)" : interval(s.ci95)} n=${s.n}${nf}`;
}

const METHOD_TEXT: Record<MetricComparison["method"], string> = {
  "identical-values": "identical values",
  tost: "TOST",
  relative: "relative tolerance, n < 2",
  exact: "exact (margin 0)",
  "non-finite": "non-finite values",
  missing: "missing on one side",
};

function metricView(m: MetricComparison): MetricView {
  return {
    name: m.name,
    a: side(m.a),
    b: side(m.b),
    difference: num(m.difference),
    welchCi: interval(m.welchCi95),
    margin: num(m.margin),
    equivalent: m.equivalent,
    verdict: m.equivalent ? "equivalent" : "not equivalent",
    method: METHOD_TEXT[m.method] + (m.method === "tost" && m.pLower !== null && m.pUpper !== null ? ` p=${num(Math.max(m.pLower, m.pUpper))}` : ""),
    note: m.note ?? "",
  };
}

function divergenceText(c: Comparison): string {
  const d = c.firstDivergence;
  if (d === null) return c.verdict === "identical" ? "none: the ledgers agree entry by entry" : "none located in the ledgers";
  const at = d.epoch === null ? "after the ledger" : d.step === null ? `epoch ${d.epoch}` : `epoch ${d.epoch}, step ${d.step}`;
  return shortenHashes(`repeat ${d.repeat}, ${at}, ${d.field} — ${d.detail}`);
}

function comparisonView(c: Comparison, i: number, count: number): ComparisonView {
  const groups: GroupView[] = [];
  for (const s of c.sections) {
    const title = GROUP_TITLES[s.group];
    const last = groups[groups.length - 1];
    if (last !== undefined && last.title === title) last.sections.push(sectionView(s));
    else groups.push({ title, sections: [sectionView(s)], changed: [], sameList: "" });
  }
  for (const g of groups) {
    g.changed = g.sections.filter((s) => !s.same);
    g.sameList = g.sections.filter((s) => s.same).map((s) => s.title).join(", ");
  }
  return {
    label: count === 1 ? "B" : `B${i + 1}`,
    a: c.a,
    b: c.b,
    verdict: c.verdict,
    reason: c.reason,
    firstDivergence: divergenceText(c),
    groups,
    metrics: c.metrics.map(metricView),
    causes: c.likelyCauses.map((x) => ({ rank: x.rank, title: x.title, plausibility: x.plausibility, evidence: x.evidence.map(shortenHashes), why: x.why, hint: x.hint })),
    causesNote: c.verdict === "identical" ? "None: the results are identical, so no difference above changed them." : c.likelyCauses.length === 0 ? "No recorded difference explains it; look for nondeterminism inside the program." : "Hints, most plausible first: each can explain a divergence, none proves it.",
  };
}

export function diffView(r: DiffResult): DiffView {
  return {
    verdict: r.verdict,
    reportCount: r.comparisons.length + 1,
    tolerance: String(r.tolerance),
    allowConfigChange: r.allowConfigChange,
    equivalenceMethod: r.equivalenceMethod,
    base: r.comparisons[0]!.a,
    comparisons: r.comparisons.map((c, i) => comparisonView(c, i, r.comparisons.length)),
  };
}

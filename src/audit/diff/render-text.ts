// Terminal text of a diff, rendered from the view-model (view.ts). Colour is injected as a
// `style` function so this stays pure and the CLI alone decides (TTY, NO_COLOR) — with the
// identity function the output is plain text, which is what the golden files hold.

import type { ComparisonView, DiffView, SectionView } from "./view.js";

export type Style = "red" | "green" | "yellow" | "bold" | "dim";
export type Stylist = (text: string, style: Style) => string;

export const plain: Stylist = (t) => t;

const verdictStyle = (v: string): Style => (v === "identical" ? "green" : v === "equivalent" ? "yellow" : "red");

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

function section(s: SectionView, indent: string, st: Stylist): string[] {
  if (s.same) return [`${indent}${s.title}: ${st("same", "dim")}`];
  const out = [`${indent}${st(s.title, "bold")}: ${s.rows.length} difference${s.rows.length === 1 ? "" : "s"}`];
  const w = Math.min(40, Math.max(...s.rows.map((r) => r.key.length)));
  for (const r of s.rows) {
    if (!r.hasValues) {
      out.push(`${indent}  ${pad(r.key, w)}  ${r.note}`);
      continue;
    }
    out.push(`${indent}  ${pad(r.key, w)}  A: ${r.a}`);
    out.push(`${indent}  ${pad("", w)}  B: ${r.b}`);
    if (r.note !== "") out.push(`${indent}  ${pad("", w)}  ${st(r.note, "dim")}`);
  }
  return out;
}

function comparison(c: ComparisonView, st: Stylist): string[] {
  const out: string[] = [];
  out.push(st(`${c.label} = ${c.b.path}`, "bold") + `  (run ${c.b.runId}, ${c.b.experiment}, repro-audit ${c.b.toolVersion}, ${c.b.repeats} repeats)`);
  for (const g of c.groups) {
    if (g.sections.length === 1 && g.sections[0]!.title === g.title) {
      out.push(...section(g.sections[0]!, "  ", st));
      continue;
    }
    if (g.sections.length === 1) {
      out.push(...section({ ...g.sections[0]!, title: g.title }, "  ", st));
      continue;
    }
    const diffs = g.sections.filter((s) => !s.same).length;
    out.push(`  ${st(g.title, "bold")}: ${diffs === 0 ? st("same", "dim") : `${diffs} of ${g.sections.length} parts differ`}`);
    if (diffs > 0) for (const s of g.sections) out.push(...section(s, "    ", st));
  }
  out.push(`  ${st("First divergence", "bold")}: ${c.firstDivergence}`);
  out.push(`  ${st("Metrics", "bold")} (mean [95% CI] n; B − A with Welch 95% CI; equivalence within the margin)`);
  if (c.metrics.length === 0) out.push("    none recorded");
  for (const m of c.metrics) {
    out.push(`    ${m.name}: ${m.equivalent ? st(m.verdict, "green") : st(m.verdict, "red")} (${m.method}, margin ${m.margin})`);
    out.push(`      A ${m.a}`);
    out.push(`      B ${m.b}`);
    out.push(`      B − A ${m.difference}, Welch 95% CI ${m.welchCi}`);
    if (m.note !== "") out.push(`      ${st(m.note, "dim")}`);
  }
  out.push(`  ${st("Likely causes", "bold")}: ${c.causesNote}`);
  for (const x of c.causes) {
    out.push(`    ${x.rank}. [${x.plausibility}] ${x.title}`);
    for (const e of x.evidence) out.push(`       - ${e}`);
    out.push(`       why: ${x.why}`);
    out.push(`       hint: ${x.hint}`);
  }
  out.push(`  Verdict: ${st(c.verdict, verdictStyle(c.verdict))} — ${c.reason}`);
  return out;
}

/** The whole diff as terminal text (ends with a newline). */
export function renderText(v: DiffView, st: Stylist = plain): string {
  const out: string[] = [];
  out.push(`${st("repro-audit diff", "bold")}: ${v.comparisons.length + 1} reports, each compared with A; relative tolerance ${v.tolerance}${v.allowConfigChange ? "; config changes allowed" : ""}`);
  out.push(`A = ${v.base.path}  (run ${v.base.runId}, ${v.base.experiment}, repro-audit ${v.base.toolVersion}, ${v.base.repeats} repeats)`);
  for (const c of v.comparisons) {
    out.push("");
    out.push(...comparison(c, st));
  }
  out.push("");
  out.push(`Equivalence: ${v.equivalenceMethod}`);
  out.push(`${st("Verdict", "bold")}: ${st(v.verdict, verdictStyle(v.verdict))}`);
  return out.join("\n") + "\n";
}

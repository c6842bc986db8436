// What `verify` recomputes from the evidence. report.json keeps the raw evidence (`repeats`) next to
// what was derived from it (verdict, statistics, automatic checklist items); an unsigned report has
// no digest to protect it, so verify derives those again with the same code the run used
// (computeVerdict, summarize, evaluateChecklist) and names every field that disagrees.
// Exact equality is right for numbers: the same code on the same doubles gives the same doubles,
// and JSON round-trips doubles exactly (ECMA-262 Number::toString is shortest round-trip).
// Not recomputed: warnings (the harness adds some of its own) and the verdict's reason text (the
// harness prefixes it for runs with one repeat per seed). Not checked here: the repeats themselves
// — only a signature can vouch for them.

import { computeVerdict } from "../audit/verdict.js";
import { summarize } from "../audit/summarize.js";
import { evaluateChecklist } from "../checklist/evaluate.js";
import { loadChecklist } from "../checklist/load.js";
import type { Checklist } from "../checklist/schema.js";
import { canonicalJson } from "../io/hash.js";
import type { Report } from "./schema.js";

export interface RecomputeCheck {
  /** The report field compared, e.g. "verdict.status", "statistics.finalLoss.mean", "checklist.env.runtime". */
  field: string;
  result: "match" | "mismatch" | "skipped";
  stored?: unknown;
  recomputed?: unknown;
  /** For mismatches and skips: one sentence naming the field and what was found. */
  message: string | null;
}

const show = (v: unknown): string => (v === undefined ? "absent" : typeof v === "string" ? v : JSON.stringify(v));

function compare(field: string, stored: unknown, recomputed: unknown, says: "is" | "says"): RecomputeCheck {
  const same = canonicalJson(stored ?? null) === canonicalJson(recomputed ?? null) && (stored === undefined) === (recomputed === undefined);
  return same
    ? { field, result: "match", stored, recomputed, message: null }
    : { field, result: "mismatch", stored, recomputed, message: `${field} ${says} ${show(stored)} but the repeats give ${show(recomputed)}` };
}

/** Every leaf of two values side by side (objects by key union in sorted order, arrays by index). */
function compareLeaves(field: string, stored: unknown, recomputed: unknown, out: RecomputeCheck[]): void {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (Array.isArray(stored) && Array.isArray(recomputed) && stored.length === recomputed.length) {
    stored.forEach((v, i) => compareLeaves(`${field}[${i}]`, v, recomputed[i], out));
  } else if (isObj(stored) && isObj(recomputed)) {
    const keys = [...new Set([...Object.keys(stored), ...Object.keys(recomputed)])].sort();
    for (const k of keys) compareLeaves(`${field}.${k}`, stored[k], recomputed[k], out);
  } else {
    out.push(compare(field, stored, recomputed, "is"));
  }
}

/** verdict.status, .failedRepeats, .firstDivergence and .tolerance against computeVerdict(repeats, run.tolerance). */
export function recomputeVerdict(report: Report): RecomputeCheck[] {
  const v = computeVerdict(report.repeats, report.run.tolerance);
  return (["status", "failedRepeats", "firstDivergence", "tolerance"] as const).map((k) => compare(`verdict.${k}`, report.verdict[k], v[k], "says"));
}

/** Every value of every metric in `statistics` against summarize(repeats). */
export function recomputeStatistics(report: Report): RecomputeCheck[] {
  const { statistics } = summarize(report.repeats, report.run.seedMode === "per-seed");
  const out: RecomputeCheck[] = [];
  compareLeaves("statistics", report.statistics, statistics, out);
  return out;
}

const itemIds = (c: Checklist): string[] => c.sections.flatMap((s) => s.items.map((i) => i.id));

/**
 * The status of each automatic checklist item, re-evaluated against the default checklist; skipped
 * (one "skipped" check) when the report has no checklist or one with other item ids (`run
 * --checklist` with a custom file, which verify does not have).
 */
export function recomputeChecklist(report: Report, checklist: Checklist = loadChecklist()): RecomputeCheck[] {
  const stored = report.checklist;
  if (stored === null || stored === undefined) return [{ field: "checklist", result: "skipped", message: "checklist not re-evaluated: the report has none" }];
  const ids = itemIds(checklist);
  if (canonicalJson(stored.map((i) => i.id)) !== canonicalJson(ids)) {
    return [{ field: "checklist", result: "skipped", message: "checklist not re-evaluated: its items are not those of the default checklist (a custom `run --checklist` was used)" }];
  }
  const { checklist: _c, signoffs: _s, ...audited } = report;
  const fresh = evaluateChecklist(audited, checklist);
  const out: RecomputeCheck[] = [];
  stored.forEach((item, i) => {
    const again = fresh[i]!;
    if (again.manual && item.manual) return; // decided by sign-offs, not by evidence
    if (again.manual !== item.manual) {
      out.push({ field: `checklist.${item.id}.manual`, result: "mismatch", stored: item.manual, recomputed: again.manual, message: `checklist item ${item.id} is marked ${item.manual ? "manual" : "automatic"} but the default checklist has it ${again.manual ? "manual" : "automatic"}` });
      return;
    }
    const c = compare(`checklist.${item.id}.status`, item.status, again.status, "says");
    if (c.result === "mismatch") c.message = `checklist item ${item.id} says ${item.status} but the evidence gives ${again.status}`;
    out.push(c);
  });
  return out;
}

/** All recomputation checks, in report order: verdict, statistics, checklist. */
export function recomputeDerived(report: Report, checklist?: Checklist): RecomputeCheck[] {
  return [...recomputeVerdict(report), ...recomputeStatistics(report), ...recomputeChecklist(report, checklist)];
}

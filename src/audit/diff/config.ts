// Configuration, run settings and data sections of a diff. The config is compared field by field
// (CONFIG_KEYS order) with where each value came from (default, experiment file, flag); the
// experiment name counts as a field. Reports of different experiments or configs are refused
// unless the caller allows it (`--allow-config-change`): comparing runs of different configs says
// nothing about reproducibility, and mixing them up by accident is the common mistake.

import { CONFIG_KEYS } from "../../config/schema.js";
import { ConfigError } from "../../errors.js";
import type { Report } from "../../report/schema.js";
import { canonicalJson } from "../../io/hash.js";
import { compareFields, compareFlattened } from "./fields.js";
import { difference, type DiffSection, type Difference } from "./model.js";

const text = (v: unknown): string | null => (v === undefined ? null : typeof v === "string" ? v : canonicalJson(v));

/** Experiment name and every config field whose value differs, with each side's source. */
export function configDifferences(a: Report, b: Report): Difference[] {
  const out: Difference[] = [];
  if (a.experiment.name !== b.experiment.name) out.push(difference("experiment", a.experiment.name, b.experiment.name));
  for (const k of CONFIG_KEYS) {
    const va = text(a.experiment.config[k]);
    const vb = text(b.experiment.config[k]);
    if (va === vb) continue;
    out.push({ key: k, a: va, b: vb, aFrom: a.experiment.sources[k] ?? null, bFrom: b.experiment.sources[k] ?? null, note: null });
  }
  return out;
}

/**
 * Throws ConfigError (exit 2) listing the differing fields when the two reports are of different
 * experiments or configs; `allow` turns the refusal off.
 */
export function checkSameConfig(a: Report, b: Report, pathA: string, pathB: string, allow: boolean): void {
  if (allow) return;
  const diffs = configDifferences(a, b);
  if (diffs.length === 0) return;
  const lines = diffs.map((d) => `  ${d.key}: ${d.a ?? "unset"}${d.aFrom !== null ? ` (${d.aFrom})` : ""} vs ${d.b ?? "unset"}${d.bFrom !== null ? ` (${d.bFrom})` : ""}`);
  throw new ConfigError(
    `${pathA} and ${pathB} are reports of different experiments or configs; ${diffs.length} field(s) differ:\n${lines.join("\n")}\n` +
      "A diff checks whether the same experiment reproduces elsewhere. To compare them anyway, pass --allow-config-change.",
    { file: pathB, field: diffs[0]!.key },
  );
}

export function configSection(a: Report, b: Report): DiffSection {
  return { id: "config", group: "config", title: "Configuration", differences: configDifferences(a, b), note: "Field by field, with where each value came from." };
}

/** How the audit was run: repeats, seeds, kernel, threads, precision, trace granularity. */
export function runSection(a: Report, b: Report): DiffSection {
  const differences = [
    ...compareFields("run", a.run, b.run, ["runner", "repeats", "seeds", "seedMode", "tolerance", "traceEvery", "kernel", "threads", "resumed"]),
    ...compareFields("run.precision", a.run.precision, b.run.precision, ["trainDtype", "inferencePrecision"]),
  ];
  return { id: "run", group: "run", title: "Run settings", differences, note: null };
}

/** Data fingerprint (hashes, shapes, sources) and validation results, leaf by leaf. */
export function dataSection(a: Report, b: Report): DiffSection {
  return { id: "data", group: "data", title: "Data and validation", differences: compareFlattened(a.data, b.data, "data"), note: null };
}

/** True when every data hash and validation result agrees (paths and descriptions may differ). */
export function dataHashesEqual(section: DiffSection): boolean {
  return !section.differences.some((d) => /sha256|\.passed$|\.ok$|^data\.ok$/i.test(d.key));
}

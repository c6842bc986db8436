// `diff` of report records: compares report B with report A section by section and gives a
// verdict — `identical` (every hash agrees: data, and per repeat the RNG states, initial weights,
// every ledger entry, final weights and artifacts), `equivalent` (hashes differ but every
// functional metric is equivalent within the tolerance by TOST, see metrics.ts), otherwise
// `different` — plus the environment differences ranked as likely causes. With several reports,
// each is compared with the first. Pure: reads only the records it is given (no clock, no files).

import type { Report } from "../../report/schema.js";
import { likelyCauses } from "./causes.js";
import { checkSameConfig, configSection, dataHashesEqual, dataSection, runSection } from "./config.js";
import { environmentSections } from "./environment.js";
import { compareMetrics, EQUIVALENCE_METHOD } from "./metrics.js";
import { DIFF_SCHEMA, worse, type Comparison, type DiffResult, type DiffSection, type ReportRef, type SectionId } from "./model.js";
import { earliest, pairDivergences, pairRepeats, traceSection, weightsSection } from "./repeats.js";

export interface DiffOptions {
  /** Relative equivalence margin for metrics (default 1e-6, like `run --tolerance`). */
  tolerance: number;
  /** Compare reports of different experiments/configs instead of refusing them. */
  allowConfigChange: boolean;
}

export interface NamedReport {
  /** As the user gave it; names the report in messages and output. */
  path: string;
  report: Report;
}

function ref(n: NamedReport): ReportRef {
  const r = n.report;
  return { path: n.path, runId: r.runId, createdAt: r.createdAt, experiment: r.experiment.name, toolVersion: r.tool.version, repeats: r.repeats.length };
}

const where = (d: { epoch: number | null; step: number | null }) =>
  d.epoch === null ? "" : d.step === null ? ` at epoch ${d.epoch}` : ` at epoch ${d.epoch} step ${d.step}`;

/** Compares B with A. Throws ConfigError (exit 2) on a config change unless allowed. */
export function compareReports(na: NamedReport, nb: NamedReport, options: DiffOptions): Comparison {
  const a = na.report;
  const b = nb.report;
  checkSameConfig(a, b, na.path, nb.path, options.allowConfigChange);
  const pairs = pairRepeats(a, b);
  const divergences = pairDivergences(pairs);
  const data = dataSection(a, b);
  const sections: DiffSection[] = [
    ...environmentSections(a, b),
    configSection(a, b),
    runSection(a, b),
    data,
    weightsSection(pairs),
    traceSection(pairs, divergences),
  ];
  const metrics = compareMetrics(a, b, options.tolerance);
  const first = earliest(divergences);
  const failed = [...a.repeats, ...b.repeats].some((r) => r.status === "failed");
  const sameRepeats = pairs.onlyA.length === 0 && pairs.onlyB.length === 0;

  let verdict: Comparison["verdict"];
  let reason: string;
  if (first === null && sameRepeats && dataHashesEqual(data)) {
    verdict = "identical";
    reason = `Every hash agrees: data, and for each of the ${pairs.pairs.length} repeats the RNG states, initial weights, every ledger entry, final weights and artifacts.`;
  } else {
    const notEq = metrics.filter((m) => !m.equivalent).map((m) => m.name);
    const how = first !== null ? `Repeat ${first.repeat} first differs${where(first)} (${first.field})` : !sameRepeats ? "The reports have different repeats" : "The data hashes differ";
    if (failed) {
      verdict = "different";
      reason = `${how}; a failed repeat means the runs cannot be judged equivalent.`;
    } else if (notEq.length === 0 && metrics.length > 0) {
      verdict = "equivalent";
      reason = `${how}, but every metric is equivalent within the relative tolerance ${options.tolerance} (TOST).`;
    } else {
      verdict = "different";
      reason = `${how}, and ${notEq.length === 0 ? "there are no metrics to compare" : `${notEq.join(", ")} ${notEq.length === 1 ? "is" : "are"} not shown equivalent within the relative tolerance ${options.tolerance}`}.`;
    }
  }
  const byId = new Map<SectionId, DiffSection>(sections.map((s) => [s.id, s]));
  return {
    a: ref(na),
    b: ref(nb),
    verdict,
    reason,
    firstDivergence: first,
    sections,
    metrics,
    likelyCauses: verdict === "identical" ? [] : likelyCauses({ a, b, sections: byId }),
  };
}

/** Compares every report after the first with the first. Needs at least two reports. */
export function diffReports(reports: readonly NamedReport[], options: DiffOptions): DiffResult {
  const [base, ...others] = reports;
  if (base === undefined || others.length === 0) throw new RangeError("diffReports needs at least two reports");
  const comparisons = others.map((o) => compareReports(base, o, options));
  return {
    schema: DIFF_SCHEMA,
    tolerance: options.tolerance,
    allowConfigChange: options.allowConfigChange,
    equivalenceMethod: EQUIVALENCE_METHOD,
    verdict: comparisons.map((c) => c.verdict).reduce(worse),
    comparisons,
  };
}

// Evaluates a checklist against a report: automatic items through their evaluator, manual items
// `pending` (a sign-off decides them later; see status.ts). The result is the report's `checklist`.

import type { ChecklistItemResult, Report } from "../report/schema.js";
import { type AuditedReport, evaluators, isEvaluatorId } from "./evaluators.js";
import { loadChecklist } from "./load.js";
import type { Checklist } from "./schema.js";
import { InternalError } from "../errors.js";

/** One result per item, in the checklist's order. */
export function evaluateChecklist(report: AuditedReport, checklist: Checklist): ChecklistItemResult[] {
  return checklist.sections.flatMap((section) =>
    section.items.map((item): ChecklistItemResult => {
      const base = { id: item.id, section: section.title, text: item.text, why: item.why };
      if (item.manual === true) return { ...base, hint: item.hint, manual: true, status: "pending", evidence: [] };
      const id = item.evaluator ?? "";
      // load.ts already refused unknown ids; this guards checklists built in code.
      if (!isEvaluatorId(id)) throw new InternalError(`checklist item ${item.id} names unknown evaluator "${id}"`);
      const result = evaluators[id](report);
      return { ...base, hint: result.hint ?? item.hint, manual: false, status: result.status, evidence: result.evidence };
    }),
  );
}

/** The report with its checklist filled in (default: checklist/reproducibility.yaml). */
export function withChecklist(report: Report, checklist: Checklist = loadChecklist()): Report {
  return { ...report, checklist: evaluateChecklist(report, checklist) };
}

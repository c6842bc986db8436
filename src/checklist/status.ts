// Effective checklist statuses and the report's overall status, derived (never stored): the
// checklist in report.json keeps what was evaluated at run time (manual items `pending`), and
// sign-offs carry the decisions on manual items. The latest sign-off that names an item wins.
// Deriving keeps the report digest stable, so a sign-off never invalidates an earlier one.

import type { ChecklistItemResult, Report, Signoff } from "../report/schema.js";

export type ItemStatus = ChecklistItemResult["status"];
export interface EffectiveItem extends ChecklistItemResult {
  /** The sign-off decisions on this item, oldest first. */
  decisions: { by: string; role: string | null; at: string; status: "pass" | "fail" | "n/a"; note: string | null; signoff: number }[];
}

/** Checklist items with manual statuses taken from the sign-offs. */
export function effectiveChecklist(checklist: ChecklistItemResult[], signoffs: Signoff[]): EffectiveItem[] {
  return checklist.map((item) => {
    const decisions = signoffs.flatMap((s, signoff) =>
      item.manual ? s.items.filter((d) => d.id === item.id).map((d) => ({ by: s.by, role: s.role, at: s.at, status: d.status, note: d.note, signoff })) : [],
    );
    const last = decisions[decisions.length - 1];
    return { ...item, status: last !== undefined ? last.status : item.status, decisions };
  });
}

export type OverallStatus = "not-reproducible" | "checklist-failed" | "awaiting-sign-off" | "reproducible" | "not-evaluated";
export const OVERALL_LABEL: Record<OverallStatus, string> = {
  "not-reproducible": "not reproducible",
  "checklist-failed": "checklist failed",
  "awaiting-sign-off": "awaiting sign-off",
  reproducible: "reproducible",
  "not-evaluated": "checklist not evaluated",
};

export interface Overall {
  status: OverallStatus;
  label: string;
  counts: Record<ItemStatus, number>;
}

/** Worst first: not reproducible > a checklist item failed > manual items pending > reproducible. */
export function overallStatus(report: Report): Overall {
  const items = report.checklist === null ? [] : effectiveChecklist(report.checklist, report.signoffs);
  const counts: Record<ItemStatus, number> = { pass: 0, fail: 0, "n/a": 0, pending: 0 };
  for (const i of items) counts[i.status] += 1;
  const status: OverallStatus =
    report.verdict.status === "not-reproducible"
      ? "not-reproducible"
      : counts.fail > 0
        ? "checklist-failed"
        : counts.pending > 0
          ? "awaiting-sign-off"
          : report.checklist === null
            ? "not-evaluated"
            : "reproducible";
  return { status, label: OVERALL_LABEL[status], counts };
}

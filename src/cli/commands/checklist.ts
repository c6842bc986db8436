// `repro-audit checklist [report.json] [--checklist file] [--json]`: lists the checklist's items
// (automatic or manual); with a report, evaluates it against that report and shows each item's
// effective status (sign-offs applied) with its evidence. Exit 1 when an evaluated item fails.

import type { Argv, CommandModule } from "yargs";
import { evaluateChecklist } from "../../checklist/evaluate.js";
import { DEFAULT_CHECKLIST, loadChecklist } from "../../checklist/load.js";
import { effectiveChecklist } from "../../checklist/status.js";
import { EXIT } from "../../errors.js";
import { readReportFile } from "../../report/render-files.js";
import { paint, printJson } from "../output.js";

interface ChecklistArgs {
  report?: string;
  checklist?: string;
  json: boolean;
}

export const checklistCommand: CommandModule<object, ChecklistArgs> = {
  command: "checklist [report]",
  describe: "List the reproducibility checklist; with a report, evaluate it",
  builder: (y: Argv<object>) =>
    y
      .positional("report", { type: "string", describe: "a report.json to evaluate the checklist against" })
      .option("checklist", { type: "string", describe: `checklist file (default ${DEFAULT_CHECKLIST})` })
      .option("json", { type: "boolean", default: false, describe: "print JSON" })
      .example("$0 checklist", "list every item and whether it is automatic or manual")
      .example("$0 checklist reports/RUN/report.json --checklist my-lab.yaml", "evaluate another checklist against a report") as unknown as Argv<ChecklistArgs>,
  handler: (args) => {
    const checklist = loadChecklist(args.checklist);
    if (args.report === undefined) {
      if (args.json) return printJson(checklist);
      const lines = [paint(checklist.title, "bold")];
      for (const s of checklist.sections) {
        lines.push("", paint(s.title, "bold"));
        for (const i of s.items) lines.push(`  ${i.id.padEnd(32)} ${i.manual === true ? "manual   " : "automatic"}  ${i.text}`);
      }
      process.stdout.write(lines.join("\n") + "\n");
      return;
    }
    const { report } = readReportFile(args.report);
    const items = effectiveChecklist(evaluateChecklist(report, checklist), report.signoffs);
    if (args.json) printJson(items);
    else {
      const colour = { pass: "green", fail: "red", pending: "yellow", "n/a": "dim" } as const;
      const lines: string[] = [];
      for (const i of items) {
        lines.push(`${paint(i.status.padEnd(7), colour[i.status])} ${i.id}: ${i.text}`);
        for (const e of i.evidence) lines.push(`          ${e.label}: ${e.value} (${e.where})`);
        if (i.status === "fail" || i.status === "pending") lines.push(`          hint: ${i.hint}`);
      }
      process.stdout.write(lines.join("\n") + "\n");
    }
    if (items.some((i) => i.status === "fail")) process.exitCode = EXIT.auditFailed;
  },
};

// `repro-audit signoff <report.json> --by NAME [--role ROLE] [--item ID --status S --note TEXT]…
// [--key private.pem]`: appends a sign-off (optionally Ed25519-signed) to report.json and
// re-renders report.md / report.html beside it. --item/--status/--note pair up in order.

import { readFileSync } from "node:fs";
import type { Argv, CommandModule } from "yargs";
import { UsageError, describeFsError } from "../../errors.js";
import { writeFileAtomic } from "../../io/atomic.js";
import { overallStatus } from "../../checklist/status.js";
import { readReportFile, writeRendered } from "../../report/render-files.js";
import { addSignoff, type SignoffDecision } from "../../report/signoff.js";
import { reportJsonText } from "../../report/write.js";

interface SignoffArgs {
  report: string;
  by: string;
  role?: string;
  item?: string[];
  status?: string[];
  note?: string[];
  key?: string;
  at?: string;
}

const STATUSES = ["pass", "fail", "n/a"] as const;

/** Pairs --item, --status and --note by position (notes: none, or one per item). */
export function decisionsFrom(items: string[] = [], statuses: string[] = [], notes: string[] = []): SignoffDecision[] {
  if (statuses.length !== items.length) throw new UsageError(`give one --status per --item (got ${items.length} --item and ${statuses.length} --status), e.g. --item reporting.hardware-assumptions --status pass`);
  if (notes.length !== 0 && notes.length !== items.length) throw new UsageError(`give one --note per --item or none (got ${items.length} --item and ${notes.length} --note); use --note "" for an item without a note`);
  return items.map((id, i) => {
    const status = statuses[i]!;
    if (!(STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status ${status} (for --item ${id}) must be one of ${STATUSES.join(", ")}`);
    const note = notes[i];
    return { id, status: status as SignoffDecision["status"], note: note === undefined || note === "" ? null : note };
  });
}

export const signoffCommand: CommandModule<object, SignoffArgs> = {
  command: "signoff <report>",
  describe: "Sign off a report (decide manual checklist items; --key signs it with Ed25519)",
  builder: (y: Argv<object>) =>
    y
      .positional("report", { type: "string", demandOption: true, describe: "path of report.json" })
      .option("by", { type: "string", demandOption: true, describe: "who signs off" })
      .option("role", { type: "string", describe: "their role, e.g. reviewer" })
      .option("item", { type: "string", array: true, describe: "a manual checklist item id (repeatable)" })
      .option("status", { type: "string", array: true, describe: "pass, fail or n/a for the --item at the same position" })
      .option("note", { type: "string", array: true, describe: "a note for the --item at the same position" })
      .option("key", { type: "string", describe: "Ed25519 private key (PEM) from `repro-audit keygen` to sign with" })
      .option("at", { type: "string", describe: "record this ISO 8601 time instead of now" })
      .example("$0 signoff report.json --by 'Ada L.' --role reviewer --item reporting.hardware-assumptions --status pass --note 'README §3' --key ada.private.pem", "decide the manual item and sign") as unknown as Argv<SignoffArgs>,
  handler: (args) => {
    const decisions = decisionsFrom(args.item, args.status, args.note);
    let at = new Date().toISOString();
    if (args.at !== undefined) {
      const t = new Date(args.at);
      if (Number.isNaN(t.getTime())) throw new UsageError(`--at ${args.at} is not a date-time; use ISO 8601, e.g. 2026-12-04T10:15:00Z`);
      at = t.toISOString();
    }
    let privateKeyPem: string | null = null;
    if (args.key !== undefined) {
      try {
        privateKeyPem = readFileSync(args.key, "utf8");
      } catch (err) {
        throw new UsageError(`cannot read --key ${args.key}: ${describeFsError(err)}`, { cause: err });
      }
    }
    const { report, raw } = readReportFile(args.report);
    const signed = addSignoff(report, raw, { by: args.by, role: args.role ?? null, items: decisions, at, privateKeyPem });
    writeFileAtomic(args.report, reportJsonText(signed));
    const written = writeRendered(args.report, signed);
    const s = signed.signoffs[signed.signoffs.length - 1]!;
    process.stdout.write(
      `sign-off ${signed.signoffs.length} by ${s.by}${s.signature !== null ? " (signed)" : " (unsigned)"} over digest ${s.reportDigest}\n` +
        `status: ${overallStatus(signed).label}\n` +
        written.map((p) => `wrote ${p}`).join("\n") + "\n",
    );
  },
};

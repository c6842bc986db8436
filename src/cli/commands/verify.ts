// `repro-audit verify <report.json> [--pub public.pem]…`: schema-valid, config hash and report
// digest recomputed, verdict / statistics / automatic checklist items recomputed from the repeats
// (report/recompute.ts), every sign-off's digest and Ed25519 signature checked (with --pub: made
// by one of those keys). Exit 0 valid, 1 tampered or invalid (each problem names the field or the
// sign-off and why), 2 unreadable (not a file, not JSON, not a repro-audit report, made by a newer
// repro-audit).

import { readFileSync } from "node:fs";
import type { Argv, CommandModule } from "yargs";
import { EXIT, UsageError, describeFsError } from "../../errors.js";
import { overallStatus } from "../../checklist/status.js";
import { parseReportJson, readReportText } from "../../report/read.js";
import { reportSchema } from "../../report/schema.js";
import { verifyReportJson } from "../../report/signoff.js";
import { paint, printJson } from "../output.js";

interface VerifyArgs {
  report: string;
  pub?: string[];
  json: boolean;
}

export const verifyCommand: CommandModule<object, VerifyArgs> = {
  command: "verify <report>",
  describe: "Check a report: schema, digest, verdict/statistics/checklist recomputed from the repeats, every sign-off and signature (exit 1 if tampered)",
  builder: (y: Argv<object>) =>
    y
      .positional("report", { type: "string", demandOption: true, describe: "path of report.json" })
      .option("pub", { type: "string", array: true, describe: "trusted Ed25519 public key (PEM); every sign-off must be signed by one" })
      .option("json", { type: "boolean", default: false, describe: "print the result as JSON" })
      .example("$0 verify report.json --pub ada.public.pem", "exit 0 only if untampered and signed by Ada's key") as unknown as Argv<VerifyArgs>,
  handler: (args) => {
    const raw = parseReportJson(readReportText(args.report), args.report);
    const keys = (args.pub ?? []).map((p) => {
      try {
        return readFileSync(p, "utf8");
      } catch (err) {
        throw new UsageError(`cannot read --pub ${p}: ${describeFsError(err)}`, { cause: err });
      }
    });
    const result = verifyReportJson(raw, { publicKeys: keys });
    const parsed = reportSchema.safeParse(raw);
    const status = parsed.success ? overallStatus(parsed.data).label : null;
    if (args.json) printJson({ ...result, status });
    else {
      const lines = [result.valid ? `${paint("valid", "green")}: ${args.report}` : `${paint("INVALID", "red")}: ${args.report}`];
      if (result.digest !== null) lines.push(`report digest ${result.digest}`);
      for (const p of result.problems) lines.push(`${paint("problem", "red")}: ${p}`);
      for (const n of result.notes) lines.push(`ok: ${n}`);
      for (const c of result.recomputed) if (c.result === "skipped") lines.push(`${paint("skipped", "yellow")}: ${c.message ?? c.field}`);
      if (status !== null) lines.push(`status: ${status}`);
      process.stdout.write(lines.join("\n") + "\n");
    }
    if (!result.valid) process.exitCode = EXIT.auditFailed;
  },
};

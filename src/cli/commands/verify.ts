// `repro-audit verify <report.json> [--pub public.pem]…`: schema-valid, config hash and report
// digest recomputed, every sign-off's digest and Ed25519 signature checked (with --pub: made by
// one of those keys). Exit 0 valid, 1 tampered or invalid (each problem names the sign-off and
// why), 2 unreadable (not a file, not JSON, not a repro-audit report).

import { readFileSync } from "node:fs";
import type { Argv, CommandModule } from "yargs";
import { ArtifactError, EXIT, UsageError, describeFsError } from "../../errors.js";
import { overallStatus } from "../../checklist/status.js";
import { REPORT_SCHEMA, reportSchema } from "../../report/schema.js";
import { verifyReportJson } from "../../report/signoff.js";
import { paint, printJson } from "../output.js";

interface VerifyArgs {
  report: string;
  pub?: string[];
  json: boolean;
}

function readRaw(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ArtifactError(`cannot read report ${path}: ${describeFsError(err)}`, { file: path, cause: err });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ArtifactError(`${path} is not valid JSON: ${(err as Error).message}`, { file: path, cause: err });
  }
  const schema = (raw as { schema?: unknown } | null)?.schema;
  if (schema !== REPORT_SCHEMA) throw new ArtifactError(`${path} is not a ${REPORT_SCHEMA} report (its "schema" is ${JSON.stringify(schema)})`, { file: path });
  return raw;
}

export const verifyCommand: CommandModule<object, VerifyArgs> = {
  command: "verify <report>",
  describe: "Check a report: schema, digest, every sign-off and signature (exit 1 if tampered)",
  builder: (y: Argv<object>) =>
    y
      .positional("report", { type: "string", demandOption: true, describe: "path of report.json" })
      .option("pub", { type: "string", array: true, describe: "trusted Ed25519 public key (PEM); every sign-off must be signed by one" })
      .option("json", { type: "boolean", default: false, describe: "print the result as JSON" })
      .example("$0 verify report.json --pub ada.public.pem", "exit 0 only if untampered and signed by Ada's key") as unknown as Argv<VerifyArgs>,
  handler: (args) => {
    const raw = readRaw(args.report);
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
      if (status !== null) lines.push(`status: ${status}`);
      process.stdout.write(lines.join("\n") + "\n");
    }
    if (!result.valid) process.exitCode = EXIT.auditFailed;
  },
};

// Reading report.json with clear errors: not JSON, truncated, another schema version, a report
// from a newer tool, or a field that does not validate — each names the file, the field and the fix.

import { readFileSync, statSync } from "node:fs";
import { ArtifactError, describeFsError } from "../errors.js";
import { REPORT_SCHEMA, type Report, reportSchema } from "./schema.js";

/** Parses and validates a report already in memory; `where` names it in errors. */
export function parseReport(text: string, where: string): Report {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const truncated = text.trim().length > 0 && !/[}\]]\s*$/.test(text);
    throw new ArtifactError(
      `${where} is not valid JSON${truncated ? " (it looks truncated)" : ""}: ${(err as Error).message}. Use the report.json that \`repro-audit run\` wrote, or re-render it from its run with \`repro-audit run --resume\`.`,
      { file: where, cause: err },
    );
  }
  const schema = (raw as { schema?: unknown } | null)?.schema;
  if (typeof schema !== "string" || !schema.startsWith("repro-audit/report@")) {
    throw new ArtifactError(`${where} is not a repro-audit report: its "schema" field is ${JSON.stringify(schema)}, expected "${REPORT_SCHEMA}". Give the report.json from reports/<run-id>/.`, { file: where });
  }
  if (schema !== REPORT_SCHEMA) {
    const theirs = Number(schema.slice("repro-audit/report@".length));
    const ours = Number(REPORT_SCHEMA.slice("repro-audit/report@".length));
    const advice = theirs > ours ? "it was made by a newer repro-audit; upgrade this tool to read it" : "it was made by an older repro-audit; re-run the audit with this version";
    throw new ArtifactError(`${where} has schema "${schema}" but this tool reads "${REPORT_SCHEMA}": ${advice}.`, { file: where });
  }
  const result = reportSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 8).map((i) => `  ${i.path.join(".") || "(top level)"}: ${i.message}`);
    const more = result.error.issues.length > 8 ? `\n  … and ${result.error.issues.length - 8} more` : "";
    throw new ArtifactError(`${where} does not match the ${REPORT_SCHEMA} schema:\n${lines.join("\n")}${more}\nThe file was edited or damaged; use an unmodified report (schemas/report.schema.json describes every field).`, { file: where });
  }
  return result.data;
}

/** Reads and validates a report file. */
export function readReport(path: string): Report {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ArtifactError(`cannot read report ${path}: ${describeFsError(err)}. Give the path of a report.json (reports/<run-id>/report.json).`, { file: path, cause: err });
  }
  if (text.trim().length === 0) throw new ArtifactError(`report ${path} is empty. Give the report.json that \`repro-audit run\` wrote.`, { file: path });
  return parseReport(text, path);
}

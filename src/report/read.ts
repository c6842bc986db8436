// Reading report.json with clear errors: not JSON, truncated, another schema version, a report
// from a newer tool, or a field that does not validate — each names the file, the field and the fix.
// A report is "from a newer tool" when its schema is newer, or when the schema is the same but
// tool.version is a later release than this one (SemVer 2.0.0 precedence, §11): a newer release
// may fill fields with meanings this one does not know, so it refuses rather than misread them.

import { readFileSync, statSync } from "node:fs";
import { ArtifactError, describeFsError } from "../errors.js";
import { TOOL_VERSION } from "../version.js";
import { REPORT_SCHEMA, type Report, reportSchema } from "./schema.js";

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * SemVer 2.0.0 precedence (semver.org §11): negative if a < b, 0 if equal, positive if a > b;
 * null when either is not a version. major.minor.patch compare numerically; x.y.z-pre is lower
 * than x.y.z; prerelease identifiers compare numerically when both are digits, else by ASCII,
 * digits lower than words, and a shorter prefix is lower. Build metadata (+…) is ignored.
 */
export function compareVersions(a: string, b: string): number | null {
  const ma = SEMVER.exec(a);
  const mb = SEMVER.exec(b);
  if (ma === null || mb === null) return null;
  for (let i = 1; i <= 3; i++) {
    const d = Number(ma[i]) - Number(mb[i]);
    if (d !== 0) return Math.sign(d);
  }
  const pa = ma[4];
  const pb = mb[4];
  if (pa === undefined || pb === undefined) return pa === pb ? 0 : pa === undefined ? 1 : -1;
  const xs = pa.split(".");
  const ys = pb.split(".");
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return Math.sign(Number(x) - Number(y));
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return Math.sign(xs.length - ys.length);
}

/**
 * Parses report JSON and checks where it comes from (a repro-audit report, this schema version,
 * not made by a newer release) without validating the fields; `where` names it in errors.
 * `verify` uses this, then reports field problems as tampering rather than as unreadable input.
 */
export function parseReportJson(text: string, where: string): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const truncated = text.trim().length > 0 && !/[}\]]\s*$/.test(text);
    throw new ArtifactError(
      `${where} is not valid JSON${truncated ? " (it looks truncated)" : ""}: ${(err as Error).message}. Use the report.json that \`repro-audit run\` wrote (reports/<run-id>/report.json), or restore this file from where it came from (its archive, a copy, version control).`,
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
  const version = (raw as { tool?: { version?: unknown } | null }).tool?.version;
  // A missing or non-string version is left to the schema check, which names the field.
  if (typeof version === "string") {
    const order = compareVersions(version, TOOL_VERSION);
    if (order === null) {
      throw new ArtifactError(`${where}: tool.version ${JSON.stringify(version)} is not a version (major.minor.patch), so this tool cannot tell whether it can read the report; use an unmodified report.json.`, { file: where });
    }
    if (order > 0) {
      throw new ArtifactError(`${where} was made by repro-audit ${version}, newer than this tool (${TOOL_VERSION}); upgrade repro-audit to read it.`, { file: where });
    }
  }
  return raw;
}

/** Parses and validates a report already in memory; `where` names it in errors. */
export function parseReport(text: string, where: string): Report {
  const raw = parseReportJson(text, where);
  const result = reportSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 8).map((i) => `  ${i.path.join(".") || "(top level)"}: ${i.message}`);
    const more = result.error.issues.length > 8 ? `\n  … and ${result.error.issues.length - 8} more` : "";
    throw new ArtifactError(`${where} does not match the ${REPORT_SCHEMA} schema:\n${lines.join("\n")}${more}\nThe file was edited or damaged; use an unmodified report (schemas/report.schema.json describes every field).`, { file: where });
  }
  return result.data;
}

/** Reads a report file's text; errors say why it cannot be read. */
export function readReportText(path: string): string {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ArtifactError(`cannot read report ${path}: ${describeFsError(err)}. Give the path of a report.json (reports/<run-id>/report.json).`, { file: path, cause: err });
  }
  if (text.trim().length === 0) throw new ArtifactError(`report ${path} is empty. Give the report.json that \`repro-audit run\` wrote.`, { file: path });
  return text;
}

/** Reads and validates a report file. */
export function readReport(path: string): Report {
  return parseReport(readReportText(path), path);
}

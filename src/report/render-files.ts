// File-level helpers for the report commands: read a report.json together with its raw JSON (the
// digest is computed over the raw value), and (re)write its rendered formats beside it.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ArtifactError, UsageError, describeFsError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic.js";
import { parseReport } from "./read.js";
import { FORMAT_NAMES, renderReport, type ReportFormat } from "./render.js";
import type { Report } from "./schema.js";

/** Reads and validates report.json; `raw` is the JSON value exactly as stored. */
export function readReportFile(path: string): { report: Report; raw: object } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ArtifactError(`cannot read report ${path}: ${describeFsError(err)}. Give the path of a report.json (reports/<run-id>/report.json).`, { file: path, cause: err });
  }
  const report = parseReport(text, path);
  return { report, raw: JSON.parse(text) as object };
}

/** Parses `--format md,html` (also repeatable); unknown names are a usage error. */
export function parseFormats(values: readonly string[] | string | undefined): ReportFormat[] {
  const list = (Array.isArray(values) ? values : values === undefined ? [] : [values]).flatMap((v) => String(v).split(",")).map((v) => v.trim()).filter((v) => v.length > 0);
  if (list.length === 0) return [...FORMAT_NAMES];
  const out: ReportFormat[] = [];
  for (const f of list) {
    if (!(FORMAT_NAMES as string[]).includes(f)) throw new UsageError(`--format ${f} is not a report format; use one or more of ${FORMAT_NAMES.join(", ")} (e.g. --format md,html)`);
    if (!out.includes(f as ReportFormat)) out.push(f as ReportFormat);
  }
  return out;
}

/** Renders `report` and writes the files into `dir` (default: beside `reportPath`); returns their paths. */
export function writeRendered(reportPath: string, report: Report, formats: readonly ReportFormat[] = FORMAT_NAMES, dir: string = dirname(reportPath)): string[] {
  return renderReport(report, formats).map(({ file, text }) => {
    const path = join(dir, file);
    writeFileAtomic(path, text);
    return path;
  });
}

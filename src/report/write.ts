// Writes a report folder: report.json (validated against the schema first, so a bug can never
// publish a report that `verify` would reject) and, through the renderers, its other formats.

import { join } from "node:path";
import { InternalError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic.js";
import { type Report, reportSchema } from "./schema.js";

/** Renderers that write extra formats beside report.json (set by the report module). */
export type ReportRenderer = (report: Report) => { file: string; text: string }[];
const renderers: ReportRenderer[] = [];

export function registerRenderer(r: ReportRenderer): void {
  renderers.push(r);
}

export function reportJsonText(report: Report): string {
  return JSON.stringify(report, null, 2) + "\n";
}

/** Validates and writes `report.json` (+ rendered formats) into `dir`; returns the paths written. */
export function writeReport(dir: string, report: Report): string[] {
  const check = reportSchema.safeParse(report);
  if (!check.success) {
    const first = check.error.issues[0];
    throw new InternalError(`the report assembled for ${report.runId} does not match its own schema at ${first?.path.join(".")}: ${first?.message}`);
  }
  const written = [join(dir, "report.json")];
  writeFileAtomic(written[0]!, reportJsonText(report));
  for (const render of renderers) {
    for (const { file, text } of render(report)) {
      const path = join(dir, file);
      writeFileAtomic(path, text);
      written.push(path);
    }
  }
  return written;
}

// Every output format of `diff`, in one map (STYLE.md §9): terminal text, Markdown and HTML are
// rendered from the one view-model (view.ts); JSON is the diff result itself. Markdown and HTML go
// through the shared templates machinery (src/report/templates.ts: templates/diff.md.hbs,
// templates/diff.html.hbs). Every renderer is pure — no clock, no environment.

import { renderTemplate } from "../../report/templates.js";
import type { DiffResult } from "./model.js";
import { plain, renderText, type Stylist } from "./render-text.js";
import { diffView } from "./view.js";

export const DIFF_FORMATS = ["text", "md", "html", "json"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

const formats: Record<DiffFormat, (r: DiffResult, style: Stylist) => string> = {
  text: (r, style) => renderText(diffView(r), style),
  md: (r) => renderTemplate("diff.md", diffView(r)),
  html: (r) => renderTemplate("diff.html", diffView(r)),
  json: (r) => JSON.stringify(r, null, 2) + "\n",
};

/** Renders `result` as `format`; `style` colours terminal text only (default: none). */
export function renderDiff(result: DiffResult, format: DiffFormat, style: Stylist = plain): string {
  return formats[format](result, style);
}

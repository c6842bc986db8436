// The shared, private Handlebars instance for every rendered format (report, diff, …): loads
// `templates/<name>.hbs` of this package, compiles in strict mode (a missing field is an error, not
// an empty string), and registers the escaping helpers. Templates are pure: same context, same bytes.
//
// Escaping: `{{x}}` is HTML-escaped by Handlebars (& < > " ' ` =) — right for HTML. Markdown
// templates must put every user-supplied string through `{{md x}}` or `{{mdcode x}}` (escapeMarkdown: HTML-significant
// characters as entities, the emphasis/link/table characters \\ ` * _ [ ] | ~ backslash-escaped,
// newlines as <br>). `{{{x}}}` (no escaping) is only for SVG that charts.ts produced.
// Not here: what the templates show (view-model.ts).

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as HandlebarsNs from "handlebars";
const Handlebars = (HandlebarsNs as unknown as { default?: typeof HandlebarsNs }).default ?? HandlebarsNs;
import { InternalError } from "../errors.js";

/** The package root: this file is src/report/templates.ts or dist/report/templates.js. */
export const TEMPLATES_DIR = join(resolve(import.meta.dirname, "..", ".."), "templates");

/** Markdown-safe text for table cells and prose (GitHub-flavoured Markdown). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|~])/g, "\\$1")
    .replace(/\r\n|\r|\n/g, "<br>");
}

/** Inline code for Markdown: an HTML <code> element (a backtick code span cannot hold every string). */
export function markdownCode(text: string): string {
  const html = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "&#124;").replace(/\r\n|\r|\n/g, " ");
  return `<code>${html}</code>`;
}

const hb = Handlebars.create();
hb.registerHelper("md", (value: unknown) => new hb.SafeString(escapeMarkdown(value === null || value === undefined ? "" : String(value))));
hb.registerHelper("mdcode", (value: unknown) => new hb.SafeString(markdownCode(value === null || value === undefined ? "" : String(value))));
hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
hb.registerHelper("join", (list: unknown, sep: unknown) => (Array.isArray(list) ? list.map(String).join(typeof sep === "string" ? sep : ", ") : ""));

const cache = new Map<string, HandlebarsNs.TemplateDelegate>();

function source(name: string): string {
  const path = join(TEMPLATES_DIR, `${name}.hbs`);
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new InternalError(`template ${path} is missing or unreadable; the package is incomplete (reinstall repro-audit)`, { cause: err });
  }
}

/** Registers `templates/<name>.hbs` as partial `name` (e.g. a shared stylesheet or table). */
export function registerPartial(name: string): void {
  hb.registerPartial(name, source(name));
}

/** Renders `templates/<name>.hbs` with `context` (strict mode). */
export function renderTemplate(name: string, context: object): string {
  let template = cache.get(name);
  if (template === undefined) {
    template = hb.compile(source(name), { strict: true, noPrototypeProperties: true } as CompileOptions);
    cache.set(name, template);
  }
  try {
    return template(context);
  } catch (err) {
    throw new InternalError(`template ${name}.hbs failed: ${(err as Error).message}`, { cause: err });
  }
}

type CompileOptions = Parameters<typeof HandlebarsNs.compile>[1];

// Every user-supplied string is escaped in HTML and Markdown: a <script> payload and a
// Markdown-table-breaking "|" in the experiment name, a config string, a path, the signer's name,
// role and note. HTML must not contain the raw payload; Markdown table rows keep their column count.

import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/render.js";
import { addSignoff } from "../../src/report/signoff.js";
import { escapeMarkdown } from "../../src/report/templates.js";
import { clone, fixture } from "./helpers.js";

const SCRIPT = "<script>alert(1)</script>";
const PIPE = "a|b";
const PAYLOAD = `${SCRIPT} ${PIPE}\nnext line`;

function hostile() {
  const r = clone(fixture("identical"));
  r.experiment.name = PAYLOAD;
  r.experiment.file = `/tmp/${PAYLOAD}.yaml`;
  r.experiment.description = PAYLOAD;
  r.experiment.config.dataset_path = PAYLOAD;
  r.warnings.push({ id: "x", message: PAYLOAD, hint: PAYLOAD });
  return addSignoff(r, r, { by: PAYLOAD, role: PAYLOAD, items: [{ id: "reporting.hardware-assumptions", status: "pass", note: PAYLOAD }], at: "2026-12-05T10:00:00.000Z" });
}

/** Cells of a Markdown table row: split on "|" not preceded by a backslash. */
const cells = (row: string) => row.trim().replace(/^\||\|$/g, "").split(/(?<!\\)\|/);

describe("escaping user strings", () => {
  const [md, html] = renderReport(hostile()).map((f) => f.text) as [string, string];

  it("HTML never contains the raw <script> payload", () => {
    expect(html).not.toContain(SCRIPT);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html.match(/<script/gi)).toBeNull();
  });

  it("Markdown never contains a raw <script> and every table row keeps its columns", () => {
    expect(md).not.toContain("<script");
    expect(md).toContain("&lt;script&gt;");
    const lines = md.split("\n");
    let width: number | null = null;
    for (const line of lines) {
      if (!line.startsWith("|")) {
        width = null;
        continue;
      }
      const n = cells(line).length;
      if (width === null) width = n;
      else expect(n, `row "${line.slice(0, 80)}…"`).toBe(width);
    }
    expect(md).toContain("a\\|b");
    // the payload's newline becomes <br>, never a raw line break inside a table row
    expect(lines.some((l) => l.startsWith("next line"))).toBe(false);
  });

  it("escapeMarkdown: HTML-significant characters as entities, table and emphasis characters backslash-escaped", () => {
    expect(escapeMarkdown("<b>&|*_`[x](y)\\")).toBe("&lt;b&gt;&amp;\\|\\*\\_\\`\\[x\\](y)\\\\");
    expect(escapeMarkdown("a\r\nb\nc")).toBe("a<br>b<br>c");
  });
});

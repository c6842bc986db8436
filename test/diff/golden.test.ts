// Golden files for every diff format, rendered from the committed fixture reports
// (test/fixtures/diff/*.json, made by make-fixtures.mjs from real runs). Nothing is normalised:
// the renderers are pure, so the same reports give the same bytes.
// Regenerate after an intended change: UPDATE_GOLDEN=1 npx vitest run test/diff

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffReports } from "../../src/audit/diff/compare.js";
import { renderDiff, type DiffFormat } from "../../src/audit/diff/formats.js";
import { diffResultSchema } from "../../src/audit/diff/model.js";
import { readReport } from "../../src/report/read.js";
import { ROOT } from "../helpers/cli.js";

const FIX = "test/fixtures/diff";
const GOLDEN = join(ROOT, FIX, "golden");

function diff(names: string[], opts: { tolerance?: number; allowConfigChange?: boolean } = {}) {
  const reports = names.map((n) => ({ path: `${FIX}/${n}.json`, report: readReport(join(ROOT, FIX, `${n}.json`)) }));
  return diffReports(reports, { tolerance: opts.tolerance ?? 1e-6, allowConfigChange: opts.allowConfigChange ?? false });
}

function golden(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  if (process.env["UPDATE_GOLDEN"] === "1" || !existsSync(path)) {
    if (process.env["UPDATE_GOLDEN"] !== "1") throw new Error(`golden ${path} is missing; run with UPDATE_GOLDEN=1 to create it`);
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}

const cases: { name: string; reports: string[]; formats: DiffFormat[]; opts?: { allowConfigChange?: boolean } }[] = [
  { name: "env-identical", reports: ["base", "env"], formats: ["text"] },
  { name: "fault", reports: ["base", "fault"], formats: ["text", "md", "html", "json"] },
  { name: "machines", reports: ["base", "env", "other-machine"], formats: ["text", "md", "html", "json"] },
  { name: "seed", reports: ["base", "seed1"], formats: ["text"], opts: { allowConfigChange: true } },
];

describe("diff golden files", () => {
  for (const c of cases) {
    for (const f of c.formats) {
      it(`${c.name}.${f === "text" ? "txt" : f}`, () => {
        const result = diff(c.reports, c.opts);
        golden(`${c.name}.${f === "text" ? "txt" : f}`, renderDiff(result, f));
      });
    }
  }

  it("the JSON format is the diff result and validates against its schema", () => {
    const result = diff(["base", "other-machine"]);
    const parsed = JSON.parse(renderDiff(result, "json"));
    expect(diffResultSchema.safeParse(parsed).success).toBe(true);
    expect(parsed).toEqual(result);
  });

  it("rendering is pure: the same result renders to the same bytes twice", () => {
    const result = diff(["base", "fault"]);
    for (const f of ["text", "md", "html", "json"] as const) expect(renderDiff(result, f)).toBe(renderDiff(result, f));
  });

  it("HTML escapes user-supplied strings (a report path with markup)", () => {
    const report = readReport(join(ROOT, FIX, "base.json"));
    const result = diffReports([{ path: "<script>alert(1)</script>.json", report }, { path: "b&c.json", report }], { tolerance: 1e-6, allowConfigChange: false });
    const html = renderDiff(result, "html");
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;.json");
    expect(html).toContain("b&amp;c.json");
  });
});

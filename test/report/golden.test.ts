// Golden files pin both rendered formats of the committed fixture reports
// (test/fixtures/report/{identical,diverged}.json → golden/<name>.report.{md,html}).
// Rendering is pure, so nothing is normalised. After an intended change to the templates or the
// view-model, regenerate and review the diff:
//   UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts
// (After a report schema change, first remake the fixtures: test/fixtures/report/make-fixtures.sh.)

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/render.js";
import { FIXTURES, fixture } from "./helpers.js";

const GOLDEN = join(FIXTURES, "golden");
const update = process.env["UPDATE_GOLDEN"] === "1";

describe.each(["identical", "diverged"] as const)("golden rendering of %s.json", (name) => {
  const files = renderReport(fixture(name));
  it.each(files.map((f) => [f.file, f.text] as const))("%s matches its golden file", (file, text) => {
    const path = join(GOLDEN, `${name}.${file}`);
    if (update || !existsSync(path)) {
      if (!update) throw new Error(`${path} is missing: run UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts`);
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(path, text);
    }
    expect(text).toBe(readFileSync(path, "utf8"));
  });

  it("renders byte-identical output twice", () => {
    const again = renderReport(fixture(name));
    expect(again.map((f) => f.text)).toEqual(files.map((f) => f.text));
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publishedSchemas } from "../../src/report/json-schema.js";

const dir = join(import.meta.dirname, "..", "..", "schemas");

describe("published JSON Schemas", () => {
  for (const [name, schema] of Object.entries(publishedSchemas())) {
    it(`schemas/${name} is what the zod schema generates (run \`npm run schemas\` after changing it)`, () => {
      expect(JSON.parse(readFileSync(join(dir, name), "utf8"))).toEqual(schema);
    });
  }
});

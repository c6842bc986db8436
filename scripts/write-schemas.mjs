// Regenerates schemas/*.json from the zod schemas in the built code (npm run schemas).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { publishedSchemas } from "../dist/report/json-schema.js";

const dir = join(import.meta.dirname, "..", "schemas");
for (const [name, schema] of Object.entries(publishedSchemas())) {
  writeFileSync(join(dir, name), JSON.stringify(schema, null, 2) + "\n");
  console.log(`wrote schemas/${name}`);
}

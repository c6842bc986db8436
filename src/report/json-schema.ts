// JSON Schemas generated from the zod schemas (the single source), published in schemas/ so other
// tools can validate report.json and experiment files. `npm run schemas` rewrites them; a test pins
// the committed files to what the code generates.

import { z } from "zod";
import { experimentFileSchema } from "../config/schema.js";
import { reportSchema } from "./schema.js";

export function publishedSchemas(): Record<string, unknown> {
  return {
    "report.schema.json": {
      $id: "https://repro-audit.invalid/schemas/report.schema.json",
      title: "repro-audit report (repro-audit/report@1)",
      ...z.toJSONSchema(reportSchema, { io: "output", unrepresentable: "any" }),
    },
    "experiment.schema.json": {
      $id: "https://repro-audit.invalid/schemas/experiment.schema.json",
      title: "repro-audit experiment file",
      ...z.toJSONSchema(experimentFileSchema, { io: "input", unrepresentable: "any" }),
    },
  };
}

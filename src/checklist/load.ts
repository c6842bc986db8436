// Loading a checklist file: YAML (or JSON) → schema-validated Checklist, with unique item ids and
// known evaluator ids. Errors name the file, the field and the fix (ConfigError, exit 2).

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { ConfigError, describeFsError } from "../errors.js";
import { isEvaluatorId, EVALUATOR_IDS } from "./evaluators.js";
import { type Checklist, checklistSchema } from "./schema.js";

/** The package root: this file is src/checklist/load.ts or dist/checklist/load.js. */
const PACKAGE_ROOT = resolve(import.meta.dirname, "..", "..");

/** The checklist `run` uses unless told otherwise. */
export const DEFAULT_CHECKLIST = join(PACKAGE_ROOT, "checklist", "reproducibility.yaml");

/** Validates a parsed checklist document; `where` names it in errors. */
export function parseChecklist(raw: unknown, where: string): Checklist {
  const result = checklistSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 8).map((i) => `  ${i.path.join(".") || "(top level)"}: ${i.message}`);
    throw new ConfigError(`${where} is not a valid checklist:\n${lines.join("\n")}\nSee checklist/reproducibility.yaml for the format.`, { file: where });
  }
  const seen = new Set<string>();
  result.data.sections.forEach((section, s) =>
    section.items.forEach((item, i) => {
      const field = `sections.${s}.items.${i}`;
      if (seen.has(item.id)) throw new ConfigError(`${where}: ${field}.id "${item.id}" is used twice; give every item its own id.`, { file: where, field: `${field}.id` });
      seen.add(item.id);
      if (item.evaluator !== undefined && !isEvaluatorId(item.evaluator)) {
        throw new ConfigError(
          `${where}: ${field}.evaluator "${item.evaluator}" (item ${item.id}) is not a known evaluator; use one of ${EVALUATOR_IDS.join(", ")}, or \`manual: true\` for an item a person signs off.`,
          { file: where, field: `${field}.evaluator` },
        );
      }
    }),
  );
  return result.data;
}

/** Reads a checklist file (default: checklist/reproducibility.yaml of this package). */
export function loadChecklist(path: string = DEFAULT_CHECKLIST): Checklist {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ConfigError(`cannot read checklist ${path}: ${describeFsError(err)}. Give a checklist YAML file such as checklist/reproducibility.yaml.`, { file: path, cause: err });
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`checklist ${path} is not valid YAML: ${(err as Error).message}`, { file: path, cause: err });
  }
  return parseChecklist(raw, path);
}

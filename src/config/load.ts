// Resolves an experiment: defaults → named experiment (`extends`, or the name itself) → file →
// command-line flags, validating each layer with the one schema and recording where every resolved
// value came from (STYLE.md §6, unjs/c12 layers). Errors name the file, the field and the fix.

import { readFileSync, statSync } from "node:fs";
import { extname, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { ConfigError, describeFsError } from "../errors.js";
import { sha256Canonical } from "../io/hash.js";
import { DEFAULTS, NAMED_EXPERIMENTS, namedExperimentNames } from "./experiments.js";
import {
  CONFIG_KEYS,
  type ConfigKey,
  configShape,
  crossFieldProblems,
  type ExperimentConfig,
  type ExperimentFile,
  experimentFileSchema,
  resolvedConfigSchema,
} from "./schema.js";
import { describeSource, flagLabel } from "./flags.js";
import { nearest } from "./suggest.js";

export type ValueSource = "default" | `experiment:${string}` | `file:${string}` | "flag";

export interface ResolvedExperiment {
  /** The experiment's name: the file's `name`, else the file's base name, else the named experiment. */
  name: string;
  /** Absolute path of the experiment file, or null for a named experiment. */
  file: string | null;
  /** The folder relative dataset paths are resolved against (the file's folder, else cwd). */
  baseDir: string;
  description: string | null;
  config: ExperimentConfig;
  sources: Record<ConfigKey, ValueSource>;
  /** SHA-256 of the RFC 8785 canonical JSON of `config` (DESIGN.md §4). */
  configSha256: string;
}

const where = (file: string | null) => (file === null ? "" : ` in ${file}`);

/** A layer being validated: an experiment file (null: a named experiment) or the command-line flags with their raw values. */
type Layer = { kind: "file"; file: string | null } | { kind: "flags"; values: Record<string, unknown> };

const header = (layer: Layer) => `invalid experiment config${layer.kind === "flags" ? " from the command line" : where(layer.file)}:`;

/** The message's lines, each once (zod may report one value twice, e.g. int() and max()). */
const block = (head: string, lines: readonly string[]) => `${head}\n${[...new Set(lines)].map((l) => `  ${l}`).join("\n")}`;

function formatIssues(issues: z.core.$ZodIssue[], layer: Layer, keys: readonly string[]): string {
  const lines = issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys
        .map((k) => {
          const near = nearest(k, keys);
          const fix = near !== undefined ? `did you mean "${near}"?` : `valid keys: ${keys.join(", ")}`;
          return `${k}: unknown key — ${fix}`;
        })
        .join("\n");
    }
    const path = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    if (layer.kind === "flags" && issue.path.length > 0) {
      // "--epochs 0: epochs must be at least 1 — …": the flag as typed, then the key it sets.
      const key = String(issue.path[0]);
      return `${flagLabel(key, layer.values[key])}: ${path} ${issue.message}${hintFor(issue)}`;
    }
    return `${path}: ${issue.message}${hintFor(issue)}`;
  });
  return block(header(layer), lines);
}

/**
 * A problem of the resolved (layered) config, naming where the offending value came from: the
 * flag as typed, or the layer (default, named experiment, another file) when it is not the file
 * the message's header names.
 */
function resolvedLine(field: string, message: string, fix: string | null, sources: Record<ConfigKey, ValueSource>, flags: Record<string, unknown>, file: string | null): string {
  const key = field.split(".")[0] as ConfigKey;
  const source = sources[key] as ValueSource | undefined;
  const tail = fix === null || fix === "" ? "" : ` — ${fix}`;
  if (source === "flag") return `${flagLabel(key, flags[key])}: ${field} ${message}${tail}`;
  const from = source === undefined || (file !== null && source === `file:${file}`) ? "" : ` (value from ${describeSource(source)})`;
  return `${field}: ${message}${from}${tail}`;
}

function hintFor(issue: z.core.$ZodIssue): string {
  const key = String(issue.path[0] ?? "");
  // configShape, not experimentFileSchema: .partial() wraps each field in a new (undescribed) optional.
  const schema = (configShape as Record<string, z.ZodType | undefined>)[key];
  const d = schema?.description;
  return d !== undefined ? ` — ${d}` : "";
}

function readExperimentFile(path: string): unknown {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ConfigError(`cannot read experiment file ${path}: ${describeFsError(err)}. Give a named experiment (${namedExperimentNames().join(", ")}) or the path of a .json/.yaml file.`, { file: path, cause: err });
  }
  const ext = extname(path).toLowerCase();
  try {
    return ext === ".json" ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (err) {
    const what = ext === ".json" ? "JSON" : "YAML";
    throw new ConfigError(`experiment file ${path} is not valid ${what}: ${(err as Error).message}. Fix the syntax and try again.`, { file: path, cause: err });
  }
}

function parseLayer(raw: unknown, layer: Layer): ExperimentFile {
  const file = layer.kind === "file" ? layer.file : null;
  if (raw === null || raw === undefined) {
    throw new ConfigError(`experiment file ${file ?? "(inline)"} is empty (or holds only null): give a mapping of keys to values, e.g. "extends: baseline".`, { file: file ?? undefined });
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    const what = Array.isArray(raw) ? "a list" : `a ${typeof raw}`;
    throw new ConfigError(`experiment file ${file ?? "(inline)"} must hold a mapping of keys to values (an object), not ${what}.`, { file: file ?? undefined });
  }
  const result = experimentFileSchema.safeParse(raw);
  if (!result.success) {
    const keys = ["name", "description", "extends", ...CONFIG_KEYS];
    const first = result.error.issues[0];
    throw new ConfigError(formatIssues(result.error.issues, layer, keys), { file: file ?? undefined, field: first?.path.join(".") });
  }
  return result.data;
}

function namedOrThrow(name: string, file: string | null): ExperimentFile {
  const named = NAMED_EXPERIMENTS[name];
  if (named === undefined) {
    const near = nearest(name, namedExperimentNames());
    throw new ConfigError(
      `unknown experiment "${name}"${where(file)}${near !== undefined ? ` — did you mean "${near}"?` : ""}. Known experiments: ${namedExperimentNames().join(", ")}; or give the path of a .json/.yaml experiment file.`,
      { file: file ?? undefined, field: file === null ? "experiment" : "extends" },
    );
  }
  return named.layer;
}

function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.(json|ya?ml)$/i.test(ref);
}

/**
 * Resolves `ref` (a named experiment or a file path) with `overrides` from command-line flags
 * (snake_case keys). Throws ConfigError naming the file, field and fix.
 */
export function loadExperiment(ref: string, overrides: Partial<Record<ConfigKey, unknown>> = {}, cwd = process.cwd()): ResolvedExperiment {
  const config: Record<string, unknown> = { ...DEFAULTS };
  const sources = Object.fromEntries(CONFIG_KEYS.map((k) => [k, "default"])) as Record<ConfigKey, ValueSource>;
  const apply = (layer: Partial<Record<ConfigKey, unknown>>, source: ValueSource) => {
    for (const key of CONFIG_KEYS) {
      if (layer[key] !== undefined) {
        config[key] = layer[key];
        sources[key] = source;
      }
    }
  };

  let name: string;
  let file: string | null = null;
  let description: string | null = null;
  if (NAMED_EXPERIMENTS[ref] !== undefined || !looksLikePath(ref)) {
    apply(namedOrThrow(ref, null), `experiment:${ref}`);
    name = ref;
    description = NAMED_EXPERIMENTS[ref]!.description;
  } else {
    file = resolve(cwd, ref);
    const layer = parseLayer(readExperimentFile(file), { kind: "file", file });
    if (layer.extends !== undefined) apply(namedOrThrow(layer.extends, file), `experiment:${layer.extends}`);
    apply(layer, `file:${file}`);
    name = layer.name ?? ref.replace(/^.*[\\/]/, "").replace(/\.(json|ya?ml)$/i, "");
    description = layer.description ?? null;
  }

  const flags = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  apply(parseLayer(flags, { kind: "flags", values: flags }), "flag");

  // Each layer is valid on its own; what fails here fails in combination, so each line names the
  // layer the offending value came from.
  const result = resolvedConfigSchema.safeParse(config);
  if (!result.success) {
    const lines = result.error.issues.map((i) => resolvedLine(i.path.length > 0 ? i.path.join(".") : "(top level)", i.message, hintFor(i).replace(/^ — /, ""), sources, flags, file));
    throw new ConfigError(block(header({ kind: "file", file }), lines), { file: file ?? undefined, field: result.error.issues[0]?.path.join(".") });
  }
  const problems = crossFieldProblems(result.data);
  if (problems.length > 0) {
    const lines = problems.map(([field, msg, fix]) => resolvedLine(field, msg, fix, sources, flags, file));
    throw new ConfigError(block(header({ kind: "file", file }), lines), { file: file ?? undefined, field: problems[0]![0] });
  }
  return {
    name,
    file,
    baseDir: file === null ? cwd : resolve(file, ".."),
    description,
    config: result.data,
    sources,
    configSha256: sha256Canonical(result.data),
  };
}

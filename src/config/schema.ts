// The one schema for experiment configs (STYLE.md §6). Keys are the reference Python project's
// snake_case names, so a config written for that project loads unchanged; `dropout_rate`,
// `extends`, `name`, `description` and `dataset_test_path` are this tool's additions. Every key is
// optional in a file (files layer over a named experiment or the defaults); the resolved config has
// every key. TypeScript types are inferred from the schema.

import { z } from "zod";
import { PROFILE_NAMES } from "../nn/footprint.js";
import { commandConfigProblems, runnerOnlyProblems } from "../runner/config-rules.js";
import { nearest } from "./suggest.js";

export const ACTIVATIONS = ["relu", "sigmoid", "tanh", "softmax", "linear"] as const;
export const PRECISIONS = ["float32", "float16", "int8"] as const;

const PRECISION_ALIASES: Record<string, (typeof PRECISIONS)[number]> = {
  float32: "float32",
  fp32: "float32",
  float16: "float16",
  fp16: "float16",
  half: "float16",
  int8: "int8",
};

const precision = z.preprocess(
  (v) => (typeof v === "string" ? (PRECISION_ALIASES[v.toLowerCase()] ?? v) : v),
  z.enum(PRECISIONS, { error: () => `must be one of ${PRECISIONS.join(", ")}` }),
);

// The reference project writes `hardware_constraint_mode: off` (YAML reads a bare `off` as a
// string) or `false`; both mean no constraints.
// Profile names are checked here, where the error can name the file and the key, rather than
// when training starts (nn/footprint.ts getProfile).
const constraintMode = z.preprocess(
  (v) => (v === false ? "off" : v),
  z
    .string({ error: () => `must be "off" or a profile name` })
    .min(1)
    .superRefine((v, ctx) => {
      if (PROFILE_NAMES.includes(v)) return;
      const near = nearest(v, PROFILE_NAMES);
      ctx.addIssue({ code: "custom", message: `is ${JSON.stringify(v)}, not a known hardware profile${near !== undefined ? ` — did you mean "${near}"?` : ""} (valid: ${PROFILE_NAMES.join(", ")})` });
    }),
);

const sha256Hex = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hexadecimal characters (a SHA-256)")
  .transform((s) => s.toLowerCase());

export const RUNNERS = ["core", "command"] as const;
const commandValue = z.union([z.string().min(1, "must not be empty"), z.array(z.string()).min(1, "must name a program")], { error: () => "must be a command string or a list of strings (argv)" });

// zod's int() reports numbers beyond 2^53 - 1 as too_big; say so, once, instead of "whole number".
const TOO_BIG = `must be at most ${Number.MAX_SAFE_INTEGER} (2^53 - 1, the largest exact integer)`;
const wholeNumber = { error: (iss: { code: string }) => (iss.code === "too_big" ? TOO_BIG : "must be a whole number") };

const positiveInt = z.number({ error: () => "must be a number" }).int(wholeNumber).positive("must be at least 1").max(Number.MAX_SAFE_INTEGER, TOO_BIG);

/** The fields of a resolved experiment config, each with its description. */
export const configShape = {
  dataset_version: z.string().min(1).describe("Name and version of the data: synthetic-v1 or fashion-mnist."),
  layer_sizes: z.array(positiveInt).min(2, "needs at least an input and an output size").describe("Widths from input to output, e.g. [784, 64, 10]."),
  activations: z.array(z.enum(ACTIVATIONS, { error: () => `each must be one of ${ACTIVATIONS.join(", ")}` })).min(1).describe("One activation per layer transition; the last must be softmax."),
  epochs: positiveInt.describe("Passes over the training data."),
  alpha: z.number().finite().positive("must be greater than 0").describe("SGD learning rate."),
  batch_size: positiveInt.describe("Mini-batch size; the last batch of an epoch may be smaller."),
  seed: z.number({ error: () => "must be a whole number" }).int(wholeNumber).min(0, "must be 0 or more").max(Number.MAX_SAFE_INTEGER, TOO_BIG).describe("Seeds both the data and the model generator (0 is a seed)."),
  precision: precision.describe("float32, float16 (simulated half precision) or int8 (quantised inference)."),
  hardware_constraint_mode: constraintMode.describe('"off" or a hardware profile name checked before training.'),
  synthetic_mode: z.boolean().describe("Train on synthetic-v1 data instead of a dataset on disk."),
  synthetic_samples: positiveInt.describe("Rows of synthetic data."),
  dataset_path: z.string().min(1).nullable().describe("Dataset folder (IDX files) or CSV file; null to auto-prepare."),
  dataset_test_path: z.string().min(1).nullable().describe("Optional test-split CSV (IDX folders carry t10k-* files)."),
  dataset_min_rows: z.number().int().min(0).describe("Smallest acceptable number of training rows."),
  dataset_auto_prepare: z.boolean().describe("Find the dataset when dataset_path is null: Debian package, then bundled subset."),
  dataset_sha256: sha256Hex.nullable().describe("Expected SHA-256 of a dataset file (as stored or decompressed) or of the decoded x or y."),
  dropout_rate: z.number().min(0, "must be 0 or more").lt(1, "must be less than 1").describe("Inverted dropout on hidden layers in training."),
  // The external-command runner (src/runner/): audits any training program the same way.
  runner: z.enum(RUNNERS, { error: () => `must be one of ${RUNNERS.join(", ")}` }).describe('"core" (the built-in MLP) or "command" (an external training program).'),
  command: commandValue.nullable().describe('runner: command — the program as an argv list, or a string split like a shell (no shell runs); placeholders {seed} {repeat} {outDir}.'),
  cwd: z.string().min(1).nullable().describe("runner: command — working folder, relative to the experiment file's folder; null: that folder."),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a variable name such as OMP_NUM_THREADS"), z.string({ error: () => "must be a string (quote numbers)" })).describe("runner: command — environment variables added for the program (placeholders allowed)."),
  timeout_seconds: z.number().finite().positive("must be greater than 0").nullable().describe("runner: command — kill the program's whole process tree after this many seconds; null: no limit."),
  artifacts: z.array(z.string().min(1)).describe("runner: command — fast-glob patterns of output files to hash, relative to the repeat's output folder unless absolute."),
  metrics: z.string().min(1).nullable().describe('runner: command — a JSON file the program writes (relative to the repeat\'s output folder), or "stdout:<prefix>" for lines like "METRIC loss=0.42".'),
  fingerprint: z.array(commandValue).describe('runner: command — commands whose output is recorded in the environment, e.g. "python3 --version".'),
} as const;

export type ConfigKey = keyof typeof configShape;
export const CONFIG_KEYS = Object.keys(configShape) as ConfigKey[];

/** A resolved config: every key present and valid. */
export const resolvedConfigSchema = z.object(configShape).strict();
export type ExperimentConfig = z.infer<typeof resolvedConfigSchema>;

/** What an experiment file may contain: any subset of the config plus its own metadata. */
export const experimentFileSchema = z
  .object({
    name: z.string().min(1).regex(/^[A-Za-z0-9_.-]+$/, "may hold letters, digits, _ . and - only").optional(),
    description: z.string().optional(),
    extends: z.string().min(1).optional(),
    ...configShape,
  })
  .partial()
  .strict();
export type ExperimentFile = z.infer<typeof experimentFileSchema>;

/** Cross-field rules that a single field's schema cannot state. Returns [field, message, fix]. */
export function crossFieldProblems(c: ExperimentConfig): [string, string, string][] {
  // An external program's config has its own rules; the core's (activations, data) do not apply.
  if (c.runner === "command" || c.command !== null) return commandConfigProblems(c);
  const out: [string, string, string][] = runnerOnlyProblems(c);
  const transitions = c.layer_sizes.length - 1;
  if (c.activations.length !== transitions) {
    out.push([
      "activations",
      `has ${c.activations.length} entries but layer_sizes ${JSON.stringify(c.layer_sizes)} has ${transitions} layer transitions`,
      `give exactly ${transitions} activations`,
    ]);
  } else {
    c.activations.forEach((a, i) => {
      const last = i === transitions - 1;
      if (last && a !== "softmax") out.push([`activations.${i}`, `is "${a}" but the output layer must be softmax (the loss is softmax cross-entropy)`, 'set the last activation to "softmax"']);
      if (!last && a === "softmax") out.push([`activations.${i}`, "is softmax on a hidden layer", "use relu, sigmoid, tanh or linear for hidden layers"]);
    });
  }
  if (!c.synthetic_mode && !c.dataset_auto_prepare && c.dataset_path === null) {
    out.push(["dataset_path", "is null while synthetic_mode and dataset_auto_prepare are both false", "set dataset_path, or dataset_auto_prepare: true, or synthetic_mode: true"]);
  }
  return out;
}

// The cross-field rules of an experiment that audits an external program (`runner: command`).
// Called by config/schema.ts `crossFieldProblems` instead of the core's rules (activations, data
// paths), which do not apply to a program repro-audit does not train itself; and, the other way
// round, the rule that the command runner's keys are refused on the core runner, which would
// otherwise accept and silently ignore them. Pure: no I/O.

import type { ExperimentConfig } from "../config/schema.js";
import { commandArgv, CommandSyntaxError } from "./split.js";

/** `metrics: "stdout:<prefix>"` → the prefix; a file path → null. */
export function stdoutMetricsPrefix(metrics: string): string | null {
  return metrics.startsWith("stdout:") ? metrics.slice("stdout:".length) : null;
}

function splitProblem(field: string, command: string | readonly string[]): [string, string, string] | null {
  try {
    commandArgv(command);
    return null;
  } catch (err) {
    if (err instanceof CommandSyntaxError) return [field, err.message.replace(/^command /, "holds "), 'give an argv list instead, e.g. ["python3", "train.py", "--seed", "{seed}"]'];
    throw err;
  }
}

/** The keys only `runner: command` reads, each with the test for "set to something other than its default". */
export const RUNNER_ONLY_KEYS = {
  metrics: (c: ExperimentConfig) => c.metrics !== null,
  artifacts: (c: ExperimentConfig) => c.artifacts.length > 0,
  timeout_seconds: (c: ExperimentConfig) => c.timeout_seconds !== null,
  env: (c: ExperimentConfig) => Object.keys(c.env).length > 0,
  cwd: (c: ExperimentConfig) => c.cwd !== null,
  fingerprint: (c: ExperimentConfig) => c.fingerprint.length > 0,
} as const satisfies Partial<Record<keyof ExperimentConfig, (c: ExperimentConfig) => boolean>>;

/** [field, message, fix] for each command-runner key set on a core experiment (the core would ignore it). */
export function runnerOnlyProblems(c: ExperimentConfig): [string, string, string][] {
  if (c.runner === "command") return [];
  return (Object.keys(RUNNER_ONLY_KEYS) as (keyof typeof RUNNER_ONLY_KEYS)[])
    .filter((k) => RUNNER_ONLY_KEYS[k](c))
    .map((k) => [k, `is set but applies only to runner: command (the built-in trainer, runner: ${c.runner}, would ignore it)`, `add \`runner: command\` and a \`command\`, or remove ${k}`]);
}

/** Keys only the built-in core reads (seed is not one: it fills {seed} for commands too). */
const CORE_ONLY_KEYS = [
  "dataset_version", "layer_sizes", "activations", "epochs", "alpha", "batch_size", "precision", "hardware_constraint_mode",
  "synthetic_mode", "synthetic_samples", "dataset_path", "dataset_test_path", "dataset_min_rows", "dataset_auto_prepare", "dataset_sha256", "dropout_rate",
] as const satisfies readonly (keyof ExperimentConfig)[];

/** Core-only keys a command experiment sets away from their defaults: recorded, never applied. */
export function coreOnlyKeysSet(c: ExperimentConfig, defaults: ExperimentConfig): string[] {
  if (c.runner !== "command") return [];
  return CORE_ONLY_KEYS.filter((k) => JSON.stringify(c[k]) !== JSON.stringify(defaults[k]));
}

/** Returns [field, message, fix] for every problem of a command-runner config. */
export function commandConfigProblems(c: ExperimentConfig): [string, string, string][] {
  const out: [string, string, string][] = [];
  if (c.runner !== "command") {
    out.push(["runner", `is "${c.runner}" but command is set`, 'add runner: command to audit that program, or remove command']);
    return out;
  }
  if (c.command === null) {
    out.push(["command", "is missing while runner is command", 'give the training command, e.g. command: ["python3", "train.py", "--seed", "{seed}", "--out", "{outDir}"]']);
  } else {
    const p = splitProblem("command", c.command);
    if (p !== null) out.push(p);
  }
  c.fingerprint.forEach((f, i) => {
    const p = splitProblem(`fingerprint.${i}`, f);
    if (p !== null) out.push(p);
  });
  if (c.metrics !== null && stdoutMetricsPrefix(c.metrics) === "") {
    out.push(["metrics", 'is "stdout:" with an empty prefix', 'name the prefix of metric lines, e.g. "stdout:METRIC" for lines like "METRIC loss=0.42"']);
  }
  return out;
}

// Where a config value came from, in words an error message can use: the command-line flag that
// sets each config key (src/cli/commands/experiment-options.ts, run.ts --cmd & co., data.ts), and
// a phrase for each ValueSource. Used by load.ts so an error about a flag's value names the flag
// ("--epochs 0: epochs must be at least 1"), and an error about a layered value names its layer.
// Not here: the flags themselves (yargs options live in src/cli/).

import type { ConfigKey } from "./schema.js";

/** The flag that sets each config key from the command line (keys without a flag are absent). */
export const FLAG_FOR_KEY: Partial<Record<ConfigKey, string>> = {
  seed: "--seed",
  epochs: "--epochs",
  precision: "--precision",
  dropout_rate: "--dropout",
  batch_size: "--batch-size",
  alpha: "--alpha",
  command: "--cmd",
  artifacts: "--artifacts",
  metrics: "--metrics",
  timeout_seconds: "--timeout",
  dataset_path: "--dataset-path",
  dataset_test_path: "--dataset-test-path",
};

/** A flag's value as typed: lists space-separated, strings quoted when they hold spaces or are empty. */
export function flagValueText(value: unknown): string {
  const one = (v: unknown): string => (typeof v === "string" ? (v === "" || /\s/.test(v) ? JSON.stringify(v) : v) : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v));
  return Array.isArray(value) ? value.map(one).join(" ") : one(value);
}

/** "--epochs 0", or "the command line (epochs)" for a key no flag sets. */
export function flagLabel(key: string, value: unknown): string {
  const flag = FLAG_FOR_KEY[key as ConfigKey];
  return flag === undefined ? `the command line (${key})` : `${flag} ${flagValueText(value)}`;
}

/** Where a layered value came from, as a phrase: "the default", "experiment \"x\"", a file path, "the command line". */
export function describeSource(source: string): string {
  if (source === "default") return "the default";
  if (source === "flag") return "the command line";
  if (source.startsWith("experiment:")) return `named experiment "${source.slice("experiment:".length)}"`;
  if (source.startsWith("file:")) return source.slice("file:".length);
  return source;
}

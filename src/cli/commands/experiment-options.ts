// The options every command that resolves an experiment shares (train, run, bench): which
// experiment and the flags that override single config values. Flag values enter the config as
// the "flag" layer, so the record says they came from the command line.

import type { Argv } from "yargs";
import type { ConfigKey } from "../../config/schema.js";
import { KERNEL_CHOICES, selectKernel, type SelectedKernel } from "../../nn/kernels/select.js";
import type { Compute } from "../../harness/train-once.js";

export interface ExperimentArgs {
  experiment: string;
  seed?: number;
  epochs?: number;
  precision?: string;
  dropout?: number;
  "batch-size"?: number;
  alpha?: number;
  kernel: string;
  threads: number;
}

export function experimentOptions<T>(y: Argv<T>) {
  return y
    .option("experiment", { alias: "e", type: "string", default: "baseline", describe: "A named experiment (see `repro-audit experiments`) or a .json/.yaml file" })
    .option("seed", { type: "number", describe: "Override the seed (0 is a seed)" })
    .option("epochs", { type: "number", describe: "Override the number of epochs" })
    .option("precision", { type: "string", describe: "Override precision: float32, float16 or int8" })
    .option("dropout", { type: "number", describe: "Override dropout_rate (0 <= r < 1)" })
    .option("batch-size", { type: "number", describe: "Override batch_size" })
    .option("alpha", { type: "number", describe: "Override the learning rate alpha" })
    .option("kernel", { type: "string", choices: KERNEL_CHOICES, default: "auto", describe: "Dense kernel: auto (native if built, else wasm), js, wasm, native — all give identical bits" })
    .option("threads", { type: "number", default: 1, describe: "Worker threads for the wasm/native kernels (results do not depend on it)" });
}

export function overridesFrom(args: ExperimentArgs): Partial<Record<ConfigKey, unknown>> {
  return {
    seed: args.seed,
    epochs: args.epochs,
    precision: args.precision,
    dropout_rate: args.dropout,
    batch_size: args["batch-size"],
    alpha: args.alpha,
  };
}

/** The kernel the flags ask for, with the threads it runs; `dispose()` it when done. */
export function computeFrom(args: ExperimentArgs): Compute & { note: string; dispose(): void } {
  const selected: SelectedKernel = selectKernel(args.kernel, args.threads);
  const threads = args.kernel === "js" ? 1 : args.threads;
  return { kernel: selected.kernel, name: selected.name, threads, note: selected.note, dispose: () => selected.dispose() };
}

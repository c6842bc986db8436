// The options every command that resolves an experiment shares (train, run, bench): which
// experiment and the flags that override single config values. Flag values enter the config as
// the "flag" layer, so the record says they came from the command line.

import type { Argv } from "yargs";
import type { ConfigKey } from "../../config/schema.js";

export interface ExperimentArgs {
  experiment: string;
  seed?: number;
  epochs?: number;
  precision?: string;
  dropout?: number;
  "batch-size"?: number;
  alpha?: number;
}

export function experimentOptions<T>(y: Argv<T>) {
  return y
    .option("experiment", { alias: "e", type: "string", default: "baseline", describe: "A named experiment (see `repro-audit experiments`) or a .json/.yaml file" })
    .option("seed", { type: "number", describe: "Override the seed (0 is a seed)" })
    .option("epochs", { type: "number", describe: "Override the number of epochs" })
    .option("precision", { type: "string", describe: "Override precision: float32, float16 or int8" })
    .option("dropout", { type: "number", describe: "Override dropout_rate (0 <= r < 1)" })
    .option("batch-size", { type: "number", describe: "Override batch_size" })
    .option("alpha", { type: "number", describe: "Override the learning rate alpha" });
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

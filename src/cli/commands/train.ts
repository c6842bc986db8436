// `repro-audit train`: one training run of an experiment, with its record, epoch log and
// checkpoint written under runs/<run-id>/. `--json` prints the record whose keys are a contract
// (README "train --json").

import { join, resolve } from "node:path";
import type { CommandModule } from "yargs";
import { loadExperiment } from "../../config/load.js";
import { writeJsonAtomic } from "../../io/atomic.js";
import { faultFromEnv } from "../../harness/faults.js";
import { makeRunId } from "../../harness/run-id.js";
import { createRunDir, writeCheckpoint, writeConfig, writeEpochLog } from "../../harness/run-files.js";
import { loadCheckpoint, prepareTraining, trainOnce, type TraceEntry } from "../../harness/train-once.js";
import { printJson } from "../output.js";
import { computeFrom, experimentOptions, overridesFrom, type ExperimentArgs } from "./experiment-options.js";

interface TrainArgs extends ExperimentArgs {
  out: string;
  json: boolean;
  quiet: boolean;
  "init-from"?: string;
  "trace-every": number;
}

const fmt = (v: number | null | undefined, digits = 6) => (v === null || v === undefined ? "n/a" : v.toFixed(digits));

export const trainCommand: CommandModule<object, TrainArgs> = {
  command: "train",
  describe: "Train an experiment once and record hashes, metrics, RNG states and a checkpoint",
  builder: (y) =>
    experimentOptions(y)
      .option("out", { alias: "out-dir", type: "string", default: "runs", describe: "Folder for the run folder (runs/<run-id>/); --out-dir as in run and bench" })
      .option("init-from", { type: "string", describe: "Start from a checkpoint .npz (same layer_sizes) instead of fresh weights" })
      .option("trace-every", { type: "number", default: 0, describe: "Also record weight/RNG hashes every K steps (0: per epoch only)" })
      .option("json", { type: "boolean", default: false, describe: "Print the run record as JSON on stdout" })
      .option("quiet", { type: "boolean", default: false, describe: "Print nothing but errors (and --json output)" })
      .example("$0 train --experiment baseline --seed 0", "train the baseline at seed 0")
      .example("$0 train -e real_fashion_mnist --json > record.json", "train on Fashion-MNIST, keep the record"),
  handler: (args) => {
    const exp = loadExperiment(args.experiment, overridesFrom(args));
    // Reject bad data or an exceeded hardware profile before anything is written.
    const { data } = prepareTraining(exp);
    const initFrom = args["init-from"] ? loadCheckpoint(resolve(args["init-from"]), exp) : null;
    const runId = makeRunId(exp.name);
    const dir = createRunDir(resolve(args.out), runId);
    writeConfig(dir, exp);
    const log = (line: string) => {
      if (!args.json && !args.quiet) process.stderr.write(line + "\n");
    };
    log(`training ${exp.name} (seed ${exp.config.seed}, ${exp.config.epochs} epochs, ${exp.config.precision}) → ${dir}`);
    const epochs: TraceEntry[] = [];
    const compute = computeFrom(args);
    let trained;
    try {
      trained = trainOnce(exp, {
        compute,
      initFrom,
      traceEvery: args["trace-every"],
      fault: faultFromEnv(),
      data,
      onEpoch(entry) {
        epochs.push(entry);
        writeEpochLog(join(dir, "logs", "epochs.jsonl"), epochs);
        const test = entry.testAccuracy !== undefined ? `  test acc ${fmt(entry.testAccuracy, 4)}` : "";
        log(`  epoch ${entry.epoch}/${exp.config.epochs}  loss ${fmt(entry.loss)}  acc ${fmt(entry.accuracy, 4)}${test}`);
      },
      });
    } finally {
      compute.dispose();
    }
    const { record, model } = trained;
    const checkpoint = writeCheckpoint(join(dir, "checkpoints", "final.npz"), model, exp);
    const out = { runId, runDir: dir, ...record, checkpoint };
    writeJsonAtomic(join(dir, "train.json"), out);
    if (args.json) {
      printJson(out);
      return;
    }
    if (args.quiet) return;
    const lines = [
      `final loss ${fmt(record.finalLoss)}  accuracy ${fmt(record.finalAccuracy, 4)}` +
        (record.testAccuracy !== undefined ? `  test loss ${fmt(record.testLoss)}  test accuracy ${fmt(record.testAccuracy, 4)}` : ""),
      `data x ${record.data.xSha256}  y ${record.data.ySha256}`,
      `weights initial ${record.initialWeightsSha256}`,
      `weights final   ${record.weightsSha256}`,
      `${record.timing.samplesPerSecond.toFixed(0)} samples/s (${record.timing.trainSeconds.toFixed(2)} s training, kernel ${record.kernel})`,
      `wrote ${dir}/{config.json,train.json,logs/epochs.jsonl,checkpoints/final.npz}`,
    ];
    if (record.nonFinite.length > 0) lines.unshift(`warning: non-finite values: ${record.nonFinite.join(", ")}`);
    process.stdout.write(lines.join("\n") + "\n");
  },
};

// `repro-audit bench`: throughput and functional results per setup (precision × batch size), with
// optional scaling sweeps and a per-phase profile, written under runs/<run-id>/.

import { resolve } from "node:path";
import type { CommandModule } from "yargs";
import { loadExperiment, type ResolvedExperiment } from "../../config/load.js";
import { PRECISIONS, type ExperimentConfig } from "../../config/schema.js";
import { UsageError } from "../../errors.js";
import { gridSetups, scalingSetups } from "../../bench/bench.js";
import { runBenchSuite } from "../../bench/suite.js";
import { benchTable, type BenchMeta } from "../../bench/bench-files.js";
import { makeRunId } from "../../harness/run-id.js";
import { createRunDir } from "../../harness/run-files.js";
import { prepareTraining, type Compute } from "../../harness/train-once.js";
import { printJson } from "../output.js";
import { computeFrom, experimentOptions, overridesFrom, type ExperimentArgs } from "./experiment-options.js";

interface BenchArgs extends ExperimentArgs {
  precisions: string;
  "batch-sizes": string;
  repeats: number;
  scaling: boolean;
  profile: boolean;
  "scaling-batch-sizes": string;
  "scaling-widths": string;
  "out-dir": string;
  json: boolean;
  quiet: boolean;
}

function positiveList(flag: string, text: string): number[] {
  const out = text.split(",").map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  if (out.length === 0 || out.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new UsageError(`--${flag} "${text}" must be a comma-separated list of whole numbers ≥ 1, e.g. 16,32,64`);
  return out;
}

function precisionList(text: string): ExperimentConfig["precision"][] {
  const out = text.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const bad = out.find((p) => !(PRECISIONS as readonly string[]).includes(p));
  if (out.length === 0 || bad !== undefined) throw new UsageError(`--precisions "${text}": ${bad === undefined ? "names none" : `"${bad}" is not a precision`}; use a list of ${PRECISIONS.join(", ")}`);
  return out as ExperimentConfig["precision"][];
}

export const benchCommand: CommandModule<object, BenchArgs> = {
  command: "bench",
  describe: "Benchmark training across precisions × batch sizes (median and MAD), optionally scaling sweeps",
  builder: (y) =>
    experimentOptions(y)
      .option("precisions", { type: "string", default: PRECISIONS.join(","), describe: "Precision modes to benchmark" })
      .option("batch-sizes", { type: "string", default: "16,32,64", describe: "Batch sizes to benchmark" })
      .option("repeats", { alias: "n", type: "number", default: 3, describe: "Training runs per setup (timings: median and MAD)" })
      .option("scaling", { type: "boolean", default: false, describe: "Also sweep batch size and hidden width; writes JSON, Markdown and SVG plots" })
      .option("profile", { type: "boolean", default: false, describe: "Also time each phase (data, forward, backward, update) and peak memory; writes profiling/profile.{json,md}" })
      .option("scaling-batch-sizes", { type: "string", default: "8,16,32,64,128", describe: "Batch sizes of the scaling sweep" })
      .option("scaling-widths", { type: "string", default: "16,32,64,128,256", describe: "Hidden widths of the scaling sweep" })
      .option("out-dir", { type: "string", default: "runs", describe: "Where the run folder goes (runs/<run-id>/bench/)" })
      .option("json", { type: "boolean", default: false, describe: "Print the results as JSON" })
      .option("quiet", { type: "boolean", default: false, describe: "No progress output" })
      .example("$0 bench --seed 42", "benchmark the baseline across precisions and batch sizes")
      .example("$0 bench --scaling --precisions float32", "add batch-size and width sweeps with SVG plots")
      .example("$0 bench --profile --batch-sizes 32", "time each training phase"),
  handler: (args) => {
    const exp = loadExperiment(args.experiment, overridesFrom(args));
    const precisions = precisionList(args.precisions);
    const batchSizes = positiveList("batch-sizes", args["batch-sizes"]);
    const scalingBatch = positiveList("scaling-batch-sizes", args["scaling-batch-sizes"]);
    const widths = positiveList("scaling-widths", args["scaling-widths"]);
    if (!Number.isSafeInteger(args.repeats) || args.repeats < 1) throw new UsageError(`--repeats ${args.repeats} must be a whole number ≥ 1`);
    const compute = computeFrom(args);
    try {
      benchWith(args, exp, compute, { precisions, batchSizes, scalingBatch, widths });
    } finally {
      compute.dispose();
    }
  },
};

interface Lists {
  precisions: ExperimentConfig["precision"][];
  batchSizes: number[];
  scalingBatch: number[];
  widths: number[];
}

function benchWith(args: BenchArgs, exp: ResolvedExperiment, compute: Compute, { precisions, batchSizes, scalingBatch, widths }: Lists): void {
  const { data } = prepareTraining(exp, compute.threads);
  const runId = makeRunId(`${exp.name}-bench`);
  const runDir = createRunDir(resolve(args["out-dir"]), runId);
  const meta: BenchMeta = { runId, experiment: exp.name, seed: exp.config.seed, repeats: args.repeats, kernel: compute.name, threads: compute.threads };
  const log = (line: string) => {
    if (!args.quiet && !args.json) process.stderr.write(line + "\n");
  };
  const onSetup = (s: { precision: string; batchSize: number; layerSizes: number[] }, i: number, total: number) =>
    log(`  [${i + 1}/${total}] ${s.precision} batch ${s.batchSize} layers [${s.layerSizes.join(",")}]`);
  log(`bench ${exp.name} seed ${exp.config.seed} → ${runDir}`);
  const grid = gridSetups(exp, precisions, batchSizes);
  const suite = runBenchSuite(exp, runDir, meta, {
    grid,
    scaling: args.scaling ? scalingSetups(exp, scalingBatch, widths) : null,
    profile: args.profile ? grid : null,
  }, { repeats: args.repeats, data, compute, onSetup, log });
  const results = suite.results!;
  const written = suite.files.map((f) => f.path);
  if (args.json) return printJson({ ...meta, runDir, results, scaling: suite.scaling, profiles: suite.profiles, files: written });
  if (args.quiet) return;
  process.stdout.write(benchTable(results) + `wrote ${written.map((w) => w.slice(runDir.length + 1)).join(", ")} in ${runDir}\n`);
}

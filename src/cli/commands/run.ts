// `repro-audit run`: repeat an experiment, fingerprint everything, and give a verdict with evidence.
// Exit 0 identical/within-tolerance, 1 not-reproducible, 2 usage or input error.

import { resolve } from "node:path";
import type { CommandModule } from "yargs";
import { loadExperiment } from "../../config/load.js";
import { UsageError } from "../../errors.js";
import { loadChecklist } from "../../checklist/load.js";
import { faultFromEnv } from "../../harness/faults.js";
import { executeRun, loadRunState, parseSeeds, type RunPlan } from "../../harness/run.js";
import { makeRunId } from "../../harness/run-id.js";
import { reportJsonText } from "../../report/write.js";
import { paint } from "../output.js";
import { progressMode, runProgress } from "../progress.js";
import { computeFrom, experimentOptions, overridesFrom, type ExperimentArgs } from "./experiment-options.js";
import type { Report } from "../../report/schema.js";

interface RunArgs extends ExperimentArgs {
  repeats?: number;
  seeds?: string;
  tolerance: number;
  "out-dir": string;
  "reports-dir": string;
  resume?: string;
  "trace-every": number;
  redact: boolean;
  project: string;
  quiet: boolean;
  json: boolean;
  cmd?: string;
  artifacts?: string[];
  metrics?: string;
  timeout?: number;
  bench: boolean;
  scaling: boolean;
  profile: boolean;
  checklist?: string;
}

/** Flags that would change what a resumed run is: refused, since the run keeps its own plan. */
function refuseWithResume(args: RunArgs): void {
  const given: string[] = [];
  if (args.experiment !== "baseline") given.push("--experiment");
  const unset: [string, unknown][] = [
    ["--seed", args.seed], ["--seeds", args.seeds], ["--repeats", args.repeats], ["--epochs", args.epochs], ["--precision", args.precision],
    ["--dropout", args.dropout], ["--batch-size", args["batch-size"]], ["--alpha", args.alpha], ["--cmd", args.cmd], ["--artifacts", args.artifacts],
    ["--metrics", args.metrics], ["--timeout", args.timeout], ["--checklist", args.checklist],
  ];
  for (const [flag, v] of unset) if (v !== undefined) given.push(flag);
  const defaults: [string, boolean][] = [
    ["--tolerance", args.tolerance !== 1e-6], ["--trace-every", args["trace-every"] !== 0], ["--kernel", args.kernel !== "auto"],
    ["--threads", args.threads !== 1], ["--bench", args.bench], ["--scaling", args.scaling], ["--profile", args.profile],
  ];
  for (const [flag, set] of defaults) if (set) given.push(flag);
  if (given.length > 0) {
    throw new UsageError(`--resume continues a run with the experiment, seeds, repeats and settings it started with, so ${given.join(", ")} cannot be combined with it. Drop ${given.length === 1 ? "that flag" : "those flags"}, or start a new run without --resume.`);
  }
}

/** `--cmd` and friends as a config layer: the experiment a command line describes without a file. */
function commandOverrides(args: RunArgs): Record<string, unknown> {
  if (args.cmd === undefined) {
    const stray = (["artifacts", "metrics", "timeout"] as const).filter((k) => args[k] !== undefined);
    if (stray.length > 0 && args.experiment === "baseline") throw new UsageError(`--${stray[0]} applies to an external command: add --cmd "<command>" (or an experiment file with runner: command)`);
    return { artifacts: args.artifacts, metrics: args.metrics, timeout_seconds: args.timeout };
  }
  if (args.timeout !== undefined && !(args.timeout > 0)) throw new UsageError(`--timeout ${args.timeout} must be a number of seconds greater than 0`);
  return { runner: "command", command: args.cmd, artifacts: args.artifacts, metrics: args.metrics, timeout_seconds: args.timeout };
}

function summary(report: Report, reportDir: string, written: string[]): string {
  const v = report.verdict;
  const colour = v.status === "not-reproducible" ? "red" : v.status === "identical" ? "green" : "yellow";
  const lines = [`verdict: ${paint(v.status, colour)} — ${v.reason}`];
  if (v.firstDivergence !== null) {
    const d = v.firstDivergence;
    lines.push(`first divergence: repeat ${d.repeat} vs ${d.comparedWith}, ${d.epoch === null ? "position unknown" : `epoch ${d.epoch}${d.step !== null ? ` step ${d.step}` : ""}`}, field ${d.field}: ${d.detail}`);
  }
  for (const [name, s] of Object.entries(report.statistics)) {
    const ci = s.ci95 === null ? "" : `  95% CI [${s.ci95[0].toPrecision(6)}, ${s.ci95[1].toPrecision(6)}]`;
    lines.push(`  ${name.padEnd(14)} mean ${s.mean.toPrecision(6)}  sd ${s.sd === null ? "n/a" : s.sd.toPrecision(3)}${ci}  (n=${s.n}${s.kind === "timing" ? ", timing" : ""})`);
  }
  for (const w of report.warnings) lines.push(`${paint("warning", "yellow")}: ${w.message}`);
  lines.push(`report: ${written.map((p) => (p.startsWith(`${reportDir}/`) ? p.slice(reportDir.length + 1) : p)).join(", ")} in ${reportDir}`);
  return lines.join("\n") + "\n";
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: "run",
  describe: "Repeat an experiment N times and report whether it reproduces (the main job)",
  builder: (y) =>
    experimentOptions(y)
      .option("repeats", { alias: "n", type: "number", describe: "Repeats per seed (default 5; 1 with --seeds)" })
      .option("seeds", { type: "string", describe: "Several seeds, e.g. 1,2,3 or 1..10; each runs --repeats times" })
      .option("tolerance", { type: "number", default: 1e-6, describe: "Relative tolerance for metrics when hashes differ" })
      .option("out-dir", { type: "string", default: "runs", describe: "Where run folders go (runs/<run-id>/)" })
      .option("reports-dir", { type: "string", default: "reports", describe: "Where report folders go (reports/<run-id>/)" })
      .option("resume", { type: "string", describe: "Continue an interrupted run: only its missing repeats run" })
      .option("trace-every", { type: "number", default: 0, describe: "Also add a ledger entry every K steps (0: per epoch)" })
      .option("redact", { type: "boolean", default: true, describe: "Hash host identifiers in the report (--no-redact keeps them)" })
      .option("project", { type: "string", default: ".", describe: "Folder whose git commit and dirty flag are recorded" })
      .option("bench", { type: "boolean", default: false, describe: "After the repeats, benchmark precisions × batch sizes into runs/<run-id>/bench/ (cited by the checklist)" })
      .option("scaling", { type: "boolean", default: false, describe: "After the repeats, run the batch-size and hidden-width scaling sweeps (JSON, Markdown, SVG)" })
      .option("profile", { type: "boolean", default: false, describe: "After the repeats, time each training phase of this setup and record peak memory (profiling/)" })
      .option("checklist", { type: "string", describe: "Evaluate this checklist file instead of checklist/reproducibility.yaml (same schema)" })
      .option("quiet", { type: "boolean", default: false, describe: "No progress output" })
      .option("json", { type: "boolean", default: false, describe: "Print report.json on stdout (implies --quiet)" })
      .option("cmd", { type: "string", describe: "Audit an external training command instead (split like a shell, no shell runs; placeholders {seed} {repeat} {outDir})" })
      .option("artifacts", { type: "string", array: true, describe: "With --cmd: output files to hash (fast-glob, relative to the repeat's output folder); repeatable" })
      .option("metrics", { type: "string", describe: 'With --cmd: the JSON metrics file the command writes, or "stdout:<prefix>"' })
      .option("timeout", { type: "number", describe: "With --cmd: kill the command's process tree after this many seconds" })
      .conflicts("seed", "seeds")
      .example("$0 run --repeats 5", "audit the baseline experiment with 5 repeats")
      .example("$0 run -e real_fashion_mnist --seeds 0..4 --repeats 2", "determinism per seed plus seed variance")
      .example("$0 run --resume baseline-20261204T101500Z-a1b2c3", "finish an interrupted run")
      .example(`$0 run --cmd "python3 train.py --seed {seed} --out {outDir}" --artifacts model.npy --metrics metrics.json --repeats 3`, "audit your own training script"),
  handler: async (args) => {
    const repeats = args.repeats ?? (args.seeds !== undefined ? 1 : 5);
    if (!Number.isSafeInteger(repeats) || repeats < 1) throw new UsageError(`--repeats ${args.repeats} must be a whole number of at least 1`);
    if (!(args.tolerance >= 0 && Number.isFinite(args.tolerance))) throw new UsageError(`--tolerance ${args.tolerance} must be a finite number, 0 or more (a relative tolerance such as 1e-6)`);
    if (!Number.isSafeInteger(args["trace-every"]) || args["trace-every"] < 0) throw new UsageError(`--trace-every ${args["trace-every"]} must be a whole number, 0 or more`);
    const outDir = resolve(args["out-dir"]);
    // A bad checklist file is an input error before anything runs.
    const checklist = args.checklist !== undefined ? loadChecklist(resolve(args.checklist)) : undefined;
    const options = { ...(checklist !== undefined ? { checklist } : {}), outDir, reportsDir: resolve(args["reports-dir"]), redact: args.redact, projectDir: resolve(args.project), fault: faultFromEnv() };
    const mode = progressMode(args.quiet || args.json);

    let exp;
    let plan: RunPlan;
    let resume = null;
    if (args.resume !== undefined) {
      refuseWithResume(args);
      const runDir = resolve(outDir, args.resume);
      const state = loadRunState(runDir);
      exp = state.exp;
      plan = state.plan;
      resume = { runDir, environment: state.environment };
    } else {
      exp = loadExperiment(args.experiment, { ...overridesFrom(args), ...commandOverrides(args) });
      // A --cmd run without an experiment file is named after what it runs, not the default experiment.
      if (args.cmd !== undefined && exp.file === null) exp = { ...exp, name: "command" };
      const seeds = args.seeds !== undefined ? parseSeeds(args.seeds) : [exp.config.seed];
      const now = new Date();
      plan = {
        runId: makeRunId(exp.name, now),
        createdAt: now.toISOString(),
        repeats,
        seeds,
        seedMode: args.seeds !== undefined ? "per-seed" : "shared",
        tolerance: args.tolerance,
        traceEvery: args["trace-every"],
        bench: args.bench || args.scaling || args.profile ? { grid: args.bench, scaling: args.scaling, profile: args.profile } : null,
        kernel: args.kernel,
        threads: args.threads,
      };
    }
    const progress = runProgress(mode, exp.config.epochs);
    // A resumed run computes with the kernel it started with (the record says which ran).
    const compute = exp.config.runner === "core" ? computeFrom({ ...args, kernel: plan.kernel ?? args.kernel, threads: plan.threads ?? args.threads }) : undefined;
    let outcome;
    try {
      outcome = await executeRun(exp, plan, { ...options, events: progress, ...(compute !== undefined ? { compute } : {}) }, resume);
    } finally {
      progress.stop();
      compute?.dispose();
    }
    if (args.json) process.stdout.write(reportJsonText(outcome.report));
    else if (!args.quiet) process.stdout.write(summary(outcome.report, outcome.reportDir, outcome.written));
    if (outcome.report.verdict.status === "not-reproducible") process.exitCode = 1;
  },
};

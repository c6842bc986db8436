// `repro-audit run`: repeat an experiment, fingerprint everything, and give a verdict with evidence.
// Exit 0 identical/within-tolerance, 1 not-reproducible, 2 usage or input error.

import { resolve } from "node:path";
import type { CommandModule } from "yargs";
import { loadExperiment } from "../../config/load.js";
import { UsageError } from "../../errors.js";
import { faultFromEnv } from "../../harness/faults.js";
import { executeRun, loadRunState, parseSeeds, type RunPlan } from "../../harness/run.js";
import { makeRunId } from "../../harness/run-id.js";
import { reportJsonText } from "../../report/write.js";
import { paint } from "../output.js";
import { progressMode, runProgress } from "../progress.js";
import { experimentOptions, overridesFrom, type ExperimentArgs } from "./experiment-options.js";
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
}

function summary(report: Report, reportDir: string): string {
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
  lines.push(`report: ${reportDir}/report.json`);
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
      .option("quiet", { type: "boolean", default: false, describe: "No progress output" })
      .option("json", { type: "boolean", default: false, describe: "Print report.json on stdout (implies --quiet)" })
      .example("$0 run --repeats 5", "audit the baseline experiment with 5 repeats")
      .example("$0 run -e real_fashion_mnist --seeds 0..4 --repeats 2", "determinism per seed plus seed variance")
      .example("$0 run --resume baseline-20261204T101500Z-a1b2c3", "finish an interrupted run"),
  handler: async (args) => {
    const repeats = args.repeats ?? (args.seeds !== undefined ? 1 : 5);
    if (!Number.isSafeInteger(repeats) || repeats < 1) throw new UsageError(`--repeats ${args.repeats} must be a whole number of at least 1`);
    if (!(args.tolerance >= 0)) throw new UsageError(`--tolerance ${args.tolerance} must be 0 or more (a relative tolerance such as 1e-6)`);
    if (!Number.isSafeInteger(args["trace-every"]) || args["trace-every"] < 0) throw new UsageError(`--trace-every ${args["trace-every"]} must be a whole number, 0 or more`);
    const outDir = resolve(args["out-dir"]);
    const options = { outDir, reportsDir: resolve(args["reports-dir"]), redact: args.redact, projectDir: resolve(args.project), fault: faultFromEnv() };
    const mode = progressMode(args.quiet || args.json);

    let exp;
    let plan: RunPlan;
    let resume = null;
    if (args.resume !== undefined) {
      const runDir = resolve(outDir, args.resume);
      const state = loadRunState(runDir);
      exp = state.exp;
      plan = state.plan;
      resume = { runDir, environment: state.environment };
    } else {
      exp = loadExperiment(args.experiment, overridesFrom(args));
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
      };
    }
    const progress = runProgress(mode, exp.config.epochs);
    let outcome;
    try {
      outcome = await executeRun(exp, plan, { ...options, events: progress }, resume);
    } finally {
      progress.stop();
    }
    if (args.json) process.stdout.write(reportJsonText(outcome.report));
    else if (!args.quiet) process.stdout.write(summary(outcome.report, outcome.reportDir));
    if (outcome.report.verdict.status === "not-reproducible") process.exitCode = 1;
  },
};

// `run`: the product's main job (DESIGN.md §2). Repeats an experiment N times per seed, records each
// repeat as it finishes (so a killed run keeps its finished repeats and `--resume` continues), then
// computes statistics and the verdict and writes reports/<run-id>/report.json.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedExperiment, ValueSource } from "../config/load.js";
import { resolvedConfigSchema, type ConfigKey } from "../config/schema.js";
import { ArtifactError, UsageError } from "../errors.js";
import { ensureDir, writeJsonAtomic } from "../io/atomic.js";
import { sha256Canonical } from "../io/hash.js";
import { precisionInfo } from "../nn/precision.js";
import { repeatSchema, REPORT_SCHEMA, type RepeatRecord, type Report } from "../report/schema.js";
import { writeReport } from "../report/write.js";
import { registerReportRenderers } from "../report/render.js";
import { withChecklist } from "../checklist/evaluate.js";
import type { Checklist } from "../checklist/schema.js";
import { summarize } from "../audit/summarize.js";
import { computeVerdict } from "../audit/verdict.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import { collectEnvironment, environmentSchema, type Environment } from "./fingerprint.js";
import type { FaultPlan } from "./faults.js";
import { prepareTraining, type Compute, type TraceEntry } from "./train-once.js";
import type { LoadedData } from "./data.js";
import { configDocument, createRunDir } from "./run-files.js";
import { repeatPath, runRepeat } from "./repeat.js";
import { benchmarkForRun } from "../bench/for-run.js";
import { redactReport } from "./redact-paths.js";
import { referenceKernel } from "../nn/kernels/reference.js";
import { externalFingerprint } from "../runner/fingerprint.js";
import { runCommandRepeat } from "../runner/repeat.js";
import { commandRunInfo, commandRunWarnings, EXTERNAL_DATA } from "../runner/report.js";
import { coreOnlyKeysSet } from "../runner/config-rules.js";
import { DEFAULTS } from "../config/experiments.js";

// run writes report.md and report.html beside report.json (src/report/render.ts).
registerReportRenderers();

export interface RunPlan {
  runId: string;
  createdAt: string;
  repeats: number;
  seeds: number[];
  seedMode: "shared" | "per-seed";
  tolerance: number;
  traceEvery: number;
  /** `run --bench/--scaling/--profile`: benchmark after the repeats; outputs cited in the report. */
  bench?: { grid: boolean; scaling: boolean; profile: boolean } | null;
  /** The kernel choice and thread count the run started with (a resumed run keeps them). */
  kernel?: string;
  threads?: number;
}

export interface RunEvents {
  onStart?(plan: RunPlan, runDir: string, pending: number[]): void;
  onRepeatStart?(index: number, seed: number): void;
  onEpoch?(index: number, entry: TraceEntry): void;
  onRepeatEnd?(record: RepeatRecord): void;
}

export interface RunOptions {
  outDir: string;
  reportsDir: string;
  redact: boolean;
  projectDir: string;
  fault?: FaultPlan | null;
  events?: RunEvents;
  /** The kernel the core computes with (default: the reference kernel, one thread). */
  compute?: Compute;
  /** The checklist to evaluate (default: checklist/reproducibility.yaml). */
  checklist?: Checklist;
}

/** Parses `--seeds`: "1,2,3", "1..10" or a mix ("0,5..7"); order kept, duplicates refused. */
export function parseSeeds(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(",").map((s) => s.trim()).filter((s) => s.length > 0)) {
    const range = /^(\d+)\.\.(\d+)$/.exec(part);
    if (range !== null) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (b < a || b - a > 10_000) throw new UsageError(`--seeds range "${part}" must go upwards and hold at most 10001 seeds, e.g. 1..10`);
      for (let s = a; s <= b; s++) out.push(s);
    } else if (/^\d+$/.test(part) && Number.isSafeInteger(Number(part))) {
      out.push(Number(part));
    } else {
      throw new UsageError(`--seeds "${text}": "${part}" is not a seed; use whole numbers 0 or more, e.g. --seeds 1,2,3 or --seeds 1..10`);
    }
  }
  if (out.length === 0) throw new UsageError(`--seeds "${text}" names no seed; use e.g. --seeds 1,2,3 or --seeds 1..10`);
  const dup = out.find((s, i) => out.indexOf(s) !== i);
  if (dup !== undefined) throw new UsageError(`--seeds names seed ${dup} twice; each seed once (use --repeats to repeat it)`);
  return out;
}

function withSeed(exp: ResolvedExperiment, seed: number): ResolvedExperiment {
  if (seed === exp.config.seed) return exp;
  const config = { ...exp.config, seed };
  return { ...exp, config, sources: { ...exp.sources, seed: "flag" }, configSha256: sha256Canonical(config) };
}

/** Expands the plan into (index, seed) pairs: each seed `repeats` times, seeds in order. */
export function repeatSeeds(plan: RunPlan): number[] {
  return plan.seeds.flatMap((s) => Array.from({ length: plan.repeats }, () => s));
}

interface RunState {
  plan: RunPlan;
  experiment: ReturnType<typeof configDocument>;
}

function runStatePath(runDir: string): string {
  return join(runDir, "run.json");
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new ArtifactError(`cannot read ${what} ${path}: ${(err as Error).message}. The run folder is damaged; start a new run.`, { file: path, cause: err });
  }
}

/** Restores a run's experiment and plan from its folder, for --resume. */
export function loadRunState(runDir: string): { exp: ResolvedExperiment; plan: RunPlan; environment: Environment } {
  const path = runStatePath(runDir);
  if (!existsSync(path)) throw new ArtifactError(`no run to resume at ${runDir}: ${path} does not exist. Give a run id from your runs folder (and the same --out-dir).`, { file: path });
  const state = readJson(path, "run state") as RunState;
  const config = resolvedConfigSchema.safeParse(state.experiment?.config);
  if (!config.success) throw new ArtifactError(`${path}: experiment.config does not validate (${config.error.issues[0]?.path.join(".")}: ${config.error.issues[0]?.message}). The run folder is damaged; start a new run.`, { file: path });
  const envParsed = environmentSchema.safeParse(readJson(join(runDir, "env.json"), "environment"));
  if (!envParsed.success) throw new ArtifactError(`${join(runDir, "env.json")} does not validate; the run folder is damaged.`, { file: join(runDir, "env.json") });
  const e = state.experiment;
  const exp: ResolvedExperiment = {
    name: e.experiment,
    file: e.file,
    baseDir: e.file === null ? process.cwd() : join(e.file, ".."),
    description: e.description,
    config: config.data,
    sources: e.sources as Record<ConfigKey, ValueSource>,
    configSha256: sha256Canonical(config.data),
  };
  return { exp, plan: state.plan, environment: envParsed.data };
}

function readFinishedRepeat(runDir: string, index: number): RepeatRecord | null {
  const path = repeatPath(runDir, index);
  if (!existsSync(path)) return null;
  const parsed = repeatSchema.safeParse(readJson(path, "repeat record"));
  if (!parsed.success) throw new ArtifactError(`${path} does not validate (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}); delete it to run that repeat again.`, { file: path });
  return parsed.data;
}

export interface RunOutcome {
  report: Report;
  runDir: string;
  reportDir: string;
  written: string[];
}

/** Starts a new run (plan given) or resumes one (runDir exists with run.json). */
export async function executeRun(
  exp: ResolvedExperiment,
  plan: RunPlan,
  options: RunOptions,
  resume: { runDir: string; environment: Environment } | null = null,
): Promise<RunOutcome> {
  if (plan.seedMode === "per-seed" && plan.seeds.length === 0) throw new UsageError("--seeds names no seed");
  const seeds = repeatSeeds(plan);
  // An external program loads its own data (runner: command): nothing to prepare here.
  const external = exp.config.runner === "command";
  // Everything that can reject the input happens before the run folder exists.
  const dataBySeed = new Map<number, LoadedData>();
  const dataFor = (seed: number): LoadedData | null => {
    if (external) return null;
    let d = dataBySeed.get(seed);
    if (d === undefined) {
      d = prepareTraining(withSeed(exp, seed), options.compute?.threads ?? 1).data;
      dataBySeed.set(seed, d);
    }
    return d;
  };
  dataFor(seeds[0]!);

  // The report folder must be usable before hours of training, not after.
  ensureDir(options.reportsDir, "reports folder (--reports-dir)");
  let runDir: string;
  let environment: Environment;
  if (resume === null) {
    environment = await collectEnvironment({ redact: options.redact, projectDir: options.projectDir });
    if (external) environment = { ...environment, external: await externalFingerprint(exp.config, exp.baseDir) };
    runDir = createRunDir(options.outDir, plan.runId);
    writeJsonAtomic(join(runDir, "config.json"), configDocument(exp));
    writeJsonAtomic(join(runDir, "env.json"), environment);
    writeJsonAtomic(runStatePath(runDir), { plan, experiment: configDocument(exp) } satisfies RunState);
  } else {
    runDir = resume.runDir;
    environment = resume.environment;
    const finished = join(options.reportsDir, plan.runId, "report.json");
    if (existsSync(finished)) {
      throw new ArtifactError(`run ${plan.runId} is finished: ${finished} exists (and may carry sign-offs), so there is nothing to resume and it is not overwritten. Re-render it with \`repro-audit report ${finished}\`, or start a new run.`, { file: finished });
    }
  }

  const records: RepeatRecord[] = [];
  const pending: number[] = [];
  // A resumed run reruns the repeats that failed (their cause may be fixed); the report says so.
  const reruns: RepeatRecord[] = [];
  seeds.forEach((_, i) => {
    const done = readFinishedRepeat(runDir, i);
    if (done !== null && done.status === "failed") reruns.push(done);
    if (done !== null && done.status === "ok") records[i] = done;
    else pending.push(i);
  });
  options.events?.onStart?.(plan, runDir, pending);
  for (const i of pending) {
    const seed = seeds[i]!;
    options.events?.onRepeatStart?.(i, seed);
    const rec = external ? await runCommandRepeat({ index: i, exp: withSeed(exp, seed), runDir }) : runRepeat({
      index: i,
      exp: withSeed(exp, seed),
      data: dataFor(seed)!,
      runDir,
      traceEvery: plan.traceEvery,
      fault: options.fault ?? null,
      ...(options.compute !== undefined ? { compute: options.compute } : {}),
      onEpoch: (entry) => options.events?.onEpoch?.(i, entry),
    });
    records[i] = rec;
    options.events?.onRepeatEnd?.(rec);
    // Let signals and stdout drain between repeats.
    await new Promise((r) => setImmediate(r));
  }

  const first = withSeed(exp, plan.seeds[0]!);
  const assembled = assembleReport(first, plan, environment, dataFor(plan.seeds[0]!), records, resume !== null, options.compute);
  for (const r of reruns) {
    assembled.warnings.push({
      id: "rerun-after-failure",
      message: `repeat ${r.index} failed before (${r.error?.rootCause ?? "no root cause recorded"}) and was rerun on --resume: it is now ${records[r.index]!.status}.`,
      hint: records[r.index]!.status === "ok" ? "The rerun succeeded; the verdict counts the rerun." : "It failed again: read repeats[].error.rootCause and fix the cause before resuming again.",
    });
  }
  if (plan.bench && !external) {
    const compute = options.compute ?? { kernel: referenceKernel, name: referenceKernel.name, threads: 1 };
    assembled.benchmarks = benchmarkForRun(first, plan.runId, runDir, dataFor(plan.seeds[0]!)!, compute, { grid: plan.bench.grid, scaling: plan.bench.scaling, profile: plan.bench.profile });
  }
  const report = withChecklist(options.redact ? redactReport(assembled) : assembled, options.checklist);
  const reportDir = join(options.reportsDir, plan.runId);
  const written = writeReport(reportDir, report);
  return { report, runDir, reportDir, written };
}

export function assembleReport(
  exp: ResolvedExperiment,
  plan: RunPlan,
  environment: Environment,
  data: LoadedData | null,
  repeats: RepeatRecord[],
  resumed: boolean,
  compute?: Compute,
): Report {
  const perSeed = plan.seedMode === "per-seed";
  const { statistics, warnings } = summarize(repeats, perSeed);
  const verdict = computeVerdict(repeats, plan.tolerance);
  if (plan.repeats < 2) {
    warnings.unshift({
      id: "determinism-not-tested",
      message: perSeed ? "Each seed ran once, so nothing was compared: this run measures seed variance, not determinism." : "Only one repeat ran, so nothing was compared.",
      hint: "Add --repeats 2 (or more) to test that training reproduces bit for bit.",
    });
    verdict.reason = `Not tested: no seed ran more than once. ${verdict.reason}`;
  }
  if (data === null) warnings.push(...commandRunWarnings(repeats));
  const ignored = coreOnlyKeysSet(exp.config, DEFAULTS);
  if (ignored.length > 0) {
    warnings.push({
      id: "core-keys-ignored",
      message: `${ignored.join(", ")} ${ignored.length === 1 ? "is" : "are"} set, but only the built-in trainer reads ${ignored.length === 1 ? "it" : "them"}: the external command did not get ${ignored.length === 1 ? "it" : "them"} from repro-audit.`,
      hint: "Pass such settings to your program in `command` (e.g. \"--epochs\", \"3\") or `env`, and remove them from the experiment file.",
    });
  }
  const firstOk = repeats.find((r) => r.status === "ok");
  return {
    schema: REPORT_SCHEMA,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    runId: plan.runId,
    createdAt: plan.createdAt,
    experiment: { name: exp.name, file: exp.file, description: exp.description, configSha256: exp.configSha256, config: exp.config, sources: exp.sources },
    environment,
    data: data === null ? EXTERNAL_DATA : data.record,
    run: {
      runner: data === null ? "command" : "core",
      repeats: plan.repeats,
      seeds: plan.seeds,
      seedMode: plan.seedMode,
      tolerance: plan.tolerance,
      traceEvery: plan.traceEvery,
      ...(data === null ? commandRunInfo() : { kernel: compute?.name ?? "reference", threads: compute?.threads ?? 1, precision: precisionInfo(exp.config.precision) }),
      resumed,
    },
    repeats,
    statistics,
    warnings: firstOk === undefined ? [...warnings, { id: "all-repeats-failed", message: "Every repeat failed.", hint: "Read repeats[].error.rootCause; fix the first failure and run again." }] : warnings,
    verdict,
    checklist: null,
    signoffs: [],
  };
}

// report.json, the contract (DESIGN.md §5): one zod schema, types inferred from it, a JSON Schema
// generated from it (schemas/report.schema.json, pinned by a test). Renderers, diff and verify
// read only this record. Every part a later feature adds (checklist, sign-offs, an external
// runner's artifacts) has its place here, so the schema version changes only on breaking edits.

import { z } from "zod";
import { dataRecordSchema } from "../data/record.js";
import { environmentSchema } from "../harness/env/schema.js";
import { CONFIG_KEYS, resolvedConfigSchema } from "../config/schema.js";

export const REPORT_SCHEMA = "repro-audit/report@1";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "lowercase hex SHA-256");
const metricValue = z.number().nullable().describe("null when the value was NaN or infinite");

export const pcg64StateSchema = z.object({
  bit_generator: z.literal("PCG64"),
  state: z.object({ state: z.string().regex(/^\d+$/), inc: z.string().regex(/^\d+$/) }),
  has_uint32: z.union([z.literal(0), z.literal(1)]),
  uinteger: z.number().int().nonnegative(),
});

export const traceEntrySchema = z.object({
  epoch: z.number().int().nonnegative(),
  step: z.number().int().positive().optional().describe("Present on every-K-steps entries (--trace-every)."),
  loss: metricValue.optional(),
  accuracy: z.number().optional(),
  testLoss: metricValue.optional(),
  testAccuracy: z.number().optional(),
  weightsSha256: sha256.nullable().describe("All parameters as float32 after this epoch/step."),
  rngSha256: sha256.nullable().describe("SHA-256 of the canonical JSON of the model generator's state."),
  batchOrderSha256: sha256.nullable().describe("This epoch's permutation as int64 little-endian."),
});

export const syntheticDataRecordSchema = z.object({
  kind: z.literal("synthetic"),
  version: z.literal("synthetic-v1"),
  construction: z.string(),
  seed: z.number().int().nonnegative(),
  rows: z.number().int().positive(),
  features: z.number().int().positive(),
  classes: z.number().int().positive(),
  classCounts: z.array(z.number().int().nonnegative()),
  xSha256: sha256,
  ySha256: sha256,
});

export const artifactSchema = z.object({
  path: z.string().describe("Relative to the run folder (runner: command — relative to the repeat's output folder, or absolute)."),
  sha256,
  bytes: z.number().int().nonnegative(),
});

/** What the external-command runner records about one run of the program (src/runner/). */
export const commandRunSchema = z.object({
  argv: z.array(z.string()).describe("The program and its arguments, placeholders filled in."),
  cwd: z.string(),
  outDir: z.string().describe("The repeat's output folder, relative to the run folder; artifact paths are relative to it."),
  stdoutLog: z.string().describe("Relative to the run folder."),
  stderrLog: z.string().describe("Relative to the run folder."),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  timeoutSeconds: z.number().positive().nullable(),
  leftoverProcesses: z.number().int().nonnegative().describe("Processes still in the program's group after it exited (killed by repro-audit)."),
  manifest: z.boolean().describe("Whether the program wrote repro-audit.json."),
  metricsSource: z.string().nullable().describe('The metrics file, "stdout:<prefix>", or null.'),
  metricsExtra: z.record(z.string(), z.unknown()).describe("Non-numeric metric fields (nested objects, strings): recorded, not averaged."),
});

/** The data part of a report whose training program loads its own data (runner: command). */
export const externalDataRecordSchema = z.object({
  kind: z.literal("external"),
  note: z.string(),
});

export const benchmarksSchema = z.object({
  kernel: z.string(),
  threads: z.number().int().positive(),
  artifacts: z.array(
    artifactSchema.extend({
      kind: z.enum(["benchmark", "scaling", "profiling"]).describe("benchmark: precision × batch grid; scaling: batch/width sweeps; profiling: per-phase time and memory."),
    }),
  ),
});

export const divergenceField = z.enum(["data", "initialWeights", "rngState", "batchOrder", "weights", "artifacts", "metrics", "status"]);

export const repeatSchema = z.object({
  index: z.number().int().nonnegative(),
  seed: z.number().int().nonnegative(),
  status: z.enum(["ok", "failed"]),
  error: z.object({ message: z.string(), rootCause: z.string() }).nullable(),
  rng: z.object({ start: pcg64StateSchema, end: pcg64StateSchema, startSha256: sha256, endSha256: sha256 }).nullable(),
  data: z.object({ xSha256: sha256, ySha256: sha256 }).nullable(),
  initialWeightsSha256: sha256.nullable(),
  weightsSha256: sha256.nullable(),
  layerSha256: z.record(z.string(), sha256),
  metrics: z.record(z.string(), metricValue).describe("finalLoss, finalAccuracy, testLoss, testAccuracy, … (functional metrics)."),
  nonFinite: z.array(z.string()),
  trace: z.array(traceEntrySchema),
  timing: z.object({
    wallSeconds: z.number().nonnegative(),
    cpuSeconds: z.number().nonnegative(),
    trainSeconds: z.number().nonnegative().nullable(),
    samplesPerSecond: z.number().nonnegative().nullable(),
    peakRssBytes: z.number().int().nonnegative().describe("Peak resident memory of the process so far (getrusage maxrss)."),
  }),
  artifacts: z.array(artifactSchema),
  logs: z
    .array(artifactSchema.extend({ path: z.string().describe('Relative to the run folder, e.g. "logs/repeat-0.stdout.log".') }))
    .optional()
    .describe("runner: command — the program's stdout and stderr logs, hashed as written. Evidence only: never compared by the verdict or the first divergence, since identical runs may log differently (timestamps, timings)."),
  command: commandRunSchema.optional().describe("runner: command — how the external program ran in this repeat."),
});

export const descriptionSchema = z.object({
  n: z.number().int().nonnegative(),
  mean: z.number(),
  sd: z.number().nullable(),
  sem: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  min: z.number(),
  max: z.number(),
  cv: z.number().nullable(),
});

export const metricStatisticsSchema = descriptionSchema.extend({
  kind: z.enum(["functional", "timing"]).describe("Functional metrics decide the verdict; timings never do."),
  withinSeedSd: z.number().nullable().optional().describe("With --seeds: pooled sd of repeats of the same seed (nondeterminism)."),
  acrossSeedSd: z.number().nullable().optional().describe("With --seeds: sd of the per-seed means (seed variance)."),
});

export const warningSchema = z.object({ id: z.string(), message: z.string(), hint: z.string() });

export const verdictSchema = z.object({
  status: z.enum(["identical", "within-tolerance", "not-reproducible"]),
  reason: z.string(),
  tolerance: z.number().nonnegative(),
  failedRepeats: z.array(z.number().int().nonnegative()),
  firstDivergence: z
    .object({
      repeat: z.number().int().nonnegative(),
      comparedWith: z.number().int().nonnegative(),
      epoch: z.number().int().nonnegative().nullable(),
      step: z.number().int().positive().nullable(),
      field: divergenceField,
      detail: z.string(),
    })
    .nullable(),
});

export const checklistItemResultSchema = z.object({
  id: z.string(),
  section: z.string(),
  text: z.string(),
  why: z.string(),
  hint: z.string(),
  manual: z.boolean(),
  status: z.enum(["pass", "fail", "n/a", "pending"]),
  evidence: z.array(z.object({ label: z.string(), value: z.string(), where: z.string() })),
});

export const signoffSchema = z.object({
  by: z.string().min(1),
  role: z.string().nullable(),
  at: z.string(),
  items: z.array(z.object({ id: z.string(), status: z.enum(["pass", "fail", "n/a"]), note: z.string().nullable() })),
  reportDigest: sha256,
  publicKey: z.string().nullable(),
  signature: z.string().nullable(),
});

export const reportSchema = z
  .object({
    schema: z.literal(REPORT_SCHEMA),
    tool: z.object({ name: z.string(), version: z.string() }),
    runId: z.string().min(1),
    createdAt: z.string().describe("When the run started (UTC, ISO 8601); informational only."),
    experiment: z.object({
      name: z.string(),
      file: z.string().nullable(),
      description: z.string().nullable(),
      configSha256: sha256,
      config: resolvedConfigSchema,
      sources: z.record(z.enum(CONFIG_KEYS as [string, ...string[]]), z.string()),
    }),
    environment: environmentSchema,
    data: z.discriminatedUnion("kind", [syntheticDataRecordSchema, dataRecordSchema, externalDataRecordSchema]),
    run: z.object({
      runner: z.enum(["core", "command"]),
      repeats: z.number().int().positive().describe("Repeats per seed."),
      seeds: z.array(z.number().int().nonnegative()),
      seedMode: z.enum(["shared", "per-seed"]),
      tolerance: z.number().nonnegative(),
      traceEvery: z.number().int().nonnegative(),
      kernel: z.string(),
      threads: z.number().int().positive(),
      precision: z.object({ trainDtype: z.string(), inferencePrecision: z.string(), description: z.string() }),
      resumed: z.boolean(),
    }),
    repeats: z.array(repeatSchema).min(1),
    statistics: z.record(z.string(), metricStatisticsSchema),
    warnings: z.array(warningSchema),
    verdict: verdictSchema,
    benchmarks: benchmarksSchema.nullable().optional().describe("Outputs of `run --bench/--scaling/--profile`, cited by the checklist."),
    checklist: z.array(checklistItemResultSchema).nullable(),
    signoffs: z.array(signoffSchema),
  })
  .strict();

export type Report = z.infer<typeof reportSchema>;
export type RepeatRecord = z.infer<typeof repeatSchema>;
export type Verdict = z.infer<typeof verdictSchema>;
export type FirstDivergence = NonNullable<Verdict["firstDivergence"]>;
export type MetricStatistics = z.infer<typeof metricStatisticsSchema>;
export type ReportWarning = z.infer<typeof warningSchema>;
export type SyntheticDataRecord = z.infer<typeof syntheticDataRecordSchema>;
export type ExternalDataRecord = z.infer<typeof externalDataRecordSchema>;
export type CommandRun = z.infer<typeof commandRunSchema>;
export type Signoff = z.infer<typeof signoffSchema>;
export type Benchmarks = z.infer<typeof benchmarksSchema>;
export type ChecklistItemResult = z.infer<typeof checklistItemResultSchema>;

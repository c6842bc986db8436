// The diff result: one record that every format renders (STYLE.md §9). `--format json` prints it
// as-is; text, Markdown and HTML go through view.ts. One zod schema, types inferred from it, so the
// JSON output has a checked shape. It says what differs, not how it was found (compare.ts) or how
// it is printed (view.ts, render-*.ts). No clock, no paths other than the ones the user gave.

import { z } from "zod";

export const DIFF_SCHEMA = "repro-audit/diff@1";

/** One line of a section: a field whose values differ between side A and side B. */
export const differenceSchema = z.object({
  key: z.string().describe("What differs, e.g. runtime.node, seed, repeat 1 final weights."),
  a: z.string().nullable().describe("Value on side A as text; null when absent/unset there."),
  b: z.string().nullable(),
  aFrom: z.string().nullable().describe("Config only: where A's value came from (default, file, flag)."),
  bFrom: z.string().nullable(),
  note: z.string().nullable(),
});

export const SECTION_IDS = ["tool", "runtime", "os", "cpu", "memory", "dependencies", "external", "variables", "host", "git", "config", "run", "data", "weights", "trace"] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export const sectionSchema = z.object({
  id: z.enum(SECTION_IDS),
  group: z.enum(["tool", "environment", "config", "run", "data", "repeats", "trace"]),
  title: z.string(),
  differences: z.array(differenceSchema),
  note: z.string().nullable().describe("What the section covers or why it cannot be compared."),
});

const sideStats = z.object({
  n: z.number().int().nonnegative().describe("Finite values (repeats with status ok and a finite value)."),
  nonFinite: z.number().int().nonnegative(),
  mean: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable().describe("Student t 95% CI of the mean; null with n < 2."),
});

export const metricComparisonSchema = z.object({
  name: z.string(),
  a: sideStats,
  b: sideStats,
  difference: z.number().nullable().describe("mean(B) − mean(A)."),
  welchCi95: z.tuple([z.number(), z.number()]).nullable().describe("Welch 95% CI of mean(B) − mean(A)."),
  margin: z.number().nullable().describe("Equivalence margin: tolerance × max(|mean A|, |mean B|)."),
  method: z.enum(["identical-values", "tost", "relative", "exact", "non-finite", "missing"]),
  pLower: z.number().nullable(),
  pUpper: z.number().nullable(),
  equivalent: z.boolean(),
  note: z.string().nullable(),
});

export const divergenceSchema = z.object({
  repeat: z.number().int().nonnegative(),
  epoch: z.number().int().nonnegative().nullable(),
  step: z.number().int().positive().nullable(),
  field: z.enum(["data", "initialWeights", "rngState", "batchOrder", "weights", "artifacts", "metrics", "status"]),
  detail: z.string(),
});

export const causeSchema = z.object({
  rank: z.number().int().positive(),
  id: z.string(),
  plausibility: z.enum(["high", "medium", "low"]),
  title: z.string(),
  evidence: z.array(z.string()),
  why: z.string(),
  hint: z.string(),
});

export const reportRefSchema = z.object({
  path: z.string().describe("As given on the command line."),
  runId: z.string(),
  createdAt: z.string(),
  experiment: z.string(),
  toolVersion: z.string(),
  repeats: z.number().int().nonnegative(),
});

export const VERDICTS = ["identical", "equivalent", "different"] as const;
export type DiffVerdict = (typeof VERDICTS)[number];

export const comparisonSchema = z.object({
  a: reportRefSchema,
  b: reportRefSchema,
  verdict: z.enum(VERDICTS),
  reason: z.string(),
  firstDivergence: divergenceSchema.nullable(),
  sections: z.array(sectionSchema),
  metrics: z.array(metricComparisonSchema),
  likelyCauses: z.array(causeSchema).describe("Empty when the verdict is identical."),
});

export const diffResultSchema = z.object({
  schema: z.literal(DIFF_SCHEMA),
  tolerance: z.number().nonnegative(),
  allowConfigChange: z.boolean(),
  equivalenceMethod: z.string(),
  verdict: z.enum(VERDICTS).describe("The worst verdict over all comparisons."),
  comparisons: z.array(comparisonSchema).min(1).describe("Each report after the first compared with the first."),
});

export type Difference = z.infer<typeof differenceSchema>;
export type DiffSection = z.infer<typeof sectionSchema>;
export type MetricComparison = z.infer<typeof metricComparisonSchema>;
export type ReportDivergence = z.infer<typeof divergenceSchema>;
export type LikelyCause = z.infer<typeof causeSchema>;
export type ReportRef = z.infer<typeof reportRefSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type DiffResult = z.infer<typeof diffResultSchema>;

/** A difference line without config provenance. */
export function difference(key: string, a: string | null, b: string | null, note: string | null = null): Difference {
  return { key, a, b, aFrom: null, bFrom: null, note };
}

const ORDER: Record<DiffVerdict, number> = { identical: 0, equivalent: 1, different: 2 };

/** The worse of two verdicts (identical < equivalent < different). */
export function worse(x: DiffVerdict, y: DiffVerdict): DiffVerdict {
  return ORDER[y] > ORDER[x] ? y : x;
}

// The data record: what was loaded, from where, how it was decoded, its hashes (DESIGN.md §4) and
// the validation checks with expected vs actual values. One zod schema; types inferred from it, so
// the report schema can embed `dataRecordSchema` as-is.
// Not here: producing the record (real.ts) or the synthetic data description (synthetic.ts).

import { z } from "zod";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "lowercase hex SHA-256");

export const dataSourceKind = z.enum(["configured", "debian", "bundled"]);

export const dataFileRecordSchema = z.object({
  role: z.enum(["images", "labels", "csv"]).describe("What the file holds."),
  path: z.string().describe("Absolute path of the file that was read."),
  bytes: z.number().int().nonnegative().describe("Size as stored."),
  sha256: sha256.describe("SHA-256 of the file as stored (compressed if gzip)."),
  gzip: z.boolean().describe("Whether the file was gzip-compressed."),
  decompressedBytes: z.number().int().nonnegative(),
  decompressedSha256: sha256.describe("SHA-256 after gunzip (equal to sha256 when not compressed)."),
});

export const dataSplitRecordSchema = z.object({
  format: z.enum(["idx", "csv"]),
  rows: z.number().int().nonnegative(),
  features: z.number().int().nonnegative(),
  classCounts: z.array(z.number().int().nonnegative()).describe("Rows per label 0..classes-1."),
  xSha256: sha256.describe("SHA-256 of x as float32 little-endian bytes (row-major)."),
  ySha256: sha256.describe("SHA-256 of y as int32 little-endian bytes."),
  files: z.array(dataFileRecordSchema),
});

const checkValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const dataCheckSchema = z.object({
  name: z.string().describe("Stable check id, e.g. train.features, train.labels-in-range."),
  passed: z.boolean(),
  expected: checkValue,
  actual: checkValue,
});

export const dataRecordSchema = z.object({
  kind: z.literal("real"),
  source: z.object({
    kind: dataSourceKind.describe("configured: dataset_path; debian: dataset-fashion-mnist package; bundled: data/fashion-mnist."),
    path: z.string().describe("The folder or file the data came from."),
    version: z.string().nullable().describe("Dataset/package version when known."),
  }),
  preprocessing: z.string().describe("How raw values became x, e.g. x/255 as float32."),
  features: z.number().int().positive().describe("Expected features (layer_sizes[0])."),
  classes: z.number().int().positive().describe("Expected classes (labels 0..classes-1)."),
  train: dataSplitRecordSchema,
  test: dataSplitRecordSchema.nullable(),
  checks: z.array(dataCheckSchema),
  ok: z.boolean().describe("True when every check passed."),
});

export type DataSourceKind = z.infer<typeof dataSourceKind>;
export type DataFileRecord = z.infer<typeof dataFileRecordSchema>;
export type DataSplitRecord = z.infer<typeof dataSplitRecordSchema>;
export type DataCheck = z.infer<typeof dataCheckSchema>;
export type DataRecord = z.infer<typeof dataRecordSchema>;

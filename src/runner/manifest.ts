// The manifest protocol: an external program may write `repro-audit.json` in its output folder with
// any of `rngState` ({start, end} in NumPy's bit_generator.state form, 128-bit numbers as decimal
// strings), `trace[]` (the core's ledger entries: epoch, step?, loss?, accuracy?, weightsSha256,
// rngSha256, batchOrderSha256), `initialWeightsSha256`, `weightsSha256` and `metrics`. The harness
// then uses each field exactly like the core's (verdict, first divergence, statistics). One zod
// schema, strict, so a misspelt field is an error naming the nearest valid one; a bad manifest
// fails that repeat with the message, it never crashes the run.

import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { nearest } from "../config/suggest.js";
import { pcg64StateSchema, traceEntrySchema } from "../report/schema.js";
import { metricsFromObject, parseJsonLenient, type ParsedMetrics } from "./metrics.js";

export const MANIFEST_FILE = "repro-audit.json";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be a lowercase hex SHA-256 (hashlib.sha256(...).hexdigest())");

const manifestTraceEntry = traceEntrySchema.extend({
  weightsSha256: sha256.nullable().default(null),
  rngSha256: sha256.nullable().default(null),
  batchOrderSha256: sha256.nullable().default(null),
});

export const manifestSchema = z
  .object({
    rngState: z.object({ start: pcg64StateSchema, end: pcg64StateSchema }).strict().optional(),
    trace: z.array(manifestTraceEntry.strict()).optional(),
    initialWeightsSha256: sha256.optional(),
    weightsSha256: sha256.optional(),
    metrics: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const MANIFEST_KEYS = ["rngState", "trace", "initialWeightsSha256", "weightsSha256", "metrics"];

export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ManifestError";
  }
}

export interface Manifest {
  rngState: { start: z.infer<typeof pcg64StateSchema>; end: z.infer<typeof pcg64StateSchema> } | null;
  trace: z.infer<typeof manifestTraceEntry>[];
  initialWeightsSha256: string | null;
  weightsSha256: string | null;
  metrics: ParsedMetrics | null;
}

const marker = (v: unknown) => typeof v === "object" && v !== null && "__nonFinite__" in v;

function issueLine(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) => {
      const near = nearest(k, MANIFEST_KEYS);
      return `${path === "(top level)" ? "" : `${path}.`}${k}: unknown field${near !== undefined && path === "(top level)" ? ` — did you mean "${near}"?` : ""}`;
    }).join("; ");
  }
  const hint = /state\.(state|inc)$/.test(path) && issue.message.includes("string") ? " (write 128-bit integers as decimal strings: str(value); JSON numbers lose their precision)" : "";
  return `${path}: ${issue.message}${hint}`;
}

/** Reads `<outDir>/repro-audit.json` if the program wrote one; null when absent. */
export function readManifest(path: string): Manifest | null {
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = parseJsonLenient(readFileSync(path, "utf8")).value;
  } catch (err) {
    throw new ManifestError(`manifest ${MANIFEST_FILE} is not valid JSON: ${(err as Error).message}`);
  }
  if (raw !== null && typeof raw === "object" && Array.isArray((raw as { trace?: unknown }).trace)) {
    // A NaN loss in the ledger is recorded as null, like the core does.
    for (const e of (raw as { trace: unknown[] }).trace) {
      if (e !== null && typeof e === "object") for (const [k, v] of Object.entries(e)) if (marker(v)) (e as Record<string, unknown>)[k] = null;
    }
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map(issueLine);
    throw new ManifestError(`manifest ${MANIFEST_FILE} does not follow the protocol: ${lines.join("; ")}${parsed.error.issues.length > 5 ? "; …" : ""}`);
  }
  const m = parsed.data;
  return {
    rngState: m.rngState ?? null,
    trace: m.trace ?? [],
    initialWeightsSha256: m.initialWeightsSha256 ?? null,
    weightsSha256: m.weightsSha256 ?? null,
    metrics: m.metrics === undefined ? null : metricsFromObject(m.metrics, `${MANIFEST_FILE} metrics`),
  };
}

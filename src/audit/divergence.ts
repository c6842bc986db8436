// Where two runs parted: walks two repeats' evidence in the order training produced it — data,
// starting RNG state, initial weights, then the trace ledger entry by entry — and names the first
// place and the first hash that differs. Within a ledger entry the batch order is compared before
// the RNG state and the weights, because a different shuffle explains the rest (a cause before its
// effects). Used by the verdict (repeat vs repeat) and by `diff` (report vs report).

import type { RepeatRecord } from "../report/schema.js";

type TraceEntry = RepeatRecord["trace"][number];
export type DivergenceField = "data" | "initialWeights" | "rngState" | "batchOrder" | "weights" | "artifacts" | "metrics" | "status";

export interface Divergence {
  epoch: number | null;
  step: number | null;
  field: DivergenceField;
  detail: string;
}

/** Ledger entries in training order: an epoch's step entries, then its end-of-epoch entry. */
export function ledgerOrder(trace: readonly TraceEntry[]): TraceEntry[] {
  return [...trace].sort((a, b) => a.epoch - b.epoch || (a.step ?? Infinity) - (b.step ?? Infinity));
}

const key = (e: TraceEntry) => `${e.epoch}:${e.step ?? "end"}`;
const where = (e: TraceEntry) => (e.step === undefined ? `end of epoch ${e.epoch}` : `step ${e.step} (epoch ${e.epoch})`);
const short = (h: string | null | undefined) => (h == null ? "none" : h.slice(0, 12));

/**
 * The first artifact (by path) whose hash differs between two repeats, as "path: hashA vs hashB",
 * or null. Only `artifacts`: the repeat's `logs` (stdout/stderr) are evidence, not outcome.
 */
export function artifactDifference(a: RepeatRecord, b: RepeatRecord): string | null {
  const bm = new Map(b.artifacts.map((x) => [x.path, x.sha256]));
  const am = new Map(a.artifacts.map((x) => [x.path, x.sha256]));
  for (const x of a.artifacts) {
    if (!bm.has(x.path)) return `${x.path} exists only on one side`;
    if (bm.get(x.path) !== x.sha256) return `${x.path}: ${short(x.sha256)} vs ${short(bm.get(x.path))}`;
  }
  for (const x of b.artifacts) if (!am.has(x.path)) return `${x.path} exists only on one side`;
  return null;
}

/** The first difference of `b` from `a`, or null when every recorded hash and metric agrees. */
export function firstDivergence(a: RepeatRecord, b: RepeatRecord): Divergence | null {
  const at0 = (field: DivergenceField, detail: string): Divergence => ({ epoch: 0, step: null, field, detail });
  if (a.status !== b.status) return { epoch: null, step: null, field: "status", detail: `status ${a.status} vs ${b.status}` };
  if (a.data !== null && b.data !== null && (a.data.xSha256 !== b.data.xSha256 || a.data.ySha256 !== b.data.ySha256)) {
    return at0("data", `data x ${short(a.data.xSha256)} vs ${short(b.data.xSha256)}, y ${short(a.data.ySha256)} vs ${short(b.data.ySha256)}`);
  }
  if (a.rng !== null && b.rng !== null && a.rng.startSha256 !== b.rng.startSha256) return at0("rngState", `starting RNG state ${short(a.rng.startSha256)} vs ${short(b.rng.startSha256)}`);
  if (a.initialWeightsSha256 !== b.initialWeightsSha256) return at0("initialWeights", `initial weights ${short(a.initialWeightsSha256)} vs ${short(b.initialWeightsSha256)}`);

  const bByKey = new Map(b.trace.map((e) => [key(e), e]));
  for (const ea of ledgerOrder(a.trace)) {
    const eb = bByKey.get(key(ea));
    if (eb === undefined) continue;
    const pos = { epoch: ea.epoch, step: ea.step ?? null };
    if (ea.batchOrderSha256 !== eb.batchOrderSha256) return { ...pos, field: "batchOrder", detail: `batch order at ${where(ea)}: ${short(ea.batchOrderSha256)} vs ${short(eb.batchOrderSha256)}` };
    if (ea.rngSha256 !== eb.rngSha256) return { ...pos, field: "rngState", detail: `RNG state at ${where(ea)}: ${short(ea.rngSha256)} vs ${short(eb.rngSha256)}` };
    if (ea.weightsSha256 !== eb.weightsSha256) return { ...pos, field: "weights", detail: `weights at ${where(ea)}: ${short(ea.weightsSha256)} vs ${short(eb.weightsSha256)}` };
  }
  if (a.weightsSha256 !== b.weightsSha256) return { epoch: null, step: null, field: "weights", detail: `final weights ${short(a.weightsSha256)} vs ${short(b.weightsSha256)} (the ledgers agree wherever both have entries)` };
  const art = artifactDifference(a, b);
  if (art !== null) return { epoch: null, step: null, field: "artifacts", detail: `artifact ${art}` };
  for (const m of Object.keys(a.metrics).sort()) {
    if (a.metrics[m] !== b.metrics[m]) return { epoch: null, step: null, field: "metrics", detail: `metric ${m}: ${a.metrics[m]} vs ${b.metrics[m]}` };
  }
  return null;
}

/** Orders divergences: earlier in training first; unknown positions (null epoch) last. */
export function compareDivergence(x: Divergence, y: Divergence): number {
  const ex = x.epoch ?? Infinity;
  const ey = y.epoch ?? Infinity;
  return ex - ey || (x.step ?? Infinity) - (y.step ?? Infinity);
}

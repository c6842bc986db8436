// Repeat-by-repeat sections of a diff: initial and final weight hashes per repeat, and the trace
// ledgers entry by entry. Repeats are paired by index (repeat i of A with repeat i of B). Where a
// pair parted is found by firstDivergence (divergence.ts): data, starting RNG state, initial
// weights, then the ledger with batch order before RNG state before weights — the localisation
// a user otherwise gets only by re-running.

import type { RepeatRecord, Report } from "../../report/schema.js";
import { compareDivergence, firstDivergence } from "../divergence.js";
import { difference, type DiffSection, type Difference, type ReportDivergence } from "./model.js";

type TraceEntry = RepeatRecord["trace"][number];
const key = (e: TraceEntry) => `${e.epoch}:${e.step ?? "end"}`;
const where = (e: TraceEntry) => (e.step === undefined ? `epoch ${e.epoch}` : `epoch ${e.epoch} step ${e.step}`);

export interface RepeatPairs {
  pairs: [RepeatRecord, RepeatRecord][];
  onlyA: RepeatRecord[];
  onlyB: RepeatRecord[];
}

export function pairRepeats(a: Report, b: Report): RepeatPairs {
  const byIndex = new Map(b.repeats.map((r) => [r.index, r]));
  const inA = new Set(a.repeats.map((r) => r.index));
  const pairs: [RepeatRecord, RepeatRecord][] = [];
  for (const r of [...a.repeats].sort((x, y) => x.index - y.index)) {
    const o = byIndex.get(r.index);
    if (o !== undefined) pairs.push([r, o]);
  }
  return {
    pairs,
    onlyA: a.repeats.filter((r) => !byIndex.has(r.index)).sort((x, y) => x.index - y.index),
    onlyB: b.repeats.filter((r) => !inA.has(r.index)).sort((x, y) => x.index - y.index),
  };
}

/** Per repeat: status, seed, initial and final weight hashes, ending RNG state. */
export function weightsSection(p: RepeatPairs): DiffSection {
  const out: Difference[] = [];
  for (const [a, b] of p.pairs) {
    const r = `repeat ${a.index}`;
    if (a.status !== b.status) out.push(difference(`${r} status`, a.status, b.status, b.error?.rootCause ?? a.error?.rootCause ?? null));
    if (a.seed !== b.seed) out.push(difference(`${r} seed`, String(a.seed), String(b.seed)));
    if (a.initialWeightsSha256 !== b.initialWeightsSha256) out.push(difference(`${r} initial weights`, a.initialWeightsSha256, b.initialWeightsSha256));
    if (a.weightsSha256 !== b.weightsSha256) out.push(difference(`${r} final weights`, a.weightsSha256, b.weightsSha256));
  }
  for (const r of p.onlyA) out.push(difference(`repeat ${r.index}`, r.status, null, "only in A"));
  for (const r of p.onlyB) out.push(difference(`repeat ${r.index}`, null, r.status, "only in B"));
  return { id: "weights", group: "repeats", title: "Weights per repeat", differences: out, note: null };
}

/** Ledger entries of a pair that differ in any hash, and entries on one side only. */
function ledgerCounts(a: RepeatRecord, b: RepeatRecord): { differing: number; total: number; oneSided: number } {
  const mb = new Map(b.trace.map((e) => [key(e), e]));
  const ka = new Set(a.trace.map(key));
  let differing = 0;
  for (const e of a.trace) {
    const o = mb.get(key(e));
    if (o !== undefined && (o.batchOrderSha256 !== e.batchOrderSha256 || o.rngSha256 !== e.rngSha256 || o.weightsSha256 !== e.weightsSha256)) differing++;
  }
  const oneSided = a.trace.filter((e) => !mb.has(key(e))).length + b.trace.filter((e) => !ka.has(key(e))).length;
  return { differing, total: Math.max(a.trace.length, b.trace.length), oneSided };
}

const AGREE: Record<string, string> = {
  batchOrder: "the batch order is the first hash to differ",
  rngState: "batch order agrees; the RNG state is the first hash to differ",
  weights: "batch order and RNG state agree; the weights are the first hash to differ",
};

/** The first divergence of each repeat pair (null when a pair agrees everywhere). */
export function pairDivergences(p: RepeatPairs): (ReportDivergence | null)[] {
  return p.pairs.map(([a, b]) => {
    const d = firstDivergence(a, b);
    return d === null ? null : { repeat: a.index, ...d };
  });
}

/** Earliest in training, ties to the lower repeat index. */
export function earliest(ds: readonly (ReportDivergence | null)[]): ReportDivergence | null {
  let best: ReportDivergence | null = null;
  for (const d of ds) if (d !== null && (best === null || compareDivergence(d, best) < 0)) best = d;
  return best;
}

/** One line per repeat pair whose evidence differs: where it parted and which hash differed first. */
export function traceSection(p: RepeatPairs, divergences: readonly (ReportDivergence | null)[]): DiffSection {
  const out: Difference[] = [];
  p.pairs.forEach(([a, b], i) => {
    const d = divergences[i] ?? null;
    const c = ledgerCounts(a, b);
    if (d === null && c.oneSided === 0) return;
    const counts = `${c.differing} of ${c.total} ledger entries differ${c.oneSided > 0 ? `; ${c.oneSided} on one side only (different --trace-every?)` : ""}`;
    if (d === null) {
      out.push(difference(`repeat ${a.index}`, null, null, `ledgers agree where both have entries; ${counts}`));
      return;
    }
    const entry = d.epoch === null ? undefined : a.trace.find((e) => e.epoch === d.epoch && (e.step ?? null) === d.step);
    const other = entry === undefined ? undefined : b.trace.find((e) => key(e) === key(entry));
    const pick = (e: TraceEntry | undefined) =>
      e === undefined ? null : d.field === "batchOrder" ? e.batchOrderSha256 : d.field === "rngState" ? e.rngSha256 : d.field === "weights" ? e.weightsSha256 : null;
    const what = entry !== undefined && AGREE[d.field] !== undefined ? `first divergence at ${where(entry)}: ${AGREE[d.field]}` : `first divergence${d.epoch === 0 ? " before training" : ""}: ${d.detail}`;
    out.push(difference(`repeat ${a.index}`, pick(entry), pick(other), `${what}; ${counts}`));
  });
  return { id: "trace", group: "trace", title: "Trace ledgers", differences: out, note: "Entry by entry in training order; within an entry batch order, then RNG state, then weights." };
}

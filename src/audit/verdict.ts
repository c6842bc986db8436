// The verdict (DESIGN.md §5): `identical` when every repeat of a seed ends with the same weight
// hash (or, for external programs, the same artifact hashes); `within-tolerance` when hashes
// differ but every functional metric agrees within the relative tolerance; otherwise
// `not-reproducible`. A failed repeat makes the run not reproducible. With several seeds, only
// repeats of the same seed are compared: different seeds are supposed to differ.

import type { RepeatRecord, Verdict } from "../report/schema.js";
import { artifactDifference, compareDivergence, firstDivergence, type Divergence } from "./divergence.js";

/**
 * The fingerprint a repeat's outcome is judged by: final weights, else the artifact hashes. A
 * command run's stdout/stderr hashes are kept apart in `logs` and never enter it: identical runs
 * may print timestamps or timings (divergence.ts artifactDifference ignores them likewise).
 */
export function outcomeHash(r: RepeatRecord): string {
  if (r.weightsSha256 !== null) return r.weightsSha256;
  return r.artifacts.map((a) => `${a.path}=${a.sha256}`).sort().join(";");
}

/** |x - ref| <= tol * max(|x|, |ref|): symmetric relative tolerance; equal values always pass. */
export function withinTolerance(x: number | null, ref: number | null, tol: number): boolean {
  if (x === null || ref === null) return x === ref;
  return x === ref || Math.abs(x - ref) <= tol * Math.max(Math.abs(x), Math.abs(ref));
}

export function groupBySeed(repeats: readonly RepeatRecord[]): Map<number, RepeatRecord[]> {
  const groups = new Map<number, RepeatRecord[]>();
  for (const r of [...repeats].sort((a, b) => a.index - b.index)) {
    const g = groups.get(r.seed) ?? [];
    g.push(r);
    groups.set(r.seed, g);
  }
  return groups;
}

export function computeVerdict(repeats: readonly RepeatRecord[], tolerance: number): Verdict {
  const failed = repeats.filter((r) => r.status === "failed").map((r) => r.index);
  let first: (Divergence & { repeat: number; comparedWith: number }) | null = null;
  const consider = (d: Divergence, repeat: number, comparedWith: number) => {
    if (first === null || compareDivergence(d, first) < 0 || (compareDivergence(d, first) === 0 && repeat < first.repeat)) first = { ...d, repeat, comparedWith };
  };
  let hashesDiffer = false;
  // External programs (runner: command): the verdict names the first artifact that differs too.
  let firstArtifact: string | null = null;
  const outOfTolerance: string[] = [];
  for (const group of groupBySeed(repeats).values()) {
    const ok = group.filter((r) => r.status === "ok");
    for (const r of group) if (r.status === "failed") consider({ epoch: null, step: null, field: "status", detail: `repeat ${r.index} failed: ${r.error?.rootCause ?? "unknown cause"}` }, r.index, ok[0]?.index ?? group.find((x) => x.index !== r.index)?.index ?? r.index);
    const ref = ok[0];
    if (ref === undefined) continue;
    for (const r of ok.slice(1)) {
      if (outcomeHash(r) === outcomeHash(ref)) continue;
      hashesDiffer = true;
      if (firstArtifact === null && r.command !== undefined) firstArtifact = artifactDifference(ref, r);
      const d = firstDivergence(ref, r);
      if (d !== null) consider(d, r.index, ref.index);
      for (const m of Object.keys(ref.metrics)) {
        if (!withinTolerance(r.metrics[m] ?? null, ref.metrics[m] ?? null, tolerance)) outOfTolerance.push(`${m} of repeat ${r.index} (${r.metrics[m]} vs ${ref.metrics[m]})`);
      }
    }
  }
  const firstDivergenceOut = first;
  const base = { tolerance, failedRepeats: failed, firstDivergence: firstDivergenceOut };
  if (failed.length > 0) {
    return { ...base, status: "not-reproducible", reason: `${failed.length} of ${repeats.length} repeats failed (${failed.map((i) => `#${i}`).join(", ")}); a run that does not complete does not reproduce.` };
  }
  const which = firstArtifact === null ? "" : ` (first differing artifact: ${firstArtifact})`;
  if (!hashesDiffer) return { ...base, status: "identical", reason: "Every repeat of each seed ended with the same hashes, bit for bit." };
  if (outOfTolerance.length === 0) {
    return { ...base, status: "within-tolerance", reason: `Final hashes differ${which}, but every functional metric agrees within the relative tolerance ${tolerance}.` };
  }
  return { ...base, status: "not-reproducible", reason: `Final hashes differ${which} and ${outOfTolerance.length} metric value(s) fall outside the relative tolerance ${tolerance}: ${outOfTolerance.slice(0, 3).join("; ")}${outOfTolerance.length > 3 ? "; …" : ""}.` };
}

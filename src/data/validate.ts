// Validation of decoded real data, as the reference project does it: feature count (= layer_sizes[0]),
// label range 0..classes-1, a minimum number of training rows (dataset_min_rows), and an optional
// expected SHA-256 (dataset_sha256) that may name any data file as stored or decompressed, or the
// decoded x or y of either split. Each check is data: {name, passed, expected, actual}.
// Not here: parse errors (bad bytes are DataErrors thrown by idx.ts / csv.ts / gzip.ts).

import type { DataCheck, DataSplitRecord } from "./record.js";
import type { RealDataSpec } from "./spec.js";

export interface SplitForChecks {
  name: "train" | "test";
  y: Int32Array;
  record: DataSplitRecord;
}

/** Rows per class 0..classes-1 (labels outside the range are not counted). */
export function classCounts(y: Int32Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < y.length; i++) {
    const c = y[i]!;
    if (c >= 0 && c < classes) counts[c]!++;
  }
  return counts;
}

function labelRange(y: Int32Array): [number, number] | null {
  if (y.length === 0) return null;
  let lo = y[0]!, hi = y[0]!;
  for (let i = 1; i < y.length; i++) {
    const v = y[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

function splitChecks(spec: RealDataSpec, s: SplitForChecks): DataCheck[] {
  const range = labelRange(s.y);
  return [
    { name: `${s.name}.features`, passed: s.record.features === spec.features, expected: spec.features, actual: s.record.features },
    {
      name: `${s.name}.labels-in-range`,
      passed: range === null || (range[0] >= 0 && range[1] < spec.classes),
      expected: `0..${spec.classes - 1}`,
      actual: range === null ? "no rows" : `${range[0]}..${range[1]}`,
    },
  ];
}

/** Where an expected SHA-256 matches, or null. */
function findHash(want: string, splits: SplitForChecks[]): string | null {
  for (const s of splits) {
    for (const f of s.record.files) {
      if (f.sha256 === want) return `${s.name} ${f.role} file as stored (${f.path})`;
      if (f.decompressedSha256 === want) return `${s.name} ${f.role} file decompressed (${f.path})`;
    }
    if (s.record.xSha256 === want) return `${s.name} x (float32)`;
    if (s.record.ySha256 === want) return `${s.name} y (int32)`;
  }
  return null;
}

/** Every check for the loaded splits, in a fixed order. */
export function runChecks(spec: RealDataSpec, train: SplitForChecks, test: SplitForChecks | null): DataCheck[] {
  const checks: DataCheck[] = [...splitChecks(spec, train)];
  checks.push({ name: "train.min-rows", passed: train.record.rows >= spec.minRows, expected: `>= ${spec.minRows}`, actual: train.record.rows });
  if (test !== null) checks.push(...splitChecks(spec, test));
  if (spec.sha256 !== null) {
    const want = spec.sha256.toLowerCase();
    const where = findHash(want, test === null ? [train] : [train, test]);
    checks.push({
      name: "sha256",
      passed: where !== null,
      expected: want,
      actual: where === null ? `no match (train file ${train.record.files[0]?.sha256 ?? "?"}, train x ${train.record.xSha256})` : `matches ${where}`,
    });
  }
  return checks;
}

const HINTS: Record<string, string> = {
  features: "make layer_sizes[0] equal the number of pixel columns, or use 28x28 data",
  "labels-in-range": "labels must be class numbers 0..classes-1; check the label column/file or the last layer size",
  "min-rows": "use the full dataset or lower dataset_min_rows",
  sha256: "the data differs from what dataset_sha256 pins: fetch the right files, or update dataset_sha256 after checking them",
};

/** One paragraph listing the failed checks with expected vs actual and a fix for each. */
export function describeFailures(checks: DataCheck[], where: string): string {
  const failed = checks.filter((c) => !c.passed);
  const parts = failed.map((c) => {
    const key = c.name.includes(".") ? c.name.slice(c.name.indexOf(".") + 1) : c.name;
    return `${c.name}: expected ${String(c.expected)}, found ${String(c.actual)} (${HINTS[key] ?? "see the data record"})`;
  });
  return `The dataset from ${where} failed ${failed.length} validation check${failed.length === 1 ? "" : "s"}: ${parts.join("; ")}. Run \`repro-audit data verify\` to see every check.`;
}

// Small helpers for turning two records into difference lines: value-to-text, field-by-field
// comparison of flat objects, and flattening of nested records (data fingerprints) to dotted
// paths. Arrays of objects that carry a `name` or `role` are keyed by it, so a reordered or
// extra validation check shows as one line, not a cascade of index shifts.

import { formatBytes } from "../../io/format.js";
import { difference, type Difference } from "./model.js";

/** A value as one line of text; null/undefined become null (shown as "unset" by renderers). */
export function show(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** One line per key whose values differ (compared by their text), keys in the order given. */
export function compareFields<T extends object>(prefix: string, a: T, b: T, keys: readonly (keyof T & string)[]): Difference[] {
  const out: Difference[] = [];
  for (const k of keys) {
    const va = show(a[k]);
    const vb = show(b[k]);
    if (va !== vb) out.push(difference(prefix === "" ? k : `${prefix}.${k}`, va, vb));
  }
  return out;
}

/** Leaves of a JSON-like value as [dotted path, text]; see the header for array keys. */
export function flatten(value: unknown, prefix = ""): [string, string | null][] {
  if (value === null || typeof value !== "object") return [[prefix, show(value)]];
  const out: [string, string | null][] = [];
  const join = (k: string) => (prefix === "" ? k : `${prefix}.${k}`);
  if (Array.isArray(value)) {
    const keyed = value.length > 0 && value.every((x) => x !== null && typeof x === "object" && typeof (x.name ?? x.role) === "string");
    if (!keyed) return [[prefix, show(value)]];
    for (const x of value) out.push(...flatten(x, `${prefix}[${x.name ?? x.role}]`));
    return out;
  }
  for (const [k, v] of Object.entries(value)) out.push(...flatten(v, join(k)));
  return out;
}

/** Differences between two nested records by flattened path: A's order first, then B-only paths. */
export function compareFlattened(a: unknown, b: unknown, prefix = ""): Difference[] {
  const fa = flatten(a, prefix);
  const fb = new Map(flatten(b, prefix));
  const seen = new Set<string>();
  const out: Difference[] = [];
  for (const [k, va] of fa) {
    seen.add(k);
    const vb = fb.has(k) ? fb.get(k)! : null;
    if (va !== vb) out.push(difference(k, va, vb, fb.has(k) ? null : "only in A"));
  }
  for (const [k, vb] of fb) if (!seen.has(k) && vb !== null) out.push(difference(k, null, vb, "only in B"));
  return out;
}

/** Short form of a SHA-256 (or any long hash) for lines meant to be read. */
export function shortHash(h: string | null | undefined): string | null {
  return h == null ? null : h.length > 16 ? `${h.slice(0, 12)}…` : h;
}

export function bytesText(n: number): string {
  return `${n} bytes (${formatBytes(n)})`;
}

// Reading an external program's metrics: a JSON file it writes, or `<prefix> name=value` lines on
// its stdout. Every numeric top-level field of the file is a metric under its own name (averaged
// across repeats by the statistics); anything else (nested objects, strings, booleans) is kept in
// `extra`, recorded but not averaged. NaN/Infinity (which Python's json.dump writes by default)
// become null and are listed in `nonFinite`, like the core's non-finite losses. Pure functions plus
// one file read; errors are MetricsError with a message that says what to fix.

import { readFileSync } from "node:fs";

export class MetricsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MetricsError";
  }
}

export interface ParsedMetrics {
  metrics: Record<string, number | null>;
  nonFinite: string[];
  extra: Record<string, unknown>;
}

// Python's json module writes these bare tokens for non-finite floats (json.dumps allow_nan=True).
const NON_FINITE_TOKEN = /([:[,]\s*)(-?Infinity|NaN)(?=\s*[,}\]])/g;

/** Parses JSON, tolerating Python's NaN/Infinity/-Infinity tokens outside strings (read as null). */
export function parseJsonLenient(text: string): { value: unknown; nonFinitePaths: boolean } {
  try {
    return { value: JSON.parse(text), nonFinitePaths: false };
  } catch (first) {
    // Replace tokens only outside strings: split on string literals and patch the gaps.
    const parts = text.split(/("(?:[^"\\]|\\.)*")/);
    const patched = parts.map((p, i) => (i % 2 === 1 ? p : p.replace(NON_FINITE_TOKEN, '$1{"__nonFinite__":"$2"}'))).join("");
    if (patched === text) throw first;
    return { value: JSON.parse(patched), nonFinitePaths: true };
  }
}

const isNonFiniteMarker = (v: unknown): v is { __nonFinite__: string } => typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as Record<string, unknown>)["__nonFinite__"] === "string" && Object.keys(v).length === 1;

function restoreMarkers(v: unknown): unknown {
  if (isNonFiniteMarker(v)) return v.__nonFinite__;
  if (Array.isArray(v)) return v.map(restoreMarkers);
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, restoreMarkers(x)]));
  return v;
}

/** Splits a metrics object into averaged numbers (sorted by name) and recorded-only extras. */
export function metricsFromObject(obj: unknown, where: string): ParsedMetrics {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) throw new MetricsError(`${where} must hold a JSON object such as {"loss": 0.42, "accuracy": 0.9}, not ${Array.isArray(obj) ? "a list" : obj === null ? "null" : typeof obj}`);
  const out: ParsedMetrics = { metrics: {}, nonFinite: [], extra: {} };
  for (const key of Object.keys(obj).sort()) {
    const v = (obj as Record<string, unknown>)[key];
    if (typeof v === "number") out.metrics[key] = v;
    else if (isNonFiniteMarker(v)) {
      out.metrics[key] = null;
      out.nonFinite.push(key);
    } else out.extra[key] = restoreMarkers(v);
  }
  return out;
}

/** Reads the metrics file a program wrote; a missing or malformed file is a MetricsError. */
export function readMetricsFile(path: string, shownAs: string): ParsedMetrics {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new MetricsError(code === "ENOENT" ? `the program wrote no metrics file ${shownAs} (looked for ${path})` : `cannot read metrics file ${path}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = parseJsonLenient(text).value;
  } catch (err) {
    throw new MetricsError(`metrics file ${shownAs} is not valid JSON: ${(err as Error).message}`);
  }
  return metricsFromObject(value, `metrics file ${shownAs}`);
}

function numberOf(text: string): number | null | undefined {
  const t = text.trim().toLowerCase();
  if (["nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"].includes(t)) return null;
  if (t === "" || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/**
 * Metrics from stdout lines `<prefix> name=value [name=value …]` (e.g. `METRIC loss=0.42`); the
 * last value of a name wins (a program that prints per epoch ends with the final value). A value
 * that is not a number is kept in `extra`. No matching line is a MetricsError.
 */
export function parseStdoutMetrics(stdout: string, prefix: string): ParsedMetrics {
  const found: Record<string, number | null | string> = {};
  let lines = 0;
  for (const line of stdout.split(/\r?\n/)) {
    if (!line.startsWith(prefix)) continue;
    const rest = line.slice(prefix.length);
    if (rest !== "" && !/^[\s:]/.test(rest)) continue; // "METRICS" does not match prefix "METRIC"
    lines++;
    for (const pair of rest.replace(/^:/, "").trim().split(/\s+/)) {
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const n = numberOf(pair.slice(eq + 1));
      found[name] = n === undefined ? pair.slice(eq + 1) : n;
    }
  }
  if (lines === 0) throw new MetricsError(`no line on stdout starts with "${prefix}"; print lines like "${prefix} loss=0.42"`);
  const out: ParsedMetrics = { metrics: {}, nonFinite: [], extra: {} };
  for (const name of Object.keys(found).sort()) {
    const v = found[name]!;
    if (typeof v === "string") out.extra[name] = v;
    else {
      out.metrics[name] = v;
      if (v === null) out.nonFinite.push(name);
    }
  }
  if (Object.keys(out.metrics).length === 0) throw new MetricsError(`the "${prefix}" lines on stdout hold no numeric name=value pair; print e.g. "${prefix} loss=0.42"`);
  return out;
}

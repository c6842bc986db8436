// A small check of a version against an npm `engines` range, for the forms package.json files
// use for Node: comparators (>=, >, <=, <, =), caret (^) and tilde (~) ranges, partial versions
// (20, 20.19), `*`/`x`, space-separated comparators (AND) and `||` alternatives, following the
// node-semver README ("Ranges", "Advanced Range Syntax"). Not supported, reported as null:
// hyphen ranges (1.2 - 2.3), prerelease tags, x in the middle of a version. A dependency on
// `semver` would cover those; engines.node in practice never needs them.

type Triple = [number, number, number];

interface LooseVersion {
  parts: number[]; // 0 to 3 numbers given
}

function parsePartial(text: string): LooseVersion | null {
  const t = text.replace(/^v/, "");
  if (t === "" || t === "*" || t === "x" || t === "X") return { parts: [] };
  const m = /^(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?$/.exec(t);
  if (m === null) return null;
  const parts: number[] = [];
  for (const g of [m[1], m[2], m[3]]) {
    if (g === undefined || /^[xX*]$/.test(g)) break;
    parts.push(Number(g));
  }
  return { parts };
}

function cmp(a: Triple, b: Triple): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

function floor(p: LooseVersion): Triple {
  return [p.parts[0] ?? 0, p.parts[1] ?? 0, p.parts[2] ?? 0];
}

/** First version above everything the partial version names: 20 -> 21.0.0, 20.1 -> 20.2.0. */
function ceiling(p: LooseVersion): Triple | null {
  const [a = 0, b = 0, c = 0] = p.parts;
  if (p.parts.length === 0) return null;
  if (p.parts.length === 1) return [a + 1, 0, 0];
  if (p.parts.length === 2) return [a, b + 1, 0];
  return [a, b, c + 1];
}

/** One comparator as [lower inclusive, upper exclusive] bounds (null = unbounded). */
function bounds(comp: string): { lo: Triple | null; hi: Triple | null } | null {
  const m = /^(>=|<=|>|<|=|\^|~>?|)(.*)$/.exec(comp);
  if (m === null) return null;
  const op = m[1] ?? "";
  const p = parsePartial(m[2] ?? "");
  if (p === null) return null;
  const lo = floor(p);
  const [a, b, c] = lo;
  switch (op) {
    case ">=":
      return { lo, hi: null };
    case ">":
      return { lo: p.parts.length === 3 ? [a, b, c + 1] : ceiling(p), hi: null };
    case "<":
      return { lo: null, hi: lo };
    case "<=":
      return { lo: null, hi: ceiling(p) };
    case "^": {
      if (p.parts.length === 0) return { lo: null, hi: null };
      const hi: Triple = a > 0 || p.parts.length === 1 ? [a + 1, 0, 0] : b > 0 || p.parts.length === 2 ? [0, b + 1, 0] : [0, 0, c + 1];
      return { lo, hi };
    }
    case "~":
    case "~>":
      return { lo, hi: p.parts.length >= 2 ? [a, b + 1, 0] : ceiling(p) };
    default: // "=" or bare: exact when complete, the named span when partial
      return { lo, hi: ceiling(p) };
  }
}

/**
 * True/false when `version` (e.g. "20.19.0" or "v20.19.0") satisfies `range`; null when the
 * range or the version uses a form this checker does not understand.
 */
export function satisfiesNodeRange(version: string, range: string): boolean | null {
  const v = parsePartial(version.trim());
  if (v === null || v.parts.length !== 3) return null;
  const ver = floor(v);
  let any = false;
  for (const alt of range.split("||")) {
    const comps = alt.trim().replace(/(>=|<=|>|<|=|\^|~>?)\s+/g, "$1").split(/\s+/).filter((s) => s !== "");
    let ok = true;
    for (const comp of comps.length === 0 ? ["*"] : comps) {
      const bnd = bounds(comp);
      if (bnd === null) return null;
      if ((bnd.lo !== null && cmp(ver, bnd.lo) < 0) || (bnd.hi !== null && cmp(ver, bnd.hi) >= 0)) ok = false;
    }
    if (ok) any = true;
  }
  return any;
}

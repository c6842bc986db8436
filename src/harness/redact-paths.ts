// Paths under the user's home folder name the user (/home/alice/…). Reports carry no host
// identifiers by default (DESIGN.md §7), so with redaction on every string in the report that
// contains the home folder has it replaced by "~". Paths elsewhere (/usr/share/…, /tmp/…) stay.
// When that changes the experiment's config (a dataset_path under home), its hash is taken over
// the redacted config, so the report stays self-consistent (and equal across users' homes).

import { homedir } from "node:os";
import { sha256Canonical } from "../io/hash.js";
import type { Report } from "../report/schema.js";

/** A deep copy of `value` with `${home}/` replaced by `~/` in every string (and `home` alone by `~`). */
export function redactHomePaths<T>(value: T, home: string = homedir()): T {
  const h = home.replace(/\/+$/, "");
  if (h.length < 2) return value;
  const fix = (s: string) => (s === h ? "~" : s.split(`${h}/`).join("~/"));
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return fix(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [fix(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** redactHomePaths for a report, with the config hash recomputed when the config changed. */
export function redactReport(report: Report, home: string = homedir()): Report {
  const out = redactHomePaths(report, home);
  if (sha256Canonical(out.experiment.config) !== sha256Canonical(report.experiment.config)) {
    out.experiment.configSha256 = sha256Canonical(out.experiment.config);
  }
  return out;
}

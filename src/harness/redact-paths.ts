// Paths under the user's home folder name the user (/home/alice/…). Reports carry no host
// identifiers by default (DESIGN.md §7), so with redaction on every string in the report that
// contains the home folder has it replaced by "~". Paths elsewhere (/usr/share/…, /tmp/…) stay.
// When that changes the experiment's config (a dataset_path under home), its hash is taken over
// the redacted config, so the report stays self-consistent (and equal across users' homes).
// Also with redaction on: the values of an experiment's `env` entries (runner: command) whose
// names look secret (HF_TOKEN, AWS_SECRET_ACCESS_KEY, DB_PASSWORD, …: env/variables.ts SECRET_NAME,
// plus KEY/AUTH/PASS/COOKIE/SESSION) are replaced by "redacted:sha256:<hex>" (env/redact.ts
// hashIdentifier), so a report can be published without the token.

import { homedir } from "node:os";
import { sha256Canonical } from "../io/hash.js";
import type { Report } from "../report/schema.js";
import { hashIdentifier, REDACTED_PREFIX } from "./env/redact.js";
import { SECRET_NAME } from "./env/variables.js";

/** Whether an environment variable's name looks like it holds a credential. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) || /KEY|AUTH|PASS|COOKIE|SESSION/i.test(name);
}

/** `env` with the values of secret-looking names hashed (already-redacted values stay as they are). */
export function redactSecretEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, isSecretName(k) && !v.startsWith(REDACTED_PREFIX) ? hashIdentifier(v) : v]));
}

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

/** redactHomePaths and redactSecretEnv for a report, with the config hash recomputed when the config changed. */
export function redactReport(report: Report, home: string = homedir()): Report {
  // Secrets first, so the hash is of the value as configured (before home paths become ~).
  const config = { ...report.experiment.config, env: redactSecretEnv(report.experiment.config.env) };
  const out = redactHomePaths({ ...report, experiment: { ...report.experiment, config } }, home);
  if (sha256Canonical(out.experiment.config) !== sha256Canonical(report.experiment.config)) {
    out.experiment.configSha256 = sha256Canonical(out.experiment.config);
  }
  return out;
}

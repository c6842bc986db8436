// Host identifiers (hostname, MAC addresses, serials, UUIDs, machine-id) are pseudonymised in
// reports by default (DESIGN.md §7). The hash is SHA-256 over a fixed, public, per-tool salt
// followed by the identifier:
//
//   "redacted:sha256:" + hex(SHA-256(utf8("repro-audit/host-id/v1:" + identifier)))
//
// Being fixed, it lets two reports from the same host be matched (their hostnames hash equal)
// without printing the name. It is pseudonymisation, not anonymity: a short, guessable
// identifier can be confirmed by hashing a guess. Use --no-redact to record raw values.

import { createHash } from "node:crypto";

export const HOST_ID_SALT = "repro-audit/host-id/v1:";
export const REDACTED_PREFIX = "redacted:sha256:";

/** Values that systeminformation returns when it does not know; recorded as null. */
const PLACEHOLDERS = new Set(["", "-", "unknown", "not specified", "default string", "to be filled by o.e.m.", "none"]);

export function isPlaceholder(value: string | null | undefined): boolean {
  return value === null || value === undefined || PLACEHOLDERS.has(value.trim().toLowerCase());
}

export function hashIdentifier(identifier: string): string {
  return REDACTED_PREFIX + createHash("sha256").update(HOST_ID_SALT + identifier, "utf8").digest("hex");
}

/** The identifier as it goes into a report: null when unknown, hashed when redacting. */
export function hostIdentifier(value: string | null | undefined, redact: boolean): string | null {
  if (isPlaceholder(value)) return null;
  const v = (value as string).trim();
  return redact ? hashIdentifier(v) : v;
}

/** MAC addresses, lowercased, without all-zero/placeholder entries, deduplicated and sorted. */
export function macList(macs: readonly string[], redact: boolean): string[] {
  const clean = [...new Set(macs.map((m) => m.trim().toLowerCase()))].filter(
    (m) => !isPlaceholder(m) && !/^[0:]+$/.test(m),
  );
  clean.sort();
  const out = clean.map((m) => (redact ? hashIdentifier(m) : m));
  return redact ? out.sort() : out;
}

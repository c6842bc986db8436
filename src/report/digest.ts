// The report digest (DESIGN.md §4): SHA-256, lowercase hex, of the RFC 8785 canonical JSON of the
// report with its `signoffs` key removed (removed, not set to []). Everything else — checklist
// included — is covered, so changing any number after a sign-off changes the digest. Manual
// checklist decisions live in the sign-offs (src/checklist/status.ts), so adding a sign-off never
// changes the digest that earlier sign-offs recorded.
// Computed over the JSON as read (not the schema-parsed value), so no parse-time normalisation
// can hide an edit.

import { sha256Canonical } from "../io/hash.js";

/** The part of a report that sign-offs cover: a shallow copy without `signoffs`. */
export function digestedPart(report: object): Record<string, unknown> {
  const { signoffs: _omitted, ...rest } = report as Record<string, unknown>;
  return rest;
}

/** SHA-256 of the canonical JSON of the report without its sign-offs. */
export function reportDigest(report: object): string {
  return sha256Canonical(digestedPart(report));
}

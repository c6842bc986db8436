// Sign-offs and their verification, side by side. A sign-off is {by, role, at, items, reportDigest,
// publicKey, signature}: a person's decisions on manual checklist items plus the digest of the
// report they saw (digest.ts). With a private key it is signed with Ed25519 (RFC 8032, node:crypto;
// keys as PEM: PKCS#8 private, SPKI public).
//
// What is signed: the UTF-8 bytes of the RFC 8785 canonical JSON of
//   { ...signoff without "signature", "priorSignoffsSha256": sha256Canonical(signoffs before it) }
// so a signature also pins every earlier sign-off: editing or deleting an earlier sign-off breaks
// the later signatures. (Deleting the last sign-offs cannot be detected by the report alone.)

import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { canonicalJson, sha256Canonical } from "../io/hash.js";
import { UsageError, ArtifactError } from "../errors.js";
import { reportDigest } from "./digest.js";
import { type RecomputeCheck, recomputeDerived } from "./recompute.js";
import type { Checklist } from "../checklist/schema.js";
import { TOOL_VERSION } from "../version.js";
import { type Report, type Signoff, reportSchema } from "./schema.js";

export interface SignoffDecision {
  id: string;
  status: "pass" | "fail" | "n/a";
  note: string | null;
}

export interface SignoffRequest {
  by: string;
  role: string | null;
  items: SignoffDecision[];
  /** ISO 8601 time of the sign-off (injected: the CLI passes the wall clock or --at). */
  at: string;
  privateKeyPem?: string | null;
}

/** A new Ed25519 key pair as PEM text. */
export function generateSigningKeys(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** The bytes signature `index` signs (see the header). */
export function signingPayload(signoffs: readonly Signoff[], index: number): Buffer {
  const s = signoffs[index];
  if (s === undefined) throw new RangeError(`no sign-off ${index}`);
  const { signature: _sig, ...unsigned } = s;
  return Buffer.from(canonicalJson({ ...unsigned, priorSignoffsSha256: sha256Canonical(signoffs.slice(0, index)) }), "utf8");
}

function privateKeyFrom(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new UsageError(`the --key file is not a PEM private key (${(err as Error).message}); make one with \`repro-audit keygen --out NAME\` and pass NAME.private.pem`, { cause: err });
  }
  if (key.asymmetricKeyType !== "ed25519") throw new UsageError(`the --key file holds a ${key.asymmetricKeyType ?? "unknown"} key; sign-offs use Ed25519 keys from \`repro-audit keygen\``);
  return key;
}

/** Public key PEM → canonical SPKI PEM (so two encodings of one key compare equal); null if not Ed25519 PEM. */
export function normalisePublicKey(pem: string): string | null {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === "ed25519" ? key.export({ type: "spki", format: "pem" }).toString() : null;
  } catch {
    return null;
  }
}

/**
 * Appends a sign-off to a report. `raw` is the report as read from disk (for the digest); the
 * report must be untampered (every earlier sign-off's digest matches), decisions may name only
 * manual checklist items, each once.
 */
export function addSignoff(report: Report, raw: object, req: SignoffRequest): Report {
  if (req.by.trim().length === 0) throw new UsageError("--by must name the person signing off");
  const digest = reportDigest(raw);
  const stale = report.signoffs.findIndex((s) => s.reportDigest !== digest);
  if (stale >= 0) {
    throw new ArtifactError(`the report changed after sign-off ${stale + 1} (by ${report.signoffs[stale]!.by}): its digest is ${digest}, the sign-off recorded ${report.signoffs[stale]!.reportDigest}. Run \`repro-audit verify\` and sign an untampered report.`);
  }
  const items = report.checklist ?? [];
  const seen = new Set<string>();
  for (const d of req.items) {
    const item = items.find((i) => i.id === d.id);
    if (item === undefined) throw new UsageError(`--item ${d.id} is not in this report's checklist; manual items: ${items.filter((i) => i.manual).map((i) => i.id).join(", ") || "none"}`);
    if (!item.manual) throw new UsageError(`--item ${d.id} is evaluated automatically from evidence (status ${item.status}); only manual items are signed off: ${items.filter((i) => i.manual).map((i) => i.id).join(", ")}`);
    if (seen.has(d.id)) throw new UsageError(`--item ${d.id} is given twice; decide each item once per sign-off`);
    seen.add(d.id);
  }
  const key = req.privateKeyPem != null ? privateKeyFrom(req.privateKeyPem) : null;
  const signoff: Signoff = {
    by: req.by,
    role: req.role,
    at: req.at,
    items: req.items.map((d) => ({ id: d.id, status: d.status, note: d.note })),
    reportDigest: digest,
    publicKey: key === null ? null : createPublicKey(key).export({ type: "spki", format: "pem" }).toString(),
    signature: null,
  };
  const signoffs = [...report.signoffs, signoff];
  if (key !== null) signoff.signature = sign(null, signingPayload(signoffs, signoffs.length - 1), key).toString("base64");
  return { ...report, signoffs };
}

export interface VerifyOptions {
  /** With keys: every sign-off must be signed by one of them, and there must be at least one. */
  publicKeys?: string[];
  /** The checklist automatic items are re-evaluated against (default: checklist/reproducibility.yaml). */
  checklist?: Checklist;
}

export interface VerifyResult {
  valid: boolean;
  digest: string | null;
  problems: string[];
  notes: string[];
  /** What was derived again from `repeats` and the evidence (recompute.ts); empty if the schema check failed. */
  recomputed: RecomputeCheck[];
}

const who = (s: { by: unknown; at: unknown }, i: number) => `sign-off ${i + 1} (by ${JSON.stringify(s.by)}, at ${String(s.at)})`;

export interface SignoffCheck {
  index: number;
  digestMatches: boolean;
  /** "unsigned" | "valid" | "invalid": the Ed25519 signature's state. */
  signature: "unsigned" | "valid" | "invalid";
  problems: string[];
  note: string | null;
}

/**
 * Checks each sign-off against the report's digest and its own signature. `trusted` (normalised
 * PEM keys): when non-empty, every sign-off must be signed by one of them.
 */
export function checkSignoffs(report: Report, digest: string, trusted: string[] = []): SignoffCheck[] {
  const manual = new Set((report.checklist ?? []).filter((i) => i.manual).map((i) => i.id));
  return report.signoffs.map((s, i) => {
    const name = who(s, i);
    const problems: string[] = [];
    let note: string | null = null;
    let signature: SignoffCheck["signature"] = "unsigned";
    const digestMatches = s.reportDigest === digest;
    if (!digestMatches) problems.push(`${name}: its reportDigest ${s.reportDigest} no longer matches the report's digest ${digest} — the report was changed after this sign-off`);
    for (const d of s.items) if (!manual.has(d.id)) problems.push(`${name}: decides "${d.id}", which is not a manual item of this report's checklist`);
    if (s.signature === null && s.publicKey === null) {
      if (trusted.length > 0) problems.push(`${name}: is not signed, but --pub requires every sign-off to be signed by a given key`);
      else note = `${name}: unsigned`;
    } else if (s.signature === null || s.publicKey === null) {
      signature = "invalid";
      problems.push(`${name}: has ${s.signature === null ? "a public key but no signature" : "a signature but no public key"}`);
    } else {
      const pub = normalisePublicKey(s.publicKey);
      let ok = false;
      try {
        ok = pub !== null && verify(null, signingPayload(report.signoffs, i), createPublicKey(pub), Buffer.from(s.signature, "base64"));
      } catch {
        ok = false;
      }
      signature = ok ? "valid" : "invalid";
      if (pub === null) problems.push(`${name}: publicKey is not an Ed25519 public key in PEM form`);
      else if (!ok) problems.push(`${name}: the Ed25519 signature does not match its content (the sign-off or an earlier one was edited)`);
      else if (trusted.length > 0 && !trusted.includes(pub)) problems.push(`${name}: signed by a key that is not one given with --pub`);
      else note = `${name}: signature valid${trusted.length > 0 ? " (trusted key)" : ""}`;
    }
    return { index: i, digestMatches, signature, problems, note };
  });
}

/**
 * Checks a parsed report.json value: schema; config hash; verdict, statistics and automatic
 * checklist items recomputed from the repeats (recompute.ts) — so an unsigned report cannot be
 * edited into a better verdict either; each sign-off's digest and signature.
 */
export function verifyReportJson(raw: unknown, opts: VerifyOptions = {}): VerifyResult {
  const problems: string[] = [];
  const parsed = reportSchema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues.slice(0, 8)) problems.push(`schema: ${i.path.join(".") || "(top level)"}: ${i.message}`);
    return { valid: false, digest: null, problems, notes: [], recomputed: [] };
  }
  const report = parsed.data;
  const digest = reportDigest(raw as object);
  const configHash = sha256Canonical((raw as Report).experiment.config);
  if (configHash !== report.experiment.configSha256) problems.push(`experiment.configSha256 ${report.experiment.configSha256} no longer matches the config (recomputed ${configHash}): the config was edited`);
  const recomputed = recomputeDerived(report, opts.checklist);
  const mismatches = recomputed.filter((c) => c.result === "mismatch");
  // An older release (same schema) may have derived differently; say so rather than hide it.
  const older = report.tool.version !== TOOL_VERSION ? ` (the report was made by repro-audit ${report.tool.version}, this is ${TOOL_VERSION})` : "";
  for (const c of mismatches) problems.push(`tampered: ${c.message ?? c.field}${older}`);
  const notes: string[] = [];
  const count = (prefix: string) => recomputed.filter((c) => c.result === "match" && c.field.startsWith(prefix)).length;
  if (mismatches.length === 0) notes.push(`recomputed from the repeats: verdict (${count("verdict.")} fields), statistics (${count("statistics.")} values), checklist (${count("checklist.")} automatic items) all match`);
  const trusted = (opts.publicKeys ?? []).map((k) => normalisePublicKey(k));
  if (trusted.some((k) => k === null)) throw new UsageError("a --pub file is not an Ed25519 public key in PEM form; use NAME.public.pem from `repro-audit keygen`");
  const checks = checkSignoffs(report, digest, trusted as string[]);
  problems.push(...checks.flatMap((c) => c.problems));
  if (trusted.length > 0 && report.signoffs.length === 0) problems.push("--pub was given but the report has no sign-off");
  notes.push(...checks.flatMap((c) => (c.note === null ? [] : [c.note])));
  return { valid: problems.length === 0, digest, problems, notes, recomputed };
}

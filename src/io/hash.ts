// SHA-256 helpers for DESIGN.md §4: typed arrays are hashed as their little-endian bytes in
// row-major order, which is what NumPy's `tobytes()` gives on a little-endian machine.

import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

type Bytes = Uint8Array | Float32Array | Float64Array | Int32Array | BigInt64Array | Uint32Array;

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  // Typed arrays use the platform's byte order; every supported Node platform is little-endian.
  throw new Error("repro-audit needs a little-endian platform for its hash definitions");
}

function view(a: Bytes): Uint8Array {
  return a instanceof Uint8Array ? a : new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Lowercase hex SHA-256 of one or more arrays' bytes, concatenated in order. */
export function sha256Hex(...parts: Bytes[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(view(p));
  return h.digest("hex");
}

/** RFC 8785 (JSON Canonicalization Scheme) text of a JSON value. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no canonical JSON form");
  return text;
}

/** SHA-256 of the RFC 8785 canonical JSON of a value (config hash, RNG-state hash, digests). */
export function sha256Canonical(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value), "utf8").digest("hex");
}

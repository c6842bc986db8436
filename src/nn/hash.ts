// Weight checksums (DESIGN.md §4): SHA-256 of W1, b1, W2, b2, ... as little-endian float32,
// concatenated in that order — the same bytes as NumPy's
// b"".join(t.astype("<f4").tobytes() for t in [W1, b1, W2, b2]). Also one hash per tensor, so a diff
// can name the first tensor that differs.

import { sha256Hex } from "../io/hash.js";
import type { Model } from "./model.js";

/** SHA-256 of all parameters in buffer order (the one buffer *is* that concatenation). */
export function weightsSha256(model: Model): string {
  return sha256Hex(model.params);
}

/** SHA-256 per parameter tensor, keyed by name ("W1", "b1", ...), in buffer order. */
export function layerHashes(model: Model): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of model.layout.entries) out[e.name] = sha256Hex(model.params.subarray(e.offset, e.offset + e.size));
  return out;
}

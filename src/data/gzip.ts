// Reading a data file's bytes, gunzipping when it starts with the gzip magic (RFC 1952: 1f 8b).
// Errors become DataError naming the file, what was wrong and how to fix it.
// Not here: parsing the decompressed bytes (idx.ts, csv.ts).

import { readFileSync, statSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { DataError, describeFsError } from "../errors.js";

/** Largest decompressed size accepted (a guard against gzip bombs): 1 GiB. */
export const MAX_DECOMPRESSED_BYTES = 1 << 30;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Reads a whole file; a missing file, a directory or an empty file is a DataError. */
export function readDataFile(path: string, what: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    if (statSync(path).isDirectory()) {
      throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    }
    bytes = readFileSync(path);
  } catch (err) {
    throw new DataError(
      `Cannot read the ${what} file ${path}: ${describeFsError(err)}. ` +
        `Check dataset_path (or dataset_test_path) in the experiment, or run \`repro-audit data verify\` to see which file is used.`,
      { file: path, cause: err },
    );
  }
  if (bytes.length === 0) {
    throw new DataError(
      `The ${what} file ${path} is empty (0 bytes). It was probably cut off while copying or downloading; fetch it again.`,
      { file: path },
    );
  }
  return bytes;
}

/** Returns the bytes as stored, or their gunzipped form when they carry the gzip magic. */
export function maybeGunzip(bytes: Uint8Array, path: string, what: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  let out: Uint8Array;
  try {
    out = gunzipSync(bytes, { maxOutputLength: MAX_DECOMPRESSED_BYTES });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const truncated = /unexpected end/i.test(reason);
    throw new DataError(
      `The ${what} file ${path} is gzip-compressed but cannot be decompressed (${reason})` +
        (truncated ? ": the file is truncated" : ": the file is corrupt") +
        `. Fetch it again and compare its SHA-256 with the published one (\`repro-audit data hash ${path}\`).`,
      { file: path, cause: err },
    );
  }
  if (out.length === 0) {
    throw new DataError(
      `The ${what} file ${path} decompresses to 0 bytes; expected IDX or CSV content. Fetch it again.`,
      { file: path },
    );
  }
  return out;
}

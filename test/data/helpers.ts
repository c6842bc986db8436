// Test helpers for test/data: small IDX/CSV files written byte by byte from the IDX definition
// (big-endian u32 header), independent of the code under test, in a fresh temp folder.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "repro-audit-data-"));
}

function header(...words: number[]): Uint8Array {
  const b = new Uint8Array(words.length * 4);
  const dv = new DataView(b.buffer);
  words.forEach((w, i) => dv.setUint32(i * 4, w, false));
  return b;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Pixel i of image r is (r * 31 + i * 7) % 256: every byte value appears. */
export function pixelBytes(n: number, side = 28): Uint8Array {
  const px = new Uint8Array(n * side * side);
  for (let r = 0; r < n; r++) for (let i = 0; i < side * side; i++) px[r * side * side + i] = (r * 31 + i * 7) % 256;
  return px;
}

export function idxImages(n: number, opts: { side?: number; count?: number; magic?: number } = {}): Uint8Array {
  const side = opts.side ?? 28;
  return concat(header(opts.magic ?? 2051, opts.count ?? n, side, side), pixelBytes(n, side));
}

export function idxLabels(labels: number[], opts: { count?: number; magic?: number } = {}): Uint8Array {
  return concat(header(opts.magic ?? 2049, opts.count ?? labels.length), Uint8Array.from(labels));
}

export function csvText(labels: (number | string)[], opts: { header?: boolean; features?: number } = {}): string {
  const f = opts.features ?? 784;
  const px = pixelBytes(labels.length);
  const rows: string[] = [];
  if (opts.header ?? true) rows.push(["label", ...Array.from({ length: f }, (_, i) => `pixel${i + 1}`)].join(","));
  labels.forEach((l, r) => rows.push([String(l), ...Array.from({ length: f }, (_, i) => String(px[r * 784 + i] ?? 0))].join(",")));
  return rows.join("\n") + "\n";
}

/** Writes an IDX train pair (optionally gzip'd) into `dir` and returns `dir`. */
export function writeIdxPair(dir: string, labels: number[], opts: { gz?: boolean; prefix?: string } = {}): string {
  const prefix = opts.prefix ?? "train";
  const gz = opts.gz ?? false;
  const w = (name: string, bytes: Uint8Array) => writeFileSync(join(dir, gz ? `${name}.gz` : name), gz ? gzipSync(bytes) : bytes);
  w(`${prefix}-images-idx3-ubyte`, idxImages(labels.length));
  w(`${prefix}-labels-idx1-ubyte`, idxLabels(labels));
  return dir;
}

export const LABELS_12 = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3, 3];

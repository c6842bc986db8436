// NumPy .npz checkpoints: a zip of .npy members that `numpy.load` opens with its default
// allow_pickle=False. Format: numpy/lib/format.py (NEP 1) — magic "\x93NUMPY", version 1.0, a
// little-endian uint16 header length, a Python-literal dict header padded with spaces and "\n" to a
// multiple of 64 bytes, then the raw C-order data. Members are stored uncompressed with a fixed
// timestamp so the same arrays always give the same file bytes (and the same artifact hash).

import { unzipSync, zipSync } from "fflate";

export type NpyArray =
  | { dtype: "<f4"; shape: number[]; data: Float32Array }
  | { dtype: "<i4"; shape: number[]; data: Int32Array }
  | { dtype: "<U"; shape: []; data: string };

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
// 1980-01-01, the earliest time a zip entry can hold: fixed so the bytes are reproducible.
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

function shapeLiteral(shape: number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

function encodeNpy(a: NpyArray): Uint8Array {
  let descr: string = a.dtype;
  let body: Uint8Array;
  if (a.dtype === "<U") {
    const codepoints = Array.from(a.data, (ch) => ch.codePointAt(0)!);
    descr = `<U${Math.max(1, codepoints.length)}`;
    body = new Uint8Array(new Uint32Array(codepoints.length > 0 ? codepoints : [0]).buffer);
  } else {
    body = new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  }
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeLiteral(a.shape)}, }`;
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header += " ".repeat((64 - (unpadded % 64)) % 64) + "\n";
  const out = new Uint8Array(MAGIC.length + 4 + header.length + body.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(body, 10 + header.length);
  return out;
}

function decodeNpy(bytes: Uint8Array, name: string): NpyArray {
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m)) throw new Error(`member ${name} is not a .npy array`);
  const major = bytes[6]!;
  const headerLen = major === 1 ? bytes[8]! | (bytes[9]! << 8) : new DataView(bytes.buffer, bytes.byteOffset + 8, 4).getUint32(0, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder("latin1").decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw new Error(`member ${name} has an unreadable .npy header`);
  if (fortran === "True") throw new Error(`member ${name} is in Fortran order; save it in C order`);
  const shape = shapeText.split(",").map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const count = shape.reduce((p, d) => p * d, 1);
  const body = bytes.slice(start + headerLen);
  if (descr === "<f4" || descr === "<i4") {
    if (body.byteLength !== count * 4) throw new Error(`member ${name} holds ${body.byteLength} data bytes, expected ${count * 4} for shape (${shape.join(", ")})`);
    return descr === "<f4" ? { dtype: "<f4", shape, data: new Float32Array(body.buffer, 0, count) } : { dtype: "<i4", shape, data: new Int32Array(body.buffer, 0, count) };
  }
  const u = /^<U(\d+)$/.exec(descr);
  if (u !== null && shape.length === 0) {
    const chars = new Uint32Array(body.buffer, 0, Number(u[1]));
    let s = "";
    for (const c of chars) if (c !== 0) s += String.fromCodePoint(c);
    return { dtype: "<U", shape: [], data: s };
  }
  throw new Error(`member ${name} has dtype ${descr}; checkpoints hold float32 ('<f4'), int32 ('<i4') or a unicode string`);
}

/** Encodes named arrays as .npz bytes, members in the given order. */
export function encodeNpz(arrays: [string, NpyArray][]): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  for (const [name, a] of arrays) files[`${name}.npy`] = [encodeNpy(a), { level: 0, mtime: FIXED_MTIME }];
  return zipSync(files);
}

/** Decodes .npz bytes into named arrays; throws Error with the member named when malformed. */
export function decodeNpz(bytes: Uint8Array): Map<string, NpyArray> {
  const files = unzipSync(bytes);
  const out = new Map<string, NpyArray>();
  for (const name of Object.keys(files).sort()) {
    if (!name.endsWith(".npy")) continue;
    out.set(name.slice(0, -4), decodeNpy(files[name]!, name));
  }
  return out;
}

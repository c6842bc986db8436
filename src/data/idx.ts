// IDX file decoding (the format of MNIST and Fashion-MNIST, http://yann.lecun.com/exdb/mnist/):
// a big-endian header, magic 2051 (0x00000803: unsigned bytes, 3 dims) for images with
// count, rows, cols, then count*rows*cols bytes; magic 2049 (0x00000801, 1 dim) for labels with
// count, then count bytes. Images must be 28x28. The file length must equal header + content.
// Not here: gzip (gzip.ts), choosing files (resolve.ts), validation checks (validate.ts).

import { DataError } from "../errors.js";

export const IDX_IMAGES_MAGIC = 2051;
export const IDX_LABELS_MAGIC = 2049;
export const IMAGE_SIDE = 28;

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count*rows*cols pixel bytes, row-major; a view into the input. */
  pixels: Uint8Array;
}

function u32be(b: Uint8Array, off: number): number {
  return ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
}

const FIX = "Fetch the file again (the official files are at https://github.com/zalandoresearch/fashion-mnist) or point dataset_path at the right folder.";

function checkMagic(b: Uint8Array, path: string, want: number, what: string, headerBytes: number): void {
  if (b.length < headerBytes) {
    throw new DataError(
      `The ${what} file ${path} is too short for an IDX header: expected at least ${headerBytes} bytes, found ${b.length}. ${FIX}`,
      { file: path },
    );
  }
  const magic = u32be(b, 0);
  if (magic !== want) {
    const other = magic === IDX_IMAGES_MAGIC ? " (that is the images magic: images and labels files swapped?)"
      : magic === IDX_LABELS_MAGIC ? " (that is the labels magic: images and labels files swapped?)" : "";
    throw new DataError(
      `The ${what} file ${path} is not an IDX ${what} file: expected magic number ${want}, found ${magic}${other}. ${FIX}`,
      { file: path },
    );
  }
}

function checkLength(b: Uint8Array, path: string, what: string, header: number, count: number, per: number): void {
  const expected = header + count * per;
  if (b.length !== expected) {
    throw new DataError(
      `The ${what} file ${path} does not match its header: the header says ${count} records, so the file should be ` +
        `${expected} bytes (${header} header + ${count} x ${per}), but it is ${b.length} bytes` +
        (b.length < expected ? " (truncated)" : " (extra bytes at the end)") + `. ${FIX}`,
      { file: path },
    );
  }
}

/** Decodes an IDX images file (already decompressed). */
export function parseIdxImages(b: Uint8Array, path: string): IdxImages {
  checkMagic(b, path, IDX_IMAGES_MAGIC, "images", 16);
  const count = u32be(b, 4);
  const rows = u32be(b, 8);
  const cols = u32be(b, 12);
  if (rows !== IMAGE_SIDE || cols !== IMAGE_SIDE) {
    throw new DataError(
      `The images file ${path} holds ${rows}x${cols} images; expected ${IMAGE_SIDE}x${IMAGE_SIDE} (Fashion-MNIST). ` +
        `Use Fashion-MNIST or MNIST IDX files, or convert your data to the CSV layout (label, then 784 pixels).`,
      { file: path },
    );
  }
  checkLength(b, path, "images", 16, count, rows * cols);
  return { count, rows, cols, pixels: b.subarray(16) };
}

/** Decodes an IDX labels file (already decompressed): one byte per label. */
export function parseIdxLabels(b: Uint8Array, path: string): Int32Array {
  checkMagic(b, path, IDX_LABELS_MAGIC, "labels", 8);
  const count = u32be(b, 4);
  checkLength(b, path, "labels", 8, count, 1);
  return Int32Array.from(b.subarray(8));
}

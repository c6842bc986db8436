// CSV decoding in the common Fashion-MNIST layout (Kaggle's fashion-mnist_train.csv): one row per
// image, a `label` column first, then the pixel columns (784 for 28x28), values 0..255. The header
// row is optional: it is recognised by a non-numeric first cell, which must then be `label`.
// Pixels are scaled like IDX pixels (pixels.ts). Line ends may be \n or \r\n; a UTF-8 BOM is
// skipped. Quoting (RFC 4180) is accepted in the header only: data cells must be plain numbers.
// Not here: the feature-count and label-range checks (validate.ts), which need the experiment.

import { DataError } from "../errors.js";
import { UNIT_SCALE, scaleValue } from "./pixels.js";

export interface CsvTable {
  x: Float32Array;
  y: Int32Array;
  n: number;
  /** Pixel columns per row (all columns but the label). */
  features: number;
  hasHeader: boolean;
}

const COMMA = 0x2c, LF = 0x0a, CR = 0x0d, SPACE = 0x20, TAB = 0x09, ZERO = 0x30, NINE = 0x39;
const FIX = "Each row must be `label,p1,...,p784` with numbers only (a header row starting with `label` is optional).";

/** [start, end) of each line, without its line break; trailing empty lines dropped. */
function lineSpans(b: Uint8Array, from: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let s = from;
  for (let i = from; i <= b.length; i++) {
    if (i === b.length || b[i] === LF) {
      let e = i;
      if (e > s && b[e - 1] === CR) e--;
      spans.push([s, e]);
      s = i + 1;
    }
  }
  while (spans.length > 0) {
    const last = spans[spans.length - 1]!;
    if (last[1] > last[0]) break;
    spans.pop();
  }
  return spans;
}

/** Splits a line into [start, end) cells with surrounding spaces trimmed. */
function cells(b: Uint8Array, s: number, e: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let cs = s;
  for (let i = s; i <= e; i++) {
    if (i === e || b[i] === COMMA) {
      let a = cs, z = i;
      while (a < z && (b[a] === SPACE || b[a] === TAB)) a++;
      while (z > a && (b[z - 1] === SPACE || b[z - 1] === TAB)) z--;
      out.push([a, z]);
      cs = i + 1;
    }
  }
  return out;
}

function text(b: Uint8Array, s: number, e: number): string {
  return Buffer.from(b.buffer, b.byteOffset + s, e - s).toString("utf8");
}

/** The cell's number, or NaN when it is empty or not a finite number. */
function cellNumber(b: Uint8Array, s: number, e: number): number {
  if (e === s) return Number.NaN;
  if (e - s <= 9) {
    let v = 0, i = s;
    for (; i < e; i++) {
      const c = b[i]!;
      if (c < ZERO || c > NINE) break;
      v = v * 10 + (c - ZERO);
    }
    if (i === e) return v;
  }
  const v = Number(text(b, s, e));
  return Number.isFinite(v) ? v : Number.NaN;
}

/** Decodes CSV bytes (already decompressed) into scaled pixels and labels. */
export function parseCsv(bytes: Uint8Array, path: string): CsvTable {
  const from = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const lines = lineSpans(bytes, from);
  if (lines.length === 0) {
    throw new DataError(`The CSV file ${path} has no rows. ${FIX}`, { file: path });
  }
  const first = lines[0]!;
  const firstCells = cells(bytes, first[0], first[1]);
  const columns = firstCells.length;
  const c0 = firstCells[0]!;
  const hasHeader = Number.isNaN(cellNumber(bytes, c0[0], c0[1]));
  if (hasHeader) {
    const name = text(bytes, c0[0], c0[1]).replace(/^"(.*)"$/, "$1").trim();
    if (name.toLowerCase() !== "label") {
      throw new DataError(
        `The CSV file ${path} starts with a header whose first column is ${JSON.stringify(name.slice(0, 40))}; expected "label". ${FIX}`,
        { file: path },
      );
    }
  }
  if (columns < 2) {
    throw new DataError(`The CSV file ${path} has ${columns} column per row; expected a label column and pixel columns. ${FIX}`, { file: path });
  }
  const features = columns - 1;
  const rows = lines.slice(hasHeader ? 1 : 0);
  const n = rows.length;
  const x = new Float32Array(n * features);
  const y = new Int32Array(n);
  const lineOffset = hasHeader ? 2 : 1;
  for (let r = 0; r < n; r++) {
    const [s, e] = rows[r]!;
    const row = cells(bytes, s, e);
    const lineNo = r + lineOffset;
    if (row.length !== columns) {
      throw new DataError(
        `The CSV file ${path} has ragged rows: line ${lineNo} has ${row.length} columns, expected ${columns} (as in line 1). ${FIX}`,
        { file: path },
      );
    }
    const base = r * features;
    for (let c = 0; c < columns; c++) {
      const [a, z] = row[c]!;
      const v = cellNumber(bytes, a, z);
      if (Number.isNaN(v)) {
        const shown = JSON.stringify(text(bytes, a, z).slice(0, 40));
        throw new DataError(
          `The CSV file ${path} has a non-numeric cell at line ${lineNo}, column ${c + 1}: found ${shown}, expected a number. ${FIX}`,
          { file: path },
        );
      }
      if (c === 0) {
        if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
          throw new DataError(
            `The CSV file ${path} has a label that is not a whole number at line ${lineNo}: found ${v}, expected an integer class 0..9. ${FIX}`,
            { file: path },
          );
        }
        y[r] = v;
      } else {
        if (v < 0 || v > 255) {
          throw new DataError(
            `The CSV file ${path} has a pixel out of range at line ${lineNo}, column ${c + 1}: found ${v}, expected 0..255 (raw bytes, before scaling). ${FIX}`,
            { file: path },
          );
        }
        x[base + c - 1] = Number.isInteger(v) ? UNIT_SCALE[v]! : scaleValue(v);
      }
    }
  }
  return { x, y, n, features, hasHeader };
}

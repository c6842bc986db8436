// Each kind of bad input gives a DataError (exit code 2) whose one-paragraph message names the file,
// says what was expected and what was found, and how to fix it (DESIGN.md §7).

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DataError } from "../../src/errors.js";
import { readDataFile } from "../../src/data/gzip.js";
import { loadRealData } from "../../src/data/real.js";
import type { ResolveEnv } from "../../src/data/resolve.js";
import type { RealDataSpec } from "../../src/data/spec.js";
import { csvText, idxImages, idxLabels, LABELS_12, tempDir, writeIdxPair } from "./helpers.js";

const env: ResolveEnv = { debianDir: "/nonexistent/a", bundledDir: "/nonexistent/b", debianVersion: () => null };

function spec(datasetPath: string, over: Partial<RealDataSpec> = {}): RealDataSpec {
  return { datasetPath, testPath: null, autoPrepare: false, minRows: 1, sha256: null, features: 784, classes: 10, baseDir: "/", ...over };
}

function dataError(s: RealDataSpec): DataError {
  try {
    loadRealData(s, env);
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    const e = err as DataError;
    expect(e.exitCode).toBe(2);
    expect(e.code).toBe("E_DATA");
    expect(e.message).not.toMatch(/\n/); // one paragraph
    return e;
  }
  throw new Error("expected a DataError");
}

/** An IDX folder whose images (or labels) file is replaced by `bytes`. */
function idxDirWith(which: "images" | "labels", bytes: Uint8Array, gz = false): { dir: string; file: string } {
  const dir = writeIdxPair(tempDir(), LABELS_12, { gz });
  const file = join(dir, which === "images" ? "train-images-idx3-ubyte" : "train-labels-idx1-ubyte") + (gz ? ".gz" : "");
  writeFileSync(file, bytes);
  return { dir, file };
}

function csvFile(text: string): string {
  const f = join(tempDir(), "d.csv");
  writeFileSync(f, text);
  return f;
}

describe("bad input -> DataError, exit 2, message names file, expected vs found, fix", () => {
  it("missing dataset path", () => {
    const e = dataError(spec("/nonexistent/fashion"));
    expect(e.message).toMatch(/dataset_path \/nonexistent\/fashion does not exist\. Set dataset_path to a folder of IDX files/);
  });

  it("missing test CSV", () => {
    const f = csvFile(csvText(LABELS_12));
    const e = dataError(spec(f, { testPath: "/nonexistent/test.csv" }));
    expect(e.message).toMatch(/Cannot read the test CSV file \/nonexistent\/test\.csv: it does not exist\. Check dataset_path \(or dataset_test_path\)/);
  });

  it("a directory where a file is expected", () => {
    const dir = writeIdxPair(tempDir(), LABELS_12);
    mkdirSync(join(dir, "t10k.csv"));
    const f = csvFile(csvText(LABELS_12));
    const e = dataError(spec(f, { testPath: join(dir, "t10k.csv") }));
    expect(e.message).toMatch(/dataset_test_path .*t10k\.csv is a folder without t10k-\* IDX files or fashion-mnist_test\.csv; point it at the test CSV file/);
    // the reader itself, handed a folder:
    expect(() => readDataFile(dir, "train CSV")).toThrow(new RegExp(`Cannot read the train CSV file ${dir}: it is a directory, not a file\\.`));
  });

  it("a folder with no training files lists what it holds", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "notes.txt"), "x");
    const e = dataError(spec(dir));
    expect(e.message).toMatch(/is a folder without training data: expected train-images-idx3-ubyte\.gz .*found notes\.txt/);
  });

  it("images without labels", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "train-images-idx3-ubyte"), idxImages(2));
    expect(dataError(spec(dir)).message).toMatch(/has train-images-idx3-ubyte but not its labels file/);
  });

  it("empty file", () => {
    const { file, dir } = idxDirWith("images", new Uint8Array(0));
    expect(dataError(spec(dir)).message).toContain(`The train images file ${file} is empty (0 bytes)`);
  });

  it("truncated gzip", () => {
    const gz = gzipSync(idxImages(12));
    const { file, dir } = idxDirWith("images", gz.subarray(0, gz.length - 100), true);
    expect(dataError(spec(dir)).message).toMatch(new RegExp(`${file} is gzip-compressed but cannot be decompressed \\(.*\\): the file is truncated\\. Fetch it again`));
  });

  it("corrupt gzip (bad CRC)", () => {
    const gz = gzipSync(idxImages(12));
    gz[gz.length - 6]! ^= 0xff;
    const { dir } = idxDirWith("images", gz, true);
    expect(dataError(spec(dir)).message).toMatch(/cannot be decompressed .*: the file is corrupt/);
  });

  it("wrong magic (labels file given as images)", () => {
    const { file, dir } = idxDirWith("images", idxLabels(LABELS_12));
    expect(dataError(spec(dir)).message).toContain(
      `The images file ${file} is not an IDX images file: expected magic number 2051, found 2049 (that is the labels magic: images and labels files swapped?)`,
    );
  });

  it("header count != content length (truncated and extra bytes)", () => {
    const { file, dir } = idxDirWith("images", idxImages(12, { count: 13 }));
    expect(dataError(spec(dir)).message).toContain(
      `${file} does not match its header: the header says 13 records, so the file should be 10208 bytes (16 header + 13 x 784), but it is 9424 bytes (truncated)`,
    );
    const l = idxDirWith("labels", idxLabels(LABELS_12, { count: 11 }));
    expect(dataError(spec(l.dir)).message).toMatch(/the header says 11 records, so the file should be 19 bytes .* but it is 20 bytes \(extra bytes at the end\)/);
  });

  it("images not 28x28", () => {
    const { file, dir } = idxDirWith("images", idxImages(12, { side: 32 }));
    expect(dataError(spec(dir)).message).toContain(`The images file ${file} holds 32x32 images; expected 28x28`);
  });

  it("image and label counts differ", () => {
    const { dir } = idxDirWith("labels", idxLabels(LABELS_12.slice(0, 10)));
    expect(dataError(spec(dir)).message).toMatch(/holds 12 images but its labels file .* holds 10 labels; they must match/);
  });

  it("a label outside 0..9 (IDX and CSV)", () => {
    const dir = writeIdxPair(tempDir(), [0, 1, 10]);
    expect(dataError(spec(dir)).message).toMatch(/train\.labels-in-range: expected 0\.\.9, found 0\.\.10 \(labels must be class numbers/);
    expect(dataError(spec(csvFile(csvText([0, -1, 2])))).message).toMatch(/train\.labels-in-range: expected 0\.\.9, found -1\.\.2/);
  });

  it("a non-numeric or NaN CSV cell", () => {
    const good = csvText([1, 2, 3]).split("\n");
    const bad = (line: number, col: number, v: string) => {
      const rows = [...good];
      const cells = rows[line]!.split(",");
      cells[col] = v;
      rows[line] = cells.join(",");
      return csvFile(rows.join("\n"));
    };
    let f = bad(2, 5, "abc");
    expect(dataError(spec(f)).message).toContain(`The CSV file ${f} has a non-numeric cell at line 3, column 6: found "abc", expected a number.`);
    f = bad(1, 100, "NaN");
    expect(dataError(spec(f)).message).toContain(`non-numeric cell at line 2, column 101: found "NaN"`);
    f = bad(3, 7, "");
    expect(dataError(spec(f)).message).toContain(`non-numeric cell at line 4, column 8: found ""`);
    f = bad(1, 0, "2.5");
    expect(dataError(spec(f)).message).toContain(`a label that is not a whole number at line 2: found 2.5`);
    f = bad(1, 3, "300");
    expect(dataError(spec(f)).message).toContain(`a pixel out of range at line 2, column 4: found 300, expected 0..255`);
  });

  it("ragged CSV rows", () => {
    const rows = csvText([1, 2, 3]).split("\n");
    rows[2] = rows[2]!.split(",").slice(0, 700).join(",");
    const f = csvFile(rows.join("\n"));
    expect(dataError(spec(f)).message).toContain(`The CSV file ${f} has ragged rows: line 3 has 700 columns, expected 785 (as in line 1).`);
  });

  it("a CSV header that does not start with label", () => {
    const f = csvFile(csvText([1]).replace(/^label/, "class"));
    expect(dataError(spec(f)).message).toContain(`starts with a header whose first column is "class"; expected "label"`);
  });

  it("a single IDX file as dataset_path", () => {
    const dir = writeIdxPair(tempDir(), LABELS_12);
    expect(dataError(spec(join(dir, "train-images-idx3-ubyte"))).message).toMatch(/is a single IDX file; .*set dataset_path to the folder/);
  });
});

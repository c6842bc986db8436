// Loading real data (Fashion-MNIST IDX or CSV) for an experiment: resolve the source
// (resolve.ts), read and decode each split, hash files and arrays (DESIGN.md §4), run the
// validation checks (validate.ts) and return datasets plus one DataRecord.
// loadRealData throws DataError for unreadable data AND for failed checks; verifyRealData
// reports failed checks in the record instead (for `repro-audit data verify`).

import { createHash } from "node:crypto";
import { DataError } from "../errors.js";
import { sha256Hex } from "../io/hash.js";
import type { Dataset } from "./dataset.js";
import { parseCsv } from "./csv.js";
import { isGzip, maybeGunzip, readDataFile } from "./gzip.js";
import { parseIdxImages, parseIdxLabels } from "./idx.js";
import { PREPROCESSING, scaleBytes } from "./pixels.js";
import type { DataFileRecord, DataRecord, DataSplitRecord } from "./record.js";
import { defaultResolveEnv, resolveSource } from "./resolve.js";
import type { ResolveEnv, SplitFiles } from "./resolve.js";
import type { RealDataSpec } from "./spec.js";
import { classCounts, describeFailures, runChecks } from "./validate.js";

interface DecodedSplit {
  x: Float32Array;
  y: Int32Array;
  n: number;
  features: number;
  format: "idx" | "csv";
  files: DataFileRecord[];
}

function sha(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Reads one file, gunzipping if needed, and records its stored and decompressed hashes. */
function readRecorded(path: string, role: DataFileRecord["role"], what: string): { data: Uint8Array; file: DataFileRecord } {
  const stored = readDataFile(path, what);
  const data = maybeGunzip(stored, path, what);
  const storedSha = sha(stored);
  return {
    data,
    file: {
      role,
      path,
      bytes: stored.length,
      sha256: storedSha,
      gzip: isGzip(stored),
      decompressedBytes: data.length,
      decompressedSha256: data === stored ? storedSha : sha(data),
    },
  };
}

/** Decodes one split's files into scaled pixels and labels. */
export function decodeSplit(files: SplitFiles, split: string): DecodedSplit {
  if (files.format === "csv") {
    const { data, file } = readRecorded(files.file, "csv", `${split} CSV`);
    const t = parseCsv(data, files.file);
    return { x: t.x, y: t.y, n: t.n, features: t.features, format: "csv", files: [file] };
  }
  const img = readRecorded(files.images, "images", `${split} images`);
  const images = parseIdxImages(img.data, files.images);
  const lab = readRecorded(files.labels, "labels", `${split} labels`);
  const y = parseIdxLabels(lab.data, files.labels);
  if (y.length !== images.count) {
    throw new DataError(
      `The ${split} images file ${files.images} holds ${images.count} images but its labels file ${files.labels} holds ${y.length} labels; ` +
        `they must match. The two files come from different datasets or one was cut; fetch the matching pair.`,
      { file: files.labels },
    );
  }
  return {
    x: scaleBytes(images.pixels),
    y,
    n: images.count,
    features: images.rows * images.cols,
    format: "idx",
    files: [img.file, lab.file],
  };
}

function splitRecord(d: DecodedSplit, classes: number): DataSplitRecord {
  return {
    format: d.format,
    rows: d.n,
    features: d.features,
    classCounts: classCounts(d.y, classes),
    xSha256: sha256Hex(d.x),
    ySha256: sha256Hex(d.y),
    files: d.files,
  };
}

function toDataset(d: DecodedSplit, classes: number): Dataset {
  return { x: d.x, y: d.y, n: d.n, features: d.features, classes };
}

interface Loaded {
  train: Dataset;
  test: Dataset | null;
  record: DataRecord;
}

function load(spec: RealDataSpec, env: ResolveEnv): Loaded {
  const src = resolveSource(spec, env);
  const train = decodeSplit(src.train, "train");
  const test = src.test === null ? null : decodeSplit(src.test, "test");
  const trainRec = splitRecord(train, spec.classes);
  const testRec = test === null ? null : splitRecord(test, spec.classes);
  const checks = runChecks(
    spec,
    { name: "train", y: train.y, record: trainRec },
    test === null || testRec === null ? null : { name: "test", y: test.y, record: testRec },
  );
  const record: DataRecord = {
    kind: "real",
    source: { kind: src.kind, path: src.path, version: src.version },
    preprocessing: PREPROCESSING,
    features: spec.features,
    classes: spec.classes,
    train: trainRec,
    test: testRec,
    checks,
    ok: checks.every((c) => c.passed),
  };
  return { train: toDataset(train, spec.classes), test: test === null ? null : toDataset(test, spec.classes), record };
}

/** Loads and validates real data; throws DataError when it is unreadable or a check fails. */
export function loadRealData(spec: RealDataSpec, env: ResolveEnv = defaultResolveEnv()): Loaded {
  const loaded = load(spec, env);
  if (!loaded.record.ok) {
    throw new DataError(describeFailures(loaded.record.checks, `${loaded.record.source.kind} source ${loaded.record.source.path}`), {
      file: loaded.record.source.path,
    });
  }
  return loaded;
}

/** Loads real data and reports every check; throws DataError only when the data is unreadable. */
export function verifyRealData(spec: RealDataSpec, env: ResolveEnv = defaultResolveEnv()): { record: DataRecord; ok: boolean } {
  const { record } = load(spec, env);
  return { record, ok: record.ok };
}

// Where real data comes from (dataset_auto_prepare): (a) the configured dataset_path — a folder of
// IDX files or a CSV file — else, with auto-prepare on, (b) the full Fashion-MNIST that Debian's
// `dataset-fashion-mnist` package installs in /usr/share/datasets/fashion-mnist/, else (c) the
// subset bundled in data/fashion-mnist/ (train-first10k-* + the official t10k-*). A configured path
// that does not work is an error, never a silent fall-back. Not here: decoding (real.ts).

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import type { Stats } from "node:fs";
import { basename, join, resolve } from "node:path";
import { DataError } from "../errors.js";
import { PACKAGE_ROOT } from "../version.js";
import type { DataSourceKind } from "./record.js";
import type { RealDataSpec } from "./spec.js";

export type SplitFiles = { format: "idx"; images: string; labels: string } | { format: "csv"; file: string };

export interface ResolvedSource {
  kind: DataSourceKind;
  /** The folder or file the data came from. */
  path: string;
  version: string | null;
  train: SplitFiles;
  test: SplitFiles | null;
}

/** The places auto-prepare looks, injectable for tests. */
export interface ResolveEnv {
  debianDir: string;
  bundledDir: string;
  debianVersion: () => string | null;
}

export const DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
export const BUNDLED_DIR = join(PACKAGE_ROOT, "data", "fashion-mnist");

/** `dpkg-query -W -f='${Version}' dataset-fashion-mnist`, or null when dpkg or the package is absent. */
export function debianPackageVersion(): string | null {
  try {
    const v = execFileSync("dpkg-query", ["-W", "-f=${Version}", "dataset-fashion-mnist"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 5000,
    }).trim();
    return v === "" ? null : v;
  } catch {
    return null;
  }
}

export function defaultResolveEnv(): ResolveEnv {
  return { debianDir: DEBIAN_DIR, bundledDir: BUNDLED_DIR, debianVersion: debianPackageVersion };
}

const TRAIN_IDX = ["train", "train-first10k"];
const TEST_IDX = ["t10k"];
const TRAIN_CSV = ["fashion-mnist_train.csv", "train.csv"];
const TEST_CSV = ["fashion-mnist_test.csv", "test.csv"];

function firstExisting(dir: string, names: string[]): string | null {
  for (const n of names) {
    const p = join(dir, n);
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return null;
}

function idxNames(prefix: string, kind: "images" | "labels"): string[] {
  const dims = kind === "images" ? "idx3" : "idx1";
  const base = [`${prefix}-${kind}-${dims}-ubyte`, `${prefix}-${kind}.${dims}-ubyte`];
  return base.flatMap((b) => [b, `${b}.gz`]);
}

/** The IDX (or CSV) files of one split in a folder, or null when the folder has none. */
function splitInDir(dir: string, prefixes: string[], csvNames: string[]): SplitFiles | null {
  for (const p of prefixes) {
    const images = firstExisting(dir, idxNames(p, "images"));
    const labels = firstExisting(dir, idxNames(p, "labels"));
    if (images !== null && labels !== null) return { format: "idx", images, labels };
    if (images !== null || labels !== null) {
      throw new DataError(
        `The folder ${dir} has ${images !== null ? basename(images) : basename(labels!)} but not its ` +
          `${images !== null ? "labels" : "images"} file (${idxNames(p, images !== null ? "labels" : "images").join(" or ")}). ` +
          `Copy the missing file next to it.`,
        { file: dir },
      );
    }
  }
  const csv = firstExisting(dir, csvNames);
  return csv === null ? null : { format: "csv", file: csv };
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

function resolveConfigured(spec: RealDataSpec, datasetPath: string): ResolvedSource {
  const path = resolve(spec.baseDir, datasetPath);
  const st = statOrNull(path);
  if (st === null) {
    throw new DataError(
      `dataset_path ${path} does not exist. Set dataset_path to a folder of IDX files ` +
        `(train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz]) or to a CSV file, or set it to null with dataset_auto_prepare: true.`,
      { file: path },
    );
  }
  let train: SplitFiles;
  let test: SplitFiles | null = null;
  if (st.isDirectory()) {
    const found = splitInDir(path, TRAIN_IDX, TRAIN_CSV);
    if (found === null) {
      const present = readdirSync(path).sort().slice(0, 8).join(", ");
      throw new DataError(
        `dataset_path ${path} is a folder without training data: expected ${idxNames("train", "images")[1]} and ` +
          `${idxNames("train", "labels")[1]} (or train-first10k-*, or fashion-mnist_train.csv); found ${present === "" ? "nothing" : present}. ` +
          `Put the files there or point dataset_path at them.`,
        { file: path },
      );
    }
    train = found;
    test = splitInDir(path, TEST_IDX, TEST_CSV);
  } else {
    if (/-ubyte(\.gz)?$/.test(path)) {
      throw new DataError(
        `dataset_path ${path} is a single IDX file; an IDX dataset needs its images and labels files, so set dataset_path to the folder holding both.`,
        { file: path },
      );
    }
    train = { format: "csv", file: path };
  }
  return { kind: "configured", path, version: null, train, test };
}

function resolveTestPath(spec: RealDataSpec, testPath: string): SplitFiles {
  const path = resolve(spec.baseDir, testPath);
  const st = statOrNull(path);
  if (st?.isDirectory() === true) {
    const found = splitInDir(path, TEST_IDX, TEST_CSV);
    if (found === null) {
      throw new DataError(`dataset_test_path ${path} is a folder without t10k-* IDX files or fashion-mnist_test.csv; point it at the test CSV file.`, { file: path });
    }
    return found;
  }
  return { format: "csv", file: path }; // a missing file is reported by the reader, naming it
}

/** Version of the bundled subset, from the facts in its SOURCE.md. */
function bundledVersion(dir: string): string | null {
  try {
    const text = readFileSync(join(dir, "SOURCE.md"), "utf8");
    const m = /`dataset-fashion-mnist`, version `([^`]+)`/.exec(text);
    return m === null ? null : `train-first10k + t10k subset of dataset-fashion-mnist ${m[1]}`;
  } catch {
    return null;
  }
}

/** Chooses the data source for a spec: configured path, else Debian's package, else bundled. */
export function resolveSource(spec: RealDataSpec, env: ResolveEnv = defaultResolveEnv()): ResolvedSource {
  let src: ResolvedSource;
  if (spec.datasetPath !== null) {
    src = resolveConfigured(spec, spec.datasetPath);
  } else if (!spec.autoPrepare) {
    throw new DataError(
      "No dataset: dataset_path is null and dataset_auto_prepare is false. Set dataset_path to a folder of IDX files or a CSV file, " +
        "or set dataset_auto_prepare: true to use Debian's dataset-fashion-mnist package or the bundled Fashion-MNIST subset.",
    );
  } else {
    const debian = existsSync(env.debianDir) ? splitInDir(env.debianDir, ["train"], []) : null;
    if (debian !== null) {
      src = { kind: "debian", path: env.debianDir, version: env.debianVersion(), train: debian, test: splitInDir(env.debianDir, TEST_IDX, []) };
    } else {
      const bundled = existsSync(env.bundledDir) ? splitInDir(env.bundledDir, TRAIN_IDX, []) : null;
      if (bundled === null) {
        throw new DataError(
          `dataset_auto_prepare found no data: neither ${env.debianDir} (apt install dataset-fashion-mnist) nor the bundled ${env.bundledDir} ` +
            `has Fashion-MNIST IDX files. Reinstall repro-audit, install the Debian package, or set dataset_path.`,
          { file: env.bundledDir },
        );
      }
      src = { kind: "bundled", path: env.bundledDir, version: bundledVersion(env.bundledDir), train: bundled, test: splitInDir(env.bundledDir, TEST_IDX, []) };
    }
  }
  if (spec.testPath !== undefined && spec.testPath !== null) src.test = resolveTestPath(spec, spec.testPath);
  return src;
}

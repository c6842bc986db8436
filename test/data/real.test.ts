// loadRealData / verifyRealData on the bundled Fashion-MNIST subset, a fake Debian folder, configured
// IDX folders and CSV files. Oracles: NumPy-made hashes (fixtures/data/fashion-mnist-golden.json)
// and the SHA-256 table in data/fashion-mnist/SOURCE.md.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError } from "../../src/errors.js";
import { loadRealData, verifyRealData } from "../../src/data/real.js";
import { dataRecordSchema } from "../../src/data/record.js";
import { BUNDLED_DIR, resolveSource } from "../../src/data/resolve.js";
import type { ResolveEnv } from "../../src/data/resolve.js";
import { realDataSpecFromConfig } from "../../src/data/spec.js";
import type { RealDataSpec } from "../../src/data/spec.js";
import { csvText, LABELS_12, tempDir, writeIdxPair } from "./helpers.js";

const golden = JSON.parse(readFileSync(new URL("../fixtures/data/fashion-mnist-golden.json", import.meta.url), "utf8")) as Record<
  string,
  { xSha256: string; ySha256: string; classCounts: number[]; rows: number }
>;
const csvFixture = new URL("../fixtures/data/t10k-first5.csv", import.meta.url).pathname;

/** The SHA-256 columns of SOURCE.md's table: file -> [gz sha, unzipped sha]. */
function sourceTable(): Map<string, [string, string]> {
  const text = readFileSync(join(BUNDLED_DIR, "SOURCE.md"), "utf8");
  const m = new Map<string, [string, string]>();
  for (const row of text.matchAll(/^\| `([^`]+)` \| [\d,]+ \| `([0-9a-f]{64})` \| [\d,]+ \| `([0-9a-f]{64})` \|/gm)) m.set(row[1]!, [row[2]!, row[3]!]);
  return m;
}

const noDebian: ResolveEnv = { debianDir: "/nonexistent/debian-fashion-mnist", bundledDir: BUNDLED_DIR, debianVersion: () => null };

function spec(over: Partial<RealDataSpec> = {}): RealDataSpec {
  return { datasetPath: null, testPath: null, autoPrepare: true, minRows: 1000, sha256: null, features: 784, classes: 10, baseDir: process.cwd(), ...over };
}

describe("bundled Fashion-MNIST subset", () => {
  const { train, test, record } = loadRealData(spec(), noDebian);

  it("is chosen by auto-prepare when there is no Debian package, with its SOURCE.md version", () => {
    expect(record.source.kind).toBe("bundled");
    expect(record.source.path).toBe(BUNDLED_DIR);
    expect(record.source.version).toContain("0.0~git20200523.55506a9-1");
  });

  it("decodes to the arrays NumPy decodes (x float32 /255, y int32), train and test", () => {
    expect(train.n).toBe(10000);
    expect(train.x.length).toBe(10000 * 784);
    expect(record.train.xSha256).toBe(golden["train-first10k"]!.xSha256);
    expect(record.train.ySha256).toBe(golden["train-first10k"]!.ySha256);
    expect(record.test?.xSha256).toBe(golden["t10k"]!.xSha256);
    expect(record.test?.ySha256).toBe(golden["t10k"]!.ySha256);
    expect(record.train.classCounts).toEqual(golden["train-first10k"]!.classCounts);
    expect(record.test?.classCounts).toEqual(golden["t10k"]!.classCounts);
    expect(Array.from(test!.y.subarray(0, 10))).toEqual([9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
    expect(Array.from(train.y.subarray(0, 10))).toEqual([9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
  });

  it("records stored and unzipped file hashes equal to SOURCE.md's table", () => {
    const table = sourceTable();
    expect(table.size).toBe(4);
    for (const f of [...record.train.files, ...record.test!.files]) {
      const name = f.path.slice(f.path.lastIndexOf("/") + 1);
      expect([f.sha256, f.decompressedSha256], name).toEqual(table.get(name));
      expect(f.gzip).toBe(true);
    }
  });

  it("passes every check, records them, and validates against the record schema", () => {
    expect(record.checks.map((c) => c.name)).toEqual([
      "train.features",
      "train.labels-in-range",
      "train.min-rows",
      "test.features",
      "test.labels-in-range",
    ]);
    expect(record.ok).toBe(true);
    expect(record.checks.find((c) => c.name === "train.min-rows")).toEqual({ name: "train.min-rows", passed: true, expected: ">= 1000", actual: 10000 });
    expect(dataRecordSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it("accepts dataset_sha256 as a stored file hash, an unzipped hash, or the x / y hash", () => {
    const table = sourceTable();
    for (const h of [table.get("train-first10k-images-idx3-ubyte.gz")![0], table.get("train-first10k-labels-idx1-ubyte.gz")![1], golden["train-first10k"]!.xSha256, golden["t10k"]!.ySha256]) {
      const r = verifyRealData(spec({ sha256: h }), noDebian);
      expect(r.ok, h).toBe(true);
      expect(r.record.checks.at(-1)?.name).toBe("sha256");
    }
  });
});

describe("source resolution", () => {
  it("prefers Debian's dataset-fashion-mnist folder and records the package version", () => {
    const deb = tempDir();
    for (const [from, to] of [
      ["train-first10k-images-idx3-ubyte.gz", "train-images-idx3-ubyte.gz"],
      ["train-first10k-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte.gz"],
      ["t10k-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz"],
      ["t10k-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte.gz"],
    ] as const) copyFileSync(join(BUNDLED_DIR, from), join(deb, to));
    const src = resolveSource(spec(), { debianDir: deb, bundledDir: BUNDLED_DIR, debianVersion: () => "0.0~git20200523.55506a9-1" });
    expect(src).toMatchObject({ kind: "debian", path: deb, version: "0.0~git20200523.55506a9-1" });
    expect(src.train).toEqual({ format: "idx", images: join(deb, "train-images-idx3-ubyte.gz"), labels: join(deb, "train-labels-idx1-ubyte.gz") });
    expect(src.test).toEqual({ format: "idx", images: join(deb, "t10k-images-idx3-ubyte.gz"), labels: join(deb, "t10k-labels-idx1-ubyte.gz") });
  });

  it("uses the configured path over auto-prepare, relative to baseDir", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "fm"));
    writeIdxPair(join(dir, "fm"), LABELS_12, { gz: true });
    const { record, train } = loadRealData(spec({ datasetPath: "fm", baseDir: dir, minRows: 12 }), noDebian);
    expect(record.source).toEqual({ kind: "configured", path: join(dir, "fm"), version: null });
    expect(record.test).toBeNull();
    expect(Array.from(train.y)).toEqual(LABELS_12);
  });

  it("without a path and without auto-prepare throws a DataError that says how to fix it", () => {
    expect(() => loadRealData(spec({ autoPrepare: false }), noDebian)).toThrow(/dataset_path is null and dataset_auto_prepare is false.*Set dataset_path/);
  });

  it("maps an experiment config to a spec", () => {
    const s = realDataSpecFromConfig(
      { layer_sizes: [784, 64, 10], dataset_path: "d", dataset_test_path: null, dataset_min_rows: 1000, dataset_auto_prepare: true, dataset_sha256: "AB".repeat(32) },
      "/x",
    );
    expect(s).toEqual({ datasetPath: "d", testPath: null, autoPrepare: true, minRows: 1000, sha256: "ab".repeat(32), features: 784, classes: 10, baseDir: "/x" });
  });
});

describe("CSV data", () => {
  it("decodes the first 5 t10k records to NumPy's hashes (header row present)", () => {
    const { record, train } = loadRealData(spec({ datasetPath: csvFixture, minRows: 5 }), noDebian);
    expect(record.train.format).toBe("csv");
    expect(train.n).toBe(5);
    expect(record.train.xSha256).toBe(golden["t10k-first5.csv"]!.xSha256);
    expect(record.train.ySha256).toBe(golden["t10k-first5.csv"]!.ySha256);
  });

  it("reads headerless, CRLF and gzip'd CSV, plus a test CSV via testPath", async () => {
    const { gzipSync } = await import("node:zlib");
    const dir = tempDir();
    const withHeader = csvText(LABELS_12);
    writeFileSync(join(dir, "a.csv"), withHeader);
    writeFileSync(join(dir, "b.csv"), csvText(LABELS_12, { header: false }).replace(/\n/g, "\r\n"));
    writeFileSync(join(dir, "c.csv.gz"), gzipSync(withHeader));
    const base = loadRealData(spec({ datasetPath: join(dir, "a.csv"), minRows: 1 }), noDebian);
    for (const other of ["b.csv", "c.csv.gz"]) {
      const r = loadRealData(spec({ datasetPath: join(dir, other), testPath: join(dir, "a.csv"), minRows: 1 }), noDebian);
      expect(r.record.train.xSha256, other).toBe(base.record.train.xSha256);
      expect(r.record.test?.ySha256, other).toBe(base.record.train.ySha256);
    }
  });
});

describe("failed checks", () => {
  it("verifyRealData reports expected vs actual; loadRealData throws a DataError listing them", () => {
    const dir = writeIdxPair(tempDir(), [0, 1, 12, 3]);
    const s = spec({ datasetPath: dir, minRows: 10, features: 100 });
    const { ok, record } = verifyRealData(s, noDebian);
    expect(ok).toBe(false);
    const failed = record.checks.filter((c) => !c.passed);
    expect(failed).toEqual([
      { name: "train.features", passed: false, expected: 100, actual: 784 },
      { name: "train.labels-in-range", passed: false, expected: "0..9", actual: "0..12" },
      { name: "train.min-rows", passed: false, expected: ">= 10", actual: 4 },
    ]);
    let err: unknown;
    try {
      loadRealData(s, noDebian);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(/failed 3 validation checks: train\.features: expected 100, found 784.*train\.labels-in-range: expected 0\.\.9, found 0\.\.12.*train\.min-rows: expected >= 10, found 4/);
  });

  it("a pinned sha256 that matches nothing fails the sha256 check", () => {
    const dir = writeIdxPair(tempDir(), LABELS_12);
    const { ok, record } = verifyRealData(spec({ datasetPath: dir, minRows: 1, sha256: "0".repeat(64) }), noDebian);
    expect(ok).toBe(false);
    expect(record.checks.at(-1)).toMatchObject({ name: "sha256", passed: false, expected: "0".repeat(64) });
  });
});

// `repro-audit data verify|hash` through yargs with the same error-to-exit-code mapping as
// src/cli/main.ts (typed error -> its exitCode; process.exitCode = 1 for a failed check). When the
// built CLI (dist/cli/main.js) registers `data`, the exit codes are checked through it too.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import yargs from "yargs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dataCommand } from "../../src/cli/commands/data.js";
import { ReproAuditError, UsageError } from "../../src/errors.js";
import { BUNDLED_DIR } from "../../src/data/resolve.js";
import { idxImages, LABELS_12, tempDir, writeIdxPair } from "./helpers.js";

async function run(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const oldCwd = process.cwd();
  if (cwd !== undefined) process.chdir(cwd);
  process.exitCode = undefined;
  try {
    await yargs(args)
      .strict()
      .fail((msg, err) => {
        throw err ?? new UsageError(msg);
      })
      .command(dataCommand)
      .parseAsync();
    return { code: typeof process.exitCode === "number" ? process.exitCode : 0, stdout, stderr: "" };
  } catch (err) {
    return { code: err instanceof ReproAuditError ? err.exitCode : 3, stdout, stderr: err instanceof Error ? err.message : String(err) };
  } finally {
    process.exitCode = undefined;
    process.chdir(oldCwd);
    spy.mockRestore();
  }
}

function experiment(dir: string, body: Record<string, unknown>): string {
  const f = join(dir, "exp.json");
  writeFileSync(f, JSON.stringify({ extends: "real_fashion_mnist", ...body }));
  return f;
}

afterEach(() => {
  process.exitCode = undefined;
});

describe("data verify", () => {
  it("real_fashion_mnist: exit 0, prints the source and each check with expected and actual", async () => {
    const r = await run(["data", "verify", "--experiment", "real_fashion_mnist"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^experiment: real_fashion_mnist\nsource: (bundled|debian) /);
    expect(r.stdout).toContain("PASS train.features: expected 784, actual 784");
    expect(r.stdout).toContain("PASS train.labels-in-range: expected 0..9, actual 0..9");
    expect(r.stdout).toMatch(/PASS train\.min-rows: expected >= 1000, actual (10000|60000)/);
    expect(r.stdout).toContain("result: all 5 checks passed");
  });

  it("--json prints the record; a relative dataset_path resolves against the experiment file", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "fm"));
    writeIdxPair(join(dir, "fm"), LABELS_12, { gz: true });
    const r = await run(["data", "verify", "-e", experiment(dir, { dataset_path: "fm", dataset_min_rows: 12 }), "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; data: { source: unknown; train: { rows: number } } };
    expect(out.ok).toBe(true);
    expect(out.data.source).toEqual({ kind: "configured", path: join(dir, "fm"), version: null });
    expect(out.data.train.rows).toBe(12);
  });

  it("a failed check: exit 1, FAIL line with expected and actual", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "fm"));
    writeIdxPair(join(dir, "fm"), [0, 1, 11]);
    const r = await run(["data", "verify", "-e", experiment(dir, { dataset_path: "fm", dataset_min_rows: 3 })]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAIL train.labels-in-range: expected 0..9, actual 0..11");
    expect(r.stdout).toContain("result: 1 of 3 checks failed");
  });

  it("unreadable data: exit 2 with the DataError message", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "fm"));
    writeIdxPair(join(dir, "fm"), LABELS_12);
    writeFileSync(join(dir, "fm", "train-images-idx3-ubyte"), idxImages(12, { magic: 2052 }));
    const r = await run(["data", "verify", "-e", experiment(dir, { dataset_path: "fm" })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not an IDX images file: expected magic number 2051, found 2052/);
  });

  it("a synthetic experiment reports its spec (no files) and passes", async () => {
    const r = await run(["data", "verify", "--experiment", "baseline", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      experiment: "baseline",
      data: { kind: "synthetic", dataset_version: "synthetic-v1", samples: 512, features: 784, classes: 10, seed: 42, files: [] },
      ok: true,
    });
  });
});

describe("data hash", () => {
  it("prints sha256sum lines and the manifest hash; --json gives the object", async () => {
    const r = await run(["data", "hash", "t10k-labels-idx1-ubyte.gz", "train-first10k-labels-idx1-ubyte.gz"], BUNDLED_DIR);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5 {2}t10k-labels-idx1-ubyte\.gz\n0b1c9fd85da433904cd8c43816d58e9156256c8dde6e23698c4b9340b0494067 {2}train-first10k-labels-idx1-ubyte\.gz\nmanifest sha256: [0-9a-f]{64}\n$/,
    );
    const j = await run(["data", "hash", "*labels*", "--json"], BUNDLED_DIR);
    const obj = JSON.parse(j.stdout) as { files: { path: string }[]; manifestSha256: string };
    expect(obj.files.map((f) => f.path)).toEqual(["t10k-labels-idx1-ubyte.gz", "train-first10k-labels-idx1-ubyte.gz"]);
    expect(r.stdout).toContain(`manifest sha256: ${obj.manifestSha256}`);
  });

  it("no match: exit 2", async () => {
    const r = await run(["data", "hash", "missing/*.bin"], tempDir());
    expect(r.code).toBe(2);
  });
});

const mainJs = new URL("../../dist/cli/main.js", import.meta.url).pathname;
const builtHasData = existsSync(mainJs) && existsSync(new URL("../../dist/cli/commands/data.js", import.meta.url).pathname) &&
  readFileSync(new URL("../../dist/cli/commands/index.js", import.meta.url).pathname, "utf8").includes("data");

describe.skipIf(!builtHasData)("built CLI (dist/cli/main.js; skipped until `data` is registered and built)", () => {
  it("exit codes 0 / 2 and --help with an example", () => {
    const ok = spawnSync("node", [mainJs, "data", "verify", "--experiment", "real_fashion_mnist"], { encoding: "utf8" });
    expect(ok.status).toBe(0);
    const bad = spawnSync("node", [mainJs, "data", "verify", "--experiment", "real_fashion_mnist", "--dataset-path", "/nonexistent/fm"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("dataset_path /nonexistent/fm does not exist");
    expect(execFileSync("node", [mainJs, "data", "hash", "--help"], { encoding: "utf8" })).toContain("Examples:");
  });
});

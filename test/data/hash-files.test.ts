// hashFiles against two oracles: the SHA-256 table in data/fashion-mnist/SOURCE.md and coreutils'
// sha256sum (the manifest hash equals `sha256sum <sorted files> | sha256sum`).

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError } from "../../src/errors.js";
import { hashFiles, manifestText, sha256File } from "../../src/data/hash-files.js";
import { BUNDLED_DIR } from "../../src/data/resolve.js";
import { tempDir } from "./helpers.js";

function hasSha256sum(): boolean {
  try {
    execFileSync("sha256sum", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("hashFiles", () => {
  it("hashes the bundled files to SOURCE.md's published SHA-256s (glob input)", async () => {
    const text = readFileSync(join(BUNDLED_DIR, "SOURCE.md"), "utf8");
    const published = new Map([...text.matchAll(/^\| `([^`]+)` \| ([\d,]+) \| `([0-9a-f]{64})`/gm)].map((m) => [m[1]!, { sha: m[3]!, bytes: Number(m[2]!.replace(/,/g, "")) }]));
    expect(published.size).toBe(4);
    const { files } = await hashFiles(["*.gz"], BUNDLED_DIR);
    expect(files.map((f) => f.path)).toEqual([...published.keys()].sort());
    for (const f of files) expect({ sha256: f.sha256, bytes: f.bytes }).toEqual({ sha256: published.get(f.path)!.sha, bytes: published.get(f.path)!.bytes });
  });

  it("expands folders, dedups, sorts by path, and small read buffers give the same hash", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "b.txt"), "bee\n");
    writeFileSync(join(dir, "sub", "a.txt"), "a".repeat(100_000));
    writeFileSync(join(dir, "A.bin"), new Uint8Array(0));
    const r = await hashFiles(["sub", "b.txt", "*.txt", "A.bin"], dir);
    expect(r.files.map((f) => f.path)).toEqual(["A.bin", "b.txt", "sub/a.txt"]);
    expect(r.files[0]!.sha256).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"); // SHA-256 of ""
    const small = await sha256File(join(dir, "sub", "a.txt"), 7);
    expect(small).toEqual({ sha256: r.files[2]!.sha256, bytes: 100_000 });
    expect(manifestText(r.files)).toBe(r.files.map((f) => `${f.sha256}  ${f.path}\n`).join(""));
  });

  it.skipIf(!hasSha256sum())("matches sha256sum: per-file lines and the manifest hash", async () => {
    const dir = tempDir();
    for (const [name, body] of [["z.dat", "zzz"], ["m.dat", "middle"], ["a.dat", "x".repeat(3_000_000)]] as const) writeFileSync(join(dir, name), body);
    const r = await hashFiles(["*.dat"], dir);
    const lines = execFileSync("sha256sum", r.files.map((f) => f.path), { cwd: dir, encoding: "utf8" });
    expect(manifestText(r.files)).toBe(lines);
    const manifest = execFileSync("sha256sum", [], { input: lines, encoding: "utf8" }).split(" ")[0];
    expect(r.manifestSha256).toBe(manifest);
  });

  it("a pattern that matches nothing is a DataError naming it", async () => {
    await expect(hashFiles(["nope/*.gz"], tempDir())).rejects.toThrow(DataError);
    await expect(hashFiles(["nope/*.gz"], tempDir())).rejects.toThrow(/Nothing to hash for "nope\/\*\.gz": .* matches no files/);
  });
});

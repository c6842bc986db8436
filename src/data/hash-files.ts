// Hashing data files for `repro-audit data hash`: paths or fast-glob patterns, each file hashed
// by streaming SHA-256 (node:crypto over one reused read buffer), plus a manifest hash.
//
// Manifest form (exact): the files sorted by path (JavaScript string order = byte order for ASCII,
// like `LC_ALL=C sort`), one sha256sum-style line each, `<sha256>  <path>\n` (two spaces, LF), and
// manifestSha256 = SHA-256 of those lines concatenated (UTF-8). So for plain ASCII paths
// `sha256sum <files in sorted order> | sha256sum` prints the same manifest hash. Paths are as
// matched relative to cwd with `/` separators (absolute inputs stay absolute).
// Not here: hashes of decoded arrays (real.ts).

import { createHash } from "node:crypto";
import { open, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import fg from "fast-glob";
import { DataError, describeFsError } from "../errors.js";

/** Read size for streaming hashes. bench/data-bench.mjs compares sizes: 1-4 MiB were equally fast
 *  here (~1.2-1.3 GB/s, 64-256 KiB slower), so 1 MiB keeps memory small. */
export const HASH_READ_BYTES = 1 << 20;

export interface HashedFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** Streaming SHA-256 of one file (lowercase hex) and its size. */
export async function sha256File(path: string, bufferBytes: number = HASH_READ_BYTES): Promise<{ sha256: string; bytes: number }> {
  const fh = await open(path, "r");
  try {
    const h = createHash("sha256");
    const buf = Buffer.allocUnsafe(bufferBytes);
    let total = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, bufferBytes, null);
      if (bytesRead === 0) break;
      h.update(bytesRead === bufferBytes ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
    }
    return { sha256: h.digest("hex"), bytes: total };
  } finally {
    await fh.close();
  }
}

/** The manifest lines (sha256sum form) for already-sorted files. */
export function manifestText(files: HashedFile[]): string {
  return files.map((f) => `${f.sha256}  ${f.path}\n`).join("");
}

function toPosix(p: string): string {
  return p.split("\\").join("/");
}

/** Expands each argument: an existing file as is, a folder to every file under it, else a glob. */
async function expand(arg: string, cwd: string): Promise<string[]> {
  const abs = resolve(cwd, arg);
  const st = await stat(abs).catch(() => null);
  const shown = (p: string) => (isAbsolute(arg) ? toPosix(resolve(cwd, p)) : toPosix(p));
  if (st?.isFile() === true) return [isAbsolute(arg) ? toPosix(abs) : toPosix(relative(cwd, abs) || arg)];
  if (st?.isDirectory() === true) {
    const base = toPosix(relative(cwd, abs)) || ".";
    const found = await fg(`${fg.escapePath(base)}/**/*`, { cwd, onlyFiles: true, dot: true });
    return found.map(shown);
  }
  const found = await fg(toPosix(arg), { cwd, onlyFiles: true, dot: false });
  if (found.length === 0) {
    throw new DataError(
      `Nothing to hash for ${JSON.stringify(arg)}: it is not an existing file or folder (relative to ${cwd}) and as a glob pattern it matches no files. ` +
        `Check the path, or quote the pattern so the shell does not expand it.`,
      { file: abs },
    );
  }
  return found.map(shown);
}

/** Hashes files given as paths, folders or globs; sorted by path, duplicates removed. */
export async function hashFiles(patternsOrPaths: string[], cwd: string): Promise<{ files: HashedFile[]; manifestSha256: string }> {
  if (patternsOrPaths.length === 0) throw new DataError("Name at least one file, folder or glob pattern to hash, e.g. `data/fashion-mnist/*.gz`.");
  const paths = new Set<string>();
  for (const arg of patternsOrPaths) for (const p of await expand(arg, cwd)) paths.add(p);
  const sorted = [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files: HashedFile[] = [];
  for (const p of sorted) {
    try {
      const { sha256, bytes } = await sha256File(resolve(cwd, p));
      files.push({ path: p, bytes, sha256 });
    } catch (err) {
      throw new DataError(`Cannot hash ${p}: ${describeFsError(err)}. Check the path and its permissions.`, { file: p, cause: err });
    }
  }
  const manifestSha256 = createHash("sha256").update(manifestText(files), "utf8").digest("hex");
  return { files, manifestSha256 };
}

// The artifacts of an external program's repeat: the files its `artifacts` fast-glob patterns
// match, hashed (SHA-256 of the bytes as stored, streamed so large checkpoints do not fill memory)
// with their sizes. They take the place of the core's weight hashes in the verdict. Paths are
// recorded relative to the repeat's output folder, so the same file of two repeats has the same
// path; a match outside that folder (an absolute pattern) keeps its absolute path.

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { isAbsolute, relative, sep } from "node:path";
import fg from "fast-glob";

export class ArtifactPatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArtifactPatternError";
  }
}

export interface HashedArtifact {
  path: string;
  sha256: string;
  bytes: number;
}

export function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    let bytes = 0;
    createReadStream(path)
      .on("data", (chunk) => {
        const b = chunk as Buffer;
        bytes += b.length;
        h.update(b);
      })
      .on("error", reject)
      .on("end", () => resolve({ sha256: h.digest("hex"), bytes }));
  });
}

/** Path of `abs` as recorded: relative to `outDir` (with "/") when inside it, else absolute. */
export function recordedPath(outDir: string, abs: string): string {
  const rel = relative(outDir, abs);
  return rel.startsWith("..") || isAbsolute(rel) ? abs : rel.split(sep).join("/");
}

/**
 * Expands every pattern against `outDir` (absolute patterns as they are) and hashes the files in
 * sorted path order. A pattern that matches no file is an ArtifactPatternError: the program did
 * not produce what the experiment says it produces.
 */
export async function collectArtifacts(patterns: readonly string[], outDir: string): Promise<HashedArtifact[]> {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const matches = await fg(pattern, { cwd: outDir, absolute: true, onlyFiles: true, dot: true, followSymbolicLinks: true });
    if (matches.length === 0) throw new ArtifactPatternError(`artifact pattern "${pattern}" matched no file in ${isAbsolute(pattern) ? "the file system" : outDir}; the program did not write it (or the pattern is wrong)`);
    for (const m of matches) files.add(m);
  }
  const out: HashedArtifact[] = [];
  for (const abs of [...files].sort()) out.push({ path: recordedPath(outDir, abs), ...(await hashFile(abs)) });
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

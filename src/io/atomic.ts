// Atomic file writes: write a sibling temp file, fsync it, then rename over the target, so a
// reader (or a killed run) never sees a half-written file. DESIGN.md §7. A file-system failure
// (a folder that is a file, no permission, a full disk) is an ArtifactError naming the path and
// the fix, so the CLI exits 2 with one paragraph instead of a stack trace.

import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ArtifactError, describeFsError } from "../errors.js";

let counter = 0;

/** Creates `dir` (and its parents) or throws ArtifactError naming `what` and the fix. */
export function ensureDir(dir: string, what = "output folder"): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "EEXIST" ? "a file is in the way" : describeFsError(err);
    throw new ArtifactError(`cannot use ${dir} as the ${what}: ${why}. Choose another folder, or move what is in the way.`, { file: dir, cause: err });
  }
}

/** Writes `data` to `path` atomically, creating parent folders. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  ensureDir(dirname(path), `folder of ${basename(path)}`);
  counter += 1;
  const tmp = join(dirname(path), `.tmp-${basename(path)}.${process.pid}.${counter}`);
  try {
    const fd = openSync(tmp, "w");
    try {
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new ArtifactError(`cannot write ${path}: ${describeFsError(err)}. Check that the folder is writable and has space, or choose another output folder.`, { file: path, cause: err });
  }
}

/** Writes a value as pretty JSON (2-space indent, trailing newline) atomically. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + "\n");
}

// The on-disk layout of a run (DESIGN.md §2, §7): runs/<run-id>/ with config.json, logs/,
// checkpoints/ and the per-run records. Every file is written atomically; a run folder is created
// exclusively, so one run never writes into another's.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedExperiment } from "../config/load.js";
import { ArtifactError } from "../errors.js";
import { ensureDir, writeFileAtomic, writeJsonAtomic } from "../io/atomic.js";
import { sha256Hex } from "../io/hash.js";
import { encodeNpz, type NpyArray } from "../io/npz.js";
import type { Model } from "../nn/model.js";
import type { TraceEntry } from "./train-once.js";

/** Creates `<outDir>/<runId>` and fails rather than reuse an existing folder. */
export function createRunDir(outDir: string, runId: string): string {
  const dir = join(outDir, runId);
  ensureDir(outDir, "runs folder (--out-dir)");
  try {
    mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") throw new ArtifactError(`run folder ${dir} already exists; repro-audit never overwrites a run. Choose another --out-dir or remove it yourself.`, { file: dir });
    throw new ArtifactError(`cannot create run folder ${dir}: ${(err as Error).message}. Check that --out-dir is writable.`, { file: dir, cause: err });
  }
  mkdirSync(join(dir, "logs"));
  mkdirSync(join(dir, "checkpoints"));
  return dir;
}

/** The resolved config with where every value came from, as written to config.json. */
export function configDocument(exp: ResolvedExperiment) {
  return {
    experiment: exp.name,
    file: exp.file,
    description: exp.description,
    configSha256: exp.configSha256,
    config: exp.config,
    sources: exp.sources,
  };
}

export function writeConfig(dir: string, exp: ResolvedExperiment): void {
  writeJsonAtomic(join(dir, "config.json"), configDocument(exp));
}

/** Rewrites the JSON-lines epoch log atomically (called after every epoch). */
export function writeEpochLog(path: string, entries: TraceEntry[]): void {
  writeFileAtomic(path, entries.map((e) => JSON.stringify(e)).join("\n") + (entries.length > 0 ? "\n" : ""));
}

/** Writes the model as a .npz numpy.load opens (W1, b1, … float32 and the config as JSON). */
export function writeCheckpoint(path: string, model: Model, exp: ResolvedExperiment): { path: string; sha256: string; bytes: number } {
  const arrays: [string, NpyArray][] = model.layout.entries.map((e) => [
    e.name,
    { dtype: "<f4", shape: e.shape, data: model.params.subarray(e.offset, e.offset + e.size) },
  ]);
  arrays.push(["config", { dtype: "<U", shape: [], data: JSON.stringify({ experiment: exp.name, ...exp.config }) }]);
  const bytes = encodeNpz(arrays);
  writeFileAtomic(path, bytes);
  return { path, sha256: sha256Hex(bytes), bytes: bytes.length };
}

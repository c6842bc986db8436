// The tool's dependency lock, checked against what is installed: SHA-256 of package-lock.json
// as stored, then every entry of its "packages" map (lockfileVersion 2/3, npm docs
// "package-lock.json") compared with node_modules/<path>/package.json. Optional entries that
// are not installed (another platform's binaries) are skipped and counted; workspace links are
// not checked. It reports; it does not judge — verify.ts turns this into pass/fail checks.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DependencyCheck, LockedPackage } from "./schema.js";

interface LockEntry {
  version?: unknown;
  name?: unknown;
  optional?: unknown;
  link?: unknown;
}

function readVersion(file: string): string | null {
  try {
    const v = (JSON.parse(readFileSync(file, "utf8")) as { version?: unknown }).version;
    return typeof v === "string" ? v : null;
  } catch {
    return null;
  }
}

function empty(problem: string, sha: string | null, version: number | null): DependencyCheck {
  return { lockfileSha256: sha, lockfileVersion: version, problem, checked: 0, skippedOptional: 0, mismatches: [], missing: [] };
}

/** Compares `<root>/package-lock.json` with `<root>/node_modules`. Never throws for bad files. */
export function checkLockedDependencies(root: string): DependencyCheck {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, "package-lock.json"));
  } catch {
    return empty("no package-lock.json beside the tool's package.json (an npm-installed copy ships none)", null, null);
  }
  const sha = createHash("sha256").update(bytes).digest("hex");
  let lock: { lockfileVersion?: unknown; packages?: unknown };
  try {
    lock = JSON.parse(bytes.toString("utf8")) as typeof lock;
  } catch (err) {
    return empty(`package-lock.json is not valid JSON: ${(err as Error).message}`, sha, null);
  }
  const version = typeof lock.lockfileVersion === "number" ? lock.lockfileVersion : null;
  if (typeof lock.packages !== "object" || lock.packages === null) {
    return empty(`package-lock.json has no "packages" map (lockfileVersion ${version ?? "?"}; npm 7+ writes version 2 or 3)`, sha, version);
  }
  const packages = lock.packages as Record<string, LockEntry>;
  const result: DependencyCheck = { lockfileSha256: sha, lockfileVersion: version, problem: null, checked: 0, skippedOptional: 0, mismatches: [], missing: [] };
  const keys = Object.keys(packages).filter((k) => k !== "").sort();
  for (const path of keys) {
    const entry = packages[path] ?? {};
    if (entry.link === true || typeof entry.version !== "string") continue;
    const name = typeof entry.name === "string" ? entry.name : path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
    const installed = readVersion(join(root, path, "package.json"));
    const record: LockedPackage = { name, path, locked: entry.version, installed };
    if (installed === null) {
      if (entry.optional === true) {
        result.skippedOptional++;
        continue;
      }
      result.checked++;
      result.missing.push(record);
      continue;
    }
    result.checked++;
    if (installed !== entry.version) result.mismatches.push(record);
  }
  return result;
}

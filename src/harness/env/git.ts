// Git state of the audited project: HEAD commit and whether the work tree is dirty (tracked
// changes or untracked, non-ignored files — an untracked script can change a run). Returns null
// when the folder is not in a git work tree or git is not installed; never throws for that.
// Reads only: `git status` runs with GIT_OPTIONAL_LOCKS=0 so it does not rewrite the index.

import { execFile } from "node:child_process";
import type { GitState } from "./schema.js";

interface Run {
  ok: boolean;
  stdout: string;
}

function git(dir: string, args: string[]): Promise<Run> {
  // Drop variables that would point git at another repository than `dir`.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CEILING_DIRECTORIES"].includes(k)) env[k] = v;
  }
  env["GIT_OPTIONAL_LOCKS"] = "0";
  env["LC_ALL"] = "C";
  return new Promise((resolve) => {
    execFile("git", ["-C", dir, ...args], { env, timeout: 10_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      resolve({ ok: err === null, stdout: String(stdout) });
    });
  });
}

/** HEAD commit and dirty flag of the work tree containing `dir`, or null when there is none. */
export async function readGitState(dir: string): Promise<GitState | null> {
  const inside = await git(dir, ["rev-parse", "--is-inside-work-tree"]);
  if (!inside.ok || inside.stdout.trim() !== "true") return null;
  const [head, status] = await Promise.all([
    git(dir, ["rev-parse", "--verify", "--quiet", "HEAD"]),
    git(dir, ["status", "--porcelain", "--untracked-files=normal"]),
  ]);
  if (!status.ok) return null;
  return { commit: head.ok ? head.stdout.trim() || null : null, dirty: status.stdout.trim().length > 0 };
}

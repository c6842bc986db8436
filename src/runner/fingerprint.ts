// The external program's part of the environment fingerprint: the output of the experiment's
// `fingerprint` commands (e.g. `python3 --version`, `python3 -m pip freeze`), run once per run in
// the program's folder and environment, recorded as environment.external[]. A command that fails
// is recorded with its error; it does not stop the run (the fingerprint describes, it does not
// judge). Not here: comparing fingerprints (diff) or the Node-side facts (harness/env/).

import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import type { ExperimentConfig } from "../config/schema.js";
import type { ExternalFingerprint } from "../harness/env/schema.js";
import { commandArgv } from "./split.js";

const STDOUT_LIMIT = 64 * 1024;
const STDERR_LIMIT = 4 * 1024;

function cut(text: string, limit: number): string {
  const t = text.trim();
  return t.length > limit ? `${t.slice(0, limit)}\n… (cut at ${limit} characters)` : t;
}

export function runFingerprintCommand(argv: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ExternalFingerprint> {
  return new Promise((done) => {
    execFile(argv[0]!, argv.slice(1), { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: "utf8", killSignal: "SIGKILL" }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: number | string }) | null;
      let error: string | null = null;
      let exitCode: number | null = 0;
      if (e !== null) {
        exitCode = typeof e.code === "number" ? e.code : null;
        if (e.code === "ENOENT") error = `program "${argv[0]}" not found`;
        else if (e.killed === true || e.signal) error = e.killed === true ? `timed out after ${timeoutMs / 1000} s` : `killed by signal ${e.signal}`;
        else if (typeof e.code === "number") error = `exited with code ${e.code}`;
        else error = e.message;
      }
      done({ command: argv, exitCode, error, stdout: cut(stdout ?? "", STDOUT_LIMIT), stdoutSha256: createHash("sha256").update(stdout ?? "", "utf8").digest("hex"), stderr: cut(stderr ?? "", STDERR_LIMIT) });
    });
  });
}

/** Runs every `fingerprint` command of `config` in order (one at a time: 2 cores, no races). */
export async function externalFingerprint(config: ExperimentConfig, baseDir: string, parentEnv: NodeJS.ProcessEnv = process.env): Promise<ExternalFingerprint[]> {
  const cwd = config.cwd === null ? baseDir : resolve(baseDir, config.cwd);
  const env = { ...parentEnv, ...config.env };
  const out: ExternalFingerprint[] = [];
  for (const f of config.fingerprint) out.push(await runFingerprintCommand(commandArgv(f), cwd, env));
  return out;
}

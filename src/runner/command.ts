// From a command-runner config to what is spawned for one repeat: argv with the placeholders
// {seed}, {repeat} and {outDir} filled in, the working folder, and the environment (the caller's,
// plus the config's `env`, plus REPRO_AUDIT_SEED / REPRO_AUDIT_REPEAT / REPRO_AUDIT_OUT_DIR).
// Placeholders are replaced textually inside any argument, `cwd` and `env` values; `{{` and `}}`
// stand for literal braces. Unknown placeholders are left as written (Python format strings in an
// argument stay intact). Pure: no I/O.

import { resolve } from "node:path";
import type { ExperimentConfig } from "../config/schema.js";
import { commandArgv } from "./split.js";

export interface RepeatContext {
  seed: number;
  repeat: number;
  /** Absolute path of the repeat's fresh output folder. */
  outDir: string;
}

export interface ResolvedCommand {
  argv: string[];
  cwd: string;
  /** Only the variables repro-audit adds (config `env` + REPRO_AUDIT_*), for the record. */
  added: Record<string, string>;
  env: NodeJS.ProcessEnv;
}

export const ENV_SEED = "REPRO_AUDIT_SEED";
export const ENV_REPEAT = "REPRO_AUDIT_REPEAT";
export const ENV_OUT_DIR = "REPRO_AUDIT_OUT_DIR";

/** Replaces {seed}, {repeat} and {outDir} in `text`; `{{`/`}}` are literal braces. */
export function fillPlaceholders(text: string, ctx: RepeatContext): string {
  const values: Record<string, string> = { seed: String(ctx.seed), repeat: String(ctx.repeat), outDir: ctx.outDir };
  return text.replace(/\{\{|\}\}|\{(seed|repeat|outDir)\}/g, (m, name: string | undefined) => (m === "{{" ? "{" : m === "}}" ? "}" : values[name!]!));
}

/** The command, folder and environment of one repeat; `baseDir` anchors a relative `cwd`. */
export function resolveCommand(config: ExperimentConfig, baseDir: string, ctx: RepeatContext, parentEnv: NodeJS.ProcessEnv = process.env): ResolvedCommand {
  if (config.command === null) throw new TypeError("resolveCommand: config.command is null (validated configs never are)");
  const argv = commandArgv(config.command).map((a) => fillPlaceholders(a, ctx));
  const cwd = config.cwd === null ? baseDir : resolve(baseDir, fillPlaceholders(config.cwd, ctx));
  const added: Record<string, string> = {};
  for (const name of Object.keys(config.env).sort()) added[name] = fillPlaceholders(config.env[name]!, ctx);
  added[ENV_SEED] = String(ctx.seed);
  added[ENV_REPEAT] = String(ctx.repeat);
  added[ENV_OUT_DIR] = ctx.outDir;
  return { argv, cwd, added, env: { ...parentEnv, ...added } };
}

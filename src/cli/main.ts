#!/usr/bin/env node
// The command-line entry. It is the only place that prints errors and chooses exit codes
// (DESIGN.md §6): handlers throw typed errors from src/errors.ts and set process.exitCode = 1
// when an audit fails.

import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { EXIT, ReproAuditError, UsageError } from "../errors.js";
import { commands } from "./commands/index.js";
import { TOOL_VERSION } from "../version.js";

function printError(err: unknown): number {
  if (err instanceof ReproAuditError && err.exitCode !== EXIT.internal) {
    process.stderr.write(`repro-audit: ${err.message}\n`);
    return err.exitCode;
  }
  const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(
    `repro-audit: internal error — this is a bug in repro-audit ${TOOL_VERSION}; please report it with the output below.\n${stack}\n`,
  );
  return EXIT.internal;
}

export async function main(argv: string[]): Promise<number> {
  let usageFailure: Error | undefined;
  const parser = yargs(argv)
    .scriptName("repro-audit")
    .usage("$0 <command> [options]\n\nProves whether a training run reproduces, with evidence.")
    .strict()
    .demandCommand(1, "Name a command; `repro-audit --help` lists them.")
    .recommendCommands()
    .version(TOOL_VERSION)
    .alias("h", "help")
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .epilogue("Exit codes: 0 success/reproducible, 1 audit failed, 2 usage or input error, 3 internal error.")
    .fail((msg, err) => {
      usageFailure = err ?? new UsageError(`${msg}\nRun with --help to see the options.`);
      throw usageFailure;
    });
  for (const c of commands) parser.command(c);
  try {
    await parser.parseAsync();
  } catch (err) {
    return printError(err);
  }
  return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = printError(err);
  },
);

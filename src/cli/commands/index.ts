// Every command the CLI knows, in the order `--help` lists them.

import type { CommandModule } from "yargs";
import { benchCommand } from "./bench.js";
import { dataCommand } from "./data.js";
import { diffCommand } from "./diff.js";
import { envCommand } from "./env.js";
import { experimentsCommand } from "./experiments.js";
import { runCommand } from "./run.js";
import { reportCommand } from "./report.js";
import { signoffCommand } from "./signoff.js";
import { verifyCommand } from "./verify.js";
import { keygenCommand } from "./keygen.js";
import { checklistCommand } from "./checklist.js";
import { trainCommand } from "./train.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [runCommand, trainCommand, benchCommand, dataCommand, envCommand, experimentsCommand, diffCommand, reportCommand, signoffCommand, verifyCommand, keygenCommand, checklistCommand];

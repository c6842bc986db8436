// Every command the CLI knows, in the order `--help` lists them.

import type { CommandModule } from "yargs";
import { dataCommand } from "./data.js";
import { envCommand } from "./env.js";
import { experimentsCommand } from "./experiments.js";
import { runCommand } from "./run.js";
import { trainCommand } from "./train.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [runCommand, trainCommand, dataCommand, envCommand, experimentsCommand];

// `repro-audit experiments`: the named experiments and, with --show, one experiment's resolved
// config with where each value came from (a file works too, so users can check their layering).

import type { CommandModule } from "yargs";
import { loadExperiment } from "../../config/load.js";
import { NAMED_EXPERIMENTS, namedExperimentNames } from "../../config/experiments.js";
import { printJson } from "../output.js";

interface ExperimentsArgs {
  show?: string;
  json: boolean;
}

export const experimentsCommand: CommandModule<object, ExperimentsArgs> = {
  command: "experiments",
  describe: "List the named experiments, or show one resolved config with value sources",
  builder: (y) =>
    y
      .option("show", { type: "string", describe: "A named experiment or a .json/.yaml file to resolve and print" })
      .option("json", { type: "boolean", default: false, describe: "Print JSON" })
      .example("$0 experiments", "list the named experiments")
      .example("$0 experiments --show my-exp.yaml", "show the resolved config and where each value came from"),
  handler: (args) => {
    if (args.show !== undefined) {
      const e = loadExperiment(args.show);
      if (args.json) return printJson({ name: e.name, file: e.file, configSha256: e.configSha256, config: e.config, sources: e.sources });
      const lines = [`${e.name}${e.file ? ` (${e.file})` : ""}  config sha256 ${e.configSha256}`];
      for (const [k, v] of Object.entries(e.config)) lines.push(`  ${k.padEnd(26)} ${JSON.stringify(v).padEnd(28)} ← ${e.sources[k as keyof typeof e.sources]}`);
      process.stdout.write(lines.join("\n") + "\n");
      return;
    }
    const list = namedExperimentNames().map((name) => ({ name, description: NAMED_EXPERIMENTS[name]!.description }));
    if (args.json) return printJson(list);
    process.stdout.write(list.map((x) => `${x.name.padEnd(20)} ${x.description}`).join("\n") + "\n");
  },
};

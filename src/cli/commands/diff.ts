// `repro-audit diff`: compares the reports of the same experiment from two (or more) machines and
// says whether the results agree, where they parted and which environment difference likely
// caused it. Exit 0 identical/equivalent, 1 different, 2 usage or input error (bad report,
// different configs without --allow-config-change, existing --out file without --force).

import { existsSync } from "node:fs";
import type { CommandModule } from "yargs";
import { diffReports, type NamedReport } from "../../audit/diff/compare.js";
import { DIFF_FORMATS, renderDiff, type DiffFormat } from "../../audit/diff/formats.js";
import { UsageError } from "../../errors.js";
import { writeFileAtomic } from "../../io/atomic.js";
import { readReport } from "../../report/read.js";
import { paint, useColor } from "../output.js";

interface DiffArgs {
  reports: string[];
  format?: string;
  json: boolean;
  out?: string;
  force: boolean;
  tolerance: number;
  "allow-config-change": boolean;
}

export const diffCommand: CommandModule<object, DiffArgs> = {
  command: "diff <reports..>",
  describe: "Compare reports of the same experiment from different machines: verdict, first divergence, likely causes",
  builder: (y) =>
    y
      .positional("reports", { type: "string", array: true, demandOption: true, describe: "report.json files; with more than two, each is compared with the first" })
      .option("format", { alias: "f", type: "string", choices: DIFF_FORMATS as unknown as string[], describe: "text (default), md, html or json" })
      .option("json", { type: "boolean", default: false, describe: "Same as --format json" })
      .option("out", { alias: "o", type: "string", describe: "Write to this file instead of stdout" })
      .option("force", { type: "boolean", default: false, describe: "Overwrite an existing --out file" })
      .option("tolerance", { type: "number", default: 1e-6, describe: "Relative equivalence margin for metrics (TOST)" })
      .option("allow-config-change", { type: "boolean", default: false, describe: "Compare reports of different experiments/configs instead of refusing" })
      .example("$0 diff a/report.json b/report.json", "did machine B reproduce machine A?")
      .example("$0 diff base.json other1.json other2.json --format md --out diff.md", "several machines against one, as Markdown")
      .example("$0 diff seed42.json seed1.json --allow-config-change", "compare different configs anyway"),
  handler: (args) => {
    const paths = args.reports.map(String);
    if (paths.length < 2) throw new UsageError(`diff needs at least two reports, got ${paths.length}. Give e.g. a/report.json b/report.json.`);
    if (!(args.tolerance >= 0) || !Number.isFinite(args.tolerance)) throw new UsageError(`--tolerance ${args.tolerance} must be a finite number, 0 or more (a relative tolerance such as 1e-6)`);
    if (args.json && args.format !== undefined && args.format !== "json") throw new UsageError(`--json and --format ${args.format} disagree; give one of them`);
    const format = (args.json ? "json" : (args.format ?? "text")) as DiffFormat;
    if (args.out !== undefined && existsSync(args.out) && !args.force) {
      throw new UsageError(`--out ${args.out} already exists; choose another file or pass --force to overwrite it`);
    }
    const reports: NamedReport[] = paths.map((path) => ({ path, report: readReport(path) }));
    const result = diffReports(reports, { tolerance: args.tolerance, allowConfigChange: args["allow-config-change"] });
    const colour = args.out === undefined && useColor();
    const text = renderDiff(result, format, colour ? (t, style) => paint(t, style) : undefined);
    if (args.out !== undefined) {
      writeFileAtomic(args.out, text);
      process.stdout.write(`diff: ${result.verdict} — written to ${args.out}\n`);
    } else {
      process.stdout.write(text);
    }
    if (result.verdict === "different") process.exitCode = 1;
  },
};

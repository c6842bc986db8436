// `repro-audit report <report.json> [--format md,html]`: re-renders a report's Markdown and HTML
// from report.json. Rendering is pure, so the same report.json gives byte-identical files.

import type { Argv, CommandModule } from "yargs";
import { parseFormats, readReportFile, writeRendered } from "../../report/render-files.js";
import { printJson } from "../output.js";

interface ReportArgs {
  report: string;
  format?: string[];
  "out-dir"?: string;
  json: boolean;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: "report <report>",
  describe: "Re-render report.md and report.html from a report.json",
  builder: (y: Argv<object>) =>
    y
      .positional("report", { type: "string", demandOption: true, describe: "path of report.json" })
      .option("format", { type: "string", array: true, describe: "formats to write: md, html (default both; comma-separated or repeated)" })
      .option("out-dir", { type: "string", describe: "write the files here instead of beside report.json" })
      .option("json", { type: "boolean", default: false, describe: "print the written paths as JSON" })
      .example("$0 report reports/baseline-20261204T101500Z-a1b2c3/report.json", "write report.md and report.html beside it")
      .example("$0 report report.json --format md", "only the Markdown") as unknown as Argv<ReportArgs>,
  handler: (args) => {
    const formats = parseFormats(args.format);
    const { report } = readReportFile(args.report);
    const written = writeRendered(args.report, report, formats, args["out-dir"]);
    if (args.json) printJson({ written });
    else process.stdout.write(written.map((p) => `wrote ${p}`).join("\n") + "\n");
  },
};

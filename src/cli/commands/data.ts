// `repro-audit data verify` and `repro-audit data hash`: check an experiment's dataset against its
// validation rules, and fingerprint data files. Exit codes (DESIGN.md §6): 0 every check passed,
// 1 a check failed (process.exitCode), 2 unreadable input (a thrown DataError/ConfigError).
// Not here: loading logic (src/data/real.ts), hashing (src/data/hash-files.ts).

import type { Argv, CommandModule } from "yargs";
import { loadExperiment } from "../../config/load.js";
import { hashFiles, manifestText } from "../../data/hash-files.js";
import type { DataRecord, DataSplitRecord } from "../../data/record.js";
import { verifyRealData } from "../../data/real.js";
import { realDataSpecFromConfig } from "../../data/spec.js";
import { EXIT } from "../../errors.js";
import { paint, printJson } from "../output.js";

interface VerifyArgs {
  experiment: string;
  "dataset-path"?: string;
  "dataset-test-path"?: string;
  json: boolean;
}

interface HashArgs {
  paths: string[];
  json: boolean;
}

function splitLines(name: string, s: DataSplitRecord): string[] {
  const lines = [
    `${name}: ${s.format}, ${s.rows} rows x ${s.features} features, class counts ${s.classCounts.join(" ")}`,
    `  x sha256 ${s.xSha256} (float32)`,
    `  y sha256 ${s.ySha256} (int32)`,
  ];
  for (const f of s.files) {
    lines.push(`  ${f.role} ${f.path}: ${f.bytes} bytes, sha256 ${f.sha256}` + (f.gzip ? `, unzipped ${f.decompressedBytes} bytes sha256 ${f.decompressedSha256}` : ""));
  }
  return lines;
}

/** Human-readable form of a data record: source, splits, then each check. */
export function formatDataRecord(r: DataRecord): string {
  const lines = [
    `source: ${r.source.kind} ${r.source.path}${r.source.version === null ? "" : ` (version ${r.source.version})`}`,
    `preprocessing: ${r.preprocessing}`,
    ...splitLines("train", r.train),
    ...(r.test === null ? ["test: none"] : splitLines("test", r.test)),
    "checks:",
  ];
  for (const c of r.checks) {
    const mark = c.passed ? paint("PASS", "green") : paint("FAIL", "red");
    lines.push(`  ${mark} ${c.name}: expected ${String(c.expected)}, actual ${String(c.actual)}`);
  }
  const failed = r.checks.filter((c) => !c.passed).length;
  lines.push(failed === 0 ? `result: all ${r.checks.length} checks passed` : `result: ${failed} of ${r.checks.length} checks failed`);
  return lines.join("\n") + "\n";
}

const verifyCommand: CommandModule<object, VerifyArgs> = {
  command: "verify",
  describe: "Load an experiment's dataset, run its validation checks and print each with expected and actual values",
  builder: (y: Argv) =>
    y
      .option("experiment", { alias: "e", type: "string", demandOption: true, describe: "Named experiment or path of a .json/.yaml experiment file" })
      .option("dataset-path", { type: "string", describe: "Override dataset_path (IDX folder or CSV file)" })
      .option("dataset-test-path", { type: "string", describe: "Override dataset_test_path (test CSV)" })
      .option("json", { type: "boolean", default: false, describe: "Print the data record as JSON" })
      .example("$0 data verify --experiment real_fashion_mnist", "Check the Fashion-MNIST data the experiment would train on")
      .example("$0 data verify -e my-exp.yaml --dataset-path ./fashion --json", "Check a folder of IDX files, JSON output")
      .epilogue("Exit codes: 0 all checks passed, 1 a check failed, 2 the data or experiment cannot be read.") as unknown as Argv<VerifyArgs>,
  handler: (argv) => {
    const overrides: Record<string, unknown> = {};
    if (argv["dataset-path"] !== undefined) overrides["dataset_path"] = argv["dataset-path"];
    if (argv["dataset-test-path"] !== undefined) overrides["dataset_test_path"] = argv["dataset-test-path"];
    const exp = loadExperiment(argv.experiment, overrides);
    const c = exp.config;
    if (c.synthetic_mode) {
      const data = {
        kind: "synthetic" as const,
        dataset_version: c.dataset_version,
        samples: c.synthetic_samples,
        features: c.layer_sizes[0] ?? 0,
        classes: c.layer_sizes[c.layer_sizes.length - 1] ?? 0,
        seed: c.seed,
        files: [] as string[],
      };
      if (argv.json) printJson({ experiment: exp.name, data, ok: true });
      else
        process.stdout.write(
          `experiment: ${exp.name}\nsource: synthetic ${data.dataset_version} (no files): ${data.samples} rows x ${data.features} features, ` +
            `${data.classes} classes, generated from seed ${data.seed}\nresult: nothing to check on disk\n`,
        );
      return;
    }
    const { record, ok } = verifyRealData(realDataSpecFromConfig(c, exp.baseDir));
    if (argv.json) printJson({ experiment: exp.name, data: record, ok });
    else process.stdout.write(`experiment: ${exp.name}\n${formatDataRecord(record)}`);
    if (!ok) process.exitCode = EXIT.auditFailed;
  },
};

const hashCommand: CommandModule<object, HashArgs> = {
  command: "hash <paths..>",
  describe: "SHA-256 of files (paths, folders or glob patterns) in sha256sum form, plus a manifest hash",
  builder: (y: Argv) =>
    y
      .positional("paths", { type: "string", array: true, describe: "Files, folders or quoted glob patterns" })
      .option("json", { type: "boolean", default: false, describe: "Print {files, manifestSha256} as JSON" })
      .example("$0 data hash 'data/fashion-mnist/*.gz'", "Hash the bundled data files")
      .epilogue(
        "The manifest hash is the SHA-256 of the printed `<sha256>  <path>` lines (sorted by path, LF-terminated), " +
          "so `sha256sum <same files, sorted> | sha256sum` gives the same value.",
      ) as unknown as Argv<HashArgs>,
  handler: async (argv) => {
    const result = await hashFiles(argv.paths, process.cwd());
    if (argv.json) printJson(result);
    else process.stdout.write(`${manifestText(result.files)}manifest sha256: ${result.manifestSha256}\n`);
  },
};

export const dataCommand: CommandModule = {
  command: "data <command>",
  describe: "Verify an experiment's dataset, or hash data files",
  builder: (y: Argv) =>
    y
      .command(verifyCommand as unknown as CommandModule)
      .command(hashCommand as unknown as CommandModule)
      .demandCommand(1, "Name a data subcommand: verify or hash.")
      .example("$0 data verify --experiment real_fashion_mnist", "Validate the Fashion-MNIST data")
      .example("$0 data hash data/fashion-mnist", "Hash every file in a folder"),
  handler: () => {},
};

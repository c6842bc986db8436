// The parts of report.json that differ for an external program (runner: command): the data block
// (the program loads its own data), the run block's kernel/precision (set by the program, unknown
// to repro-audit) and the warnings that only a command run can raise. Pure functions of records.

import type { ExternalDataRecord, RepeatRecord, Report, ReportWarning } from "../report/schema.js";
import { METRICS_PSEUDO_ARTIFACT } from "./repeat.js";

export const EXTERNAL_DATA: ExternalDataRecord = {
  kind: "external",
  note: "the training program loads its own data; repro-audit did not read or hash it (list data files under artifacts, or hash them in the program, to have them compared)",
};

export function commandRunInfo(): Pick<Report["run"], "kernel" | "threads" | "precision"> {
  return {
    kernel: "external",
    threads: 1,
    precision: { trainDtype: "unknown", inferencePrecision: "unknown", description: "Set by the external training program; repro-audit does not see it." },
  };
}

export function commandRunWarnings(repeats: readonly RepeatRecord[]): ReportWarning[] {
  const ok = repeats.filter((r) => r.status === "ok");
  const out: ReportWarning[] = [];
  if (ok.some((r) => r.artifacts.some((a) => a.path === METRICS_PSEUDO_ARTIFACT))) {
    out.push({
      id: "no-artifacts",
      message: "No artifact was declared and the program reported no weightsSha256, so \"identical\" here means only that the metrics are bit-identical.",
      hint: "Declare the files the program writes (artifacts: [\"model.npy\"], or --artifacts 'model.*') so their hashes are compared.",
    });
  }
  if (ok.length > 0 && ok.every((r) => r.command?.manifest !== true)) {
    out.push({
      id: "no-manifest",
      message: "The program wrote no repro-audit.json manifest, so a divergence can be located only by artifact, not by epoch.",
      hint: "Write repro-audit.json with trace[] (per-epoch weightsSha256/rngSha256/batchOrderSha256) in the output folder; see examples/python-numpy/.",
    });
  }
  const leftovers = repeats.filter((r) => (r.command?.leftoverProcesses ?? 0) > 0 && r.command?.timedOut !== true);
  if (leftovers.length > 0) {
    out.push({
      id: "leftover-processes",
      message: `The program left processes running after it exited (repeat ${leftovers.map((r) => `#${r.index}: ${r.command!.leftoverProcesses}`).join(", ")}); repro-audit killed them.`,
      hint: "Wait for background workers (e.g. data-loader processes) before exiting, so every repeat ends cleanly.",
    });
  }
  return out;
}

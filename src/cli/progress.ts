// Progress for long work (DESIGN.md §6): repeat and epoch bars with ETA on a TTY (cli-progress),
// plain lines otherwise, nothing when quiet. Bars go to stderr so stdout stays clean for --json.
// Training blocks the event loop, so every update forces a redraw instead of waiting for a timer.

import cliProgress from "cli-progress";
import type { RepeatRecord } from "../report/schema.js";
import type { TraceEntry } from "../harness/train-once.js";
import type { RunEvents, RunPlan } from "../harness/run.js";
import { useColor } from "./output.js";

export type ProgressMode = "bars" | "lines" | "none";

export function progressMode(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  if (quiet) return "none";
  return stream.isTTY === true ? "bars" : "lines";
}

const fmt = (v: number | null | undefined, d = 4) => (v === null || v === undefined ? "n/a" : v.toFixed(d));

export function runProgress(mode: ProgressMode, epochs: number): RunEvents & { stop(): void } {
  const write = (line: string) => process.stderr.write(line + "\n");
  if (mode === "none") return { stop() {} };
  if (mode === "lines") {
    let total = 0;
    return {
      onStart(plan: RunPlan, runDir: string, pending: number[]) {
        total = pending.length;
        write(`run ${plan.runId}: ${pending.length} repeat(s) to do → ${runDir}`);
        write(`  (interrupted? continue with: repro-audit run --resume ${plan.runId})`);
      },
      onRepeatStart(index: number, seed: number) {
        write(`repeat ${index} (seed ${seed}) of ${total}`);
      },
      onEpoch(index: number, e: TraceEntry) {
        write(`  repeat ${index} epoch ${e.epoch}/${epochs}  loss ${fmt(e.loss, 6)}  acc ${fmt(e.accuracy)}`);
      },
      onRepeatEnd(r: RepeatRecord) {
        write(`  repeat ${r.index} ${r.status}${r.weightsSha256 ? `  weights ${r.weightsSha256.slice(0, 16)}` : ""}${r.error ? `  ${r.error.rootCause}` : ""}`);
      },
      stop() {},
    };
  }
  const multi = new cliProgress.MultiBar(
    {
      format: `{label} ${useColor(process.stderr) ? "\u001b[36m{bar}\u001b[0m" : "{bar}"} {value}/{total}  {info}  ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let repeats: cliProgress.SingleBar | null = null;
  let epochBar: cliProgress.SingleBar | null = null;
  return {
    onStart(plan, _runDir, pending) {
      repeats = multi.create(pending.length, 0, { label: "repeats", info: plan.runId });
      epochBar = multi.create(epochs, 0, { label: "epochs ", info: "" });
    },
    onRepeatStart(index, seed) {
      epochBar?.update(0, { info: `repeat ${index} seed ${seed}` });
      multi.update();
    },
    onEpoch(index, e) {
      epochBar?.update(e.epoch, { info: `repeat ${index} loss ${fmt(e.loss)}` });
      multi.update();
    },
    onRepeatEnd(r) {
      repeats?.increment(1, { info: `last: #${r.index} ${r.status}` });
      multi.update();
    },
    stop() {
      multi.stop();
    },
  };
}

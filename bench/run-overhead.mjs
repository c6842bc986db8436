#!/usr/bin/env node
// Harness overhead (issue: `run --repeats 5` must take at most 1.05 × five bare `train` runs + 2 s).
// Alternates, on the same machine, one `run --repeats 5` with five separate `train` processes, ROUNDS
// times each, and prints the medians and the bound. Usage: node bench/run-overhead.mjs [rounds] [experiment]
// Needs `npm run build` first. Writes its runs into a temporary folder.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const rounds = Number(process.argv[2] ?? 5);
const experiment = process.argv[3] ?? "baseline";
const cli = join(import.meta.dirname, "..", "dist", "cli", "main.js");
const work = mkdtempSync(join(tmpdir(), "run-overhead-"));

function timed(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const runTimes = [];
const trainTimes = [];
for (let i = 0; i < rounds; i++) {
  runTimes.push(timed(["run", "-e", experiment, "--repeats", "5", "--quiet"]));
  let t = 0;
  for (let k = 0; k < 5; k++) t += timed(["train", "-e", experiment, "--quiet"]);
  trainTimes.push(t);
  console.log(`round ${i + 1}: run --repeats 5 ${runTimes.at(-1).toFixed(3)} s, 5 × train ${t.toFixed(3)} s`);
}
rmSync(work, { recursive: true, force: true });
const run = median(runTimes);
const train = median(trainTimes);
const bound = 1.05 * train + 2;
console.log(`median run --repeats 5: ${run.toFixed(3)} s`);
console.log(`median 5 × train:       ${train.toFixed(3)} s`);
console.log(`ratio run / 5×train:    ${(run / train).toFixed(3)}`);
console.log(`bound 1.05 × train + 2: ${bound.toFixed(3)} s → ${run <= bound ? "within" : "OVER"}`);
process.exitCode = run <= bound ? 0 : 1;

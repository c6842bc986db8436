// Writes benchmark outputs under runs/<run-id>/: bench/results.{json,md} for the precision × batch
// grid, bench/scaling.{json,md} with scaling-batch.svg and scaling-width.svg for --scaling, and
// profiling/profile.{json,md} for --profile. Each file is atomic; the JSON files are what the
// checklist cites (by path and SHA-256).

import { join } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.js";
import { lineChart } from "../report/charts.js";
import type { BenchResult } from "./bench.js";

const num = (v: number | null, d = 4) => (v === null ? "n/a" : v.toFixed(d));

export function benchTable(results: BenchResult[]): string {
  const head = "| precision | batch | layers | samples/s (median ± MAD) | train s (median) | loss | accuracy | weights sha256 | same in every repeat |\n| --- | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |";
  const rows = results.map((r) =>
    [
      r.setup.precision,
      String(r.setup.batchSize),
      `[${r.setup.layerSizes.join(", ")}]`,
      `${r.samplesPerSecond.median.toFixed(0)} ± ${r.samplesPerSecond.mad.toFixed(0)}`,
      r.trainSeconds.median.toFixed(3),
      num(r.finalLoss, 6),
      num(r.finalAccuracy),
      `\`${r.weightsSha256.slice(0, 16)}\``,
      r.functionalIdentical ? "yes" : "**no**",
    ].join(" | "),
  );
  return `${head}\n${rows.map((r) => `| ${r} |`).join("\n")}\n`;
}

export interface BenchMeta {
  runId: string;
  experiment: string;
  seed: number;
  repeats: number;
  kernel: string;
  threads: number;
}

export function writeBenchResults(runDir: string, meta: BenchMeta, results: BenchResult[]): string[] {
  const dir = join(runDir, "bench");
  const json = join(dir, "results.json");
  const md = join(dir, "results.md");
  writeJsonAtomic(json, { ...meta, results });
  writeFileAtomic(md, `# Benchmark: ${meta.experiment}, seed ${meta.seed}\n\n${meta.repeats} repeats per setup, kernel ${meta.kernel}, ${meta.threads} thread(s). Timings vary between runs; loss, accuracy and weight hash must not.\n\n${benchTable(results)}`);
  return [json, md];
}

export function writeScaling(runDir: string, meta: BenchMeta, batch: BenchResult[], width: BenchResult[]): string[] {
  const dir = join(runDir, "bench");
  const paths = [join(dir, "scaling.json"), join(dir, "scaling.md"), join(dir, "scaling-batch.svg"), join(dir, "scaling-width.svg")];
  writeJsonAtomic(paths[0]!, { ...meta, batch, width });
  writeFileAtomic(paths[1]!, `# Scaling: ${meta.experiment}, seed ${meta.seed}\n\n## Batch size\n\n${benchTable(batch)}\n## Hidden width\n\n${benchTable(width)}`);
  const sps = (rs: BenchResult[], x: (r: BenchResult) => number) => [{ name: "samples/s (median)", points: rs.map((r) => [x(r), Math.round(r.samplesPerSecond.median)] as [number, number]) }];
  writeFileAtomic(paths[2]!, lineChart("scaling-batch", "Throughput by batch size", "batch size", "samples/s", sps(batch, (r) => r.setup.batchSize)) + "\n");
  const hidden = (r: BenchResult) => r.setup.layerSizes[1] ?? 0;
  writeFileAtomic(paths[3]!, lineChart("scaling-width", "Throughput by hidden width", "hidden width", "samples/s", sps(width, hidden)) + "\n");
  return paths;
}

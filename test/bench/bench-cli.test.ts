// `repro-audit bench` through the built CLI: outputs in place, functional results identical across
// two bench runs and across repeats (timings aside), and bad lists refused with exit 2.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCleanError, runCli, tempDir } from "../helpers/cli.js";

type Result = { setup: unknown; finalLoss: number; finalAccuracy: number; weightsSha256: string; functionalIdentical: boolean };
const small = ["--precisions", "float32,int8", "--batch-sizes", "32,64", "--repeats", "2", "--quiet"];

function bench(dir: string, extra: string[] = []) {
  const r = runCli(["bench", "--seed", "42", ...small, ...extra, "--json"], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { runDir: string; results: Result[]; scaling: { batch: Result[]; width: Result[] } | null };
}

describe("repro-audit bench", () => {
  it("gives identical functional results on repeated runs and writes JSON and Markdown", () => {
    const dir = tempDir();
    const a = bench(dir);
    const b = bench(dir);
    expect(a.results).toHaveLength(4);
    const functional = (rs: Result[]) => rs.map((r) => [r.setup, r.finalLoss, r.finalAccuracy, r.weightsSha256]);
    expect(functional(a.results)).toEqual(functional(b.results));
    for (const r of a.results) expect(r.functionalIdentical).toBe(true);
    // int8 trains in float32: same weights as float32, different inference.
    expect(a.results[2]!.weightsSha256).toBe(a.results[0]!.weightsSha256);
    expect(readdirSync(join(a.runDir, "bench")).sort()).toEqual(["results.json", "results.md"]);
    expect(readFileSync(join(a.runDir, "bench", "results.md"), "utf8")).toMatch(/\| float32 \| 32 \| \[784, 64, 10\] \|/);
  });

  it("--scaling writes the sweeps with SVG plots", () => {
    const dir = tempDir();
    const r = bench(dir, ["--scaling", "--scaling-batch-sizes", "32,64", "--scaling-widths", "16,32"]);
    expect(r.scaling!.batch.map((x) => (x.setup as { batchSize: number }).batchSize)).toEqual([32, 64]);
    expect(r.scaling!.width.map((x) => (x.setup as { layerSizes: number[] }).layerSizes)).toEqual([[784, 16, 10], [784, 32, 10]]);
    for (const f of ["scaling.json", "scaling.md", "scaling-batch.svg", "scaling-width.svg"]) expect(existsSync(join(r.runDir, "bench", f)), f).toBe(true);
    expect(readFileSync(join(r.runDir, "bench", "scaling-batch.svg"), "utf8")).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it("--profile writes per-phase times", () => {
    const dir = tempDir();
    const r = runCli(["bench", "--precisions", "float32", "--batch-sizes", "32", "--repeats", "1", "--profile", "--json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.profiles).toHaveLength(1);
    expect(Object.keys(out.profiles[0].microsecondsPerBatch)).toEqual(["data", "forward", "backward", "update"]);
    expect(readFileSync(join(out.runDir, "profiling", "profile.md"), "utf8")).toMatch(/\| float32 \| 32 \|/);
  });

  it("refuses bad lists with exit 2 before writing anything", () => {
    const dir = tempDir();
    for (const args of [["--precisions", "float64"], ["--batch-sizes", "0,32"], ["--repeats", "0"]]) {
      const r = runCli(["bench", ...args], { cwd: dir });
      expectCleanError(r);
    }
    expect(existsSync(join(dir, "runs"))).toBe(false);
  });
});

describe("run --bench --scaling", () => {
  it("writes the benchmark beside the run and the checklist cites it", () => {
    const dir = tempDir();
    const r = runCli(["run", "--repeats", "2", "--bench", "--scaling", "--profile", "--json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const paths = report.benchmarks.artifacts.map((a: { path: string }) => a.path);
    expect(paths).toEqual(["bench/results.json", "bench/results.md", "bench/scaling.json", "bench/scaling.md", "bench/scaling-batch.svg", "bench/scaling-width.svg", "profiling/profile.json", "profiling/profile.md"]);
    const runDir = join(dir, "runs", report.runId);
    for (const a of report.benchmarks.artifacts) expect(existsSync(join(runDir, a.path)), a.path).toBe(true);
    const item = (id: string) => report.checklist.find((i: { id: string }) => i.id === id);
    expect(item("artifacts.benchmarks").status).toBe("pass");
    expect(JSON.stringify(item("artifacts.benchmarks").evidence)).toContain("bench/results.json");
    expect(item("artifacts.hardware-scaling").status).toBe("pass");
    expect(item("artifacts.profiling").status).toBe("pass");
    const profile = JSON.parse(readFileSync(join(runDir, "profiling", "profile.json"), "utf8"));
    const p = profile.profiles[0];
    expect(p.setup).toEqual({ precision: "float32", batchSize: 32, layerSizes: [784, 64, 10] });
    expect(p.batchesPerRun).toBe(32); // 512 rows / 32 per batch × 2 epochs
    expect(p.seconds.forward).toBeGreaterThan(0);
    expect(p.peakRssBytes).toBeGreaterThan(0);
  });
});

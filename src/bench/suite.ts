// One benchmark suite — the precision × batch grid, the scaling sweeps, the per-phase profile —
// run and written the same way for `repro-audit bench` and for `run --bench/--scaling/--profile`.
// Each part is optional; the files written are returned with their kind so a report can cite them.

import type { ResolvedExperiment } from "../config/load.js";
import type { LoadedData } from "../harness/data.js";
import type { Compute } from "../harness/train-once.js";
import { benchmarkSetups, type BenchResult, type BenchSetup } from "./bench.js";
import { writeBenchResults, writeScaling, type BenchMeta } from "./bench-files.js";
import { profileSetups, writeProfile, type PhaseProfile } from "./profile.js";

export interface SuitePlan {
  grid: BenchSetup[] | null;
  scaling: { batch: BenchSetup[]; width: BenchSetup[] } | null;
  profile: BenchSetup[] | null;
}

export interface SuiteOptions {
  repeats: number;
  data: LoadedData;
  compute: Compute;
  onSetup?: (setup: BenchSetup, i: number, total: number) => void;
  log?: (line: string) => void;
}

export interface SuiteOutput {
  results: BenchResult[] | null;
  scaling: { batch: BenchResult[]; width: BenchResult[] } | null;
  profiles: PhaseProfile[] | null;
  files: { path: string; kind: "benchmark" | "scaling" | "profiling" }[];
}

export function runBenchSuite(exp: ResolvedExperiment, runDir: string, meta: BenchMeta, plan: SuitePlan, o: SuiteOptions): SuiteOutput {
  const bench = { repeats: o.repeats, data: o.data, train: { compute: o.compute }, ...(o.onSetup !== undefined ? { onSetup: o.onSetup } : {}) };
  const out: SuiteOutput = { results: null, scaling: null, profiles: null, files: [] };
  if (plan.grid !== null) {
    out.results = benchmarkSetups(exp, plan.grid, bench);
    out.files.push(...writeBenchResults(runDir, meta, out.results).map((path) => ({ path, kind: "benchmark" as const })));
  }
  if (plan.scaling !== null) {
    o.log?.("scaling sweeps");
    out.scaling = { batch: benchmarkSetups(exp, plan.scaling.batch, bench), width: benchmarkSetups(exp, plan.scaling.width, bench) };
    out.files.push(...writeScaling(runDir, meta, out.scaling.batch, out.scaling.width).map((path) => ({ path, kind: "scaling" as const })));
  }
  if (plan.profile !== null) {
    o.log?.("profiling");
    out.profiles = profileSetups(exp, plan.profile, { repeats: o.repeats, data: o.data, compute: o.compute });
    out.files.push(...writeProfile(runDir, meta, out.profiles).map((path) => ({ path, kind: "profiling" as const })));
  }
  return out;
}

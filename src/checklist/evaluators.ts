// The automatic checklist evaluators, in one typed record keyed by id: a checklist item names its
// evaluator by id, and a missing evaluator is a compile error (Record<EvaluatorId, …>). Each reads
// only report.json (never live objects) and returns a status with evidence: the values it looked
// at and where they are in the report (a dotted path). Hints adapt to what the run did.
// Not here: the checklist text (checklist/*.yaml) or manual items (sign-offs decide those).

import { sha256Canonical } from "../io/hash.js";
import { verifyEnvironment } from "../harness/env/verify.js";
import type { Report } from "../report/schema.js";

export type Evidence = { label: string; value: string; where: string };
export type EvaluatedStatus = "pass" | "fail" | "n/a";
export interface EvaluatorResult {
  status: EvaluatedStatus;
  evidence: Evidence[];
  /** Replaces the item's hint when the run calls for a more specific one. */
  hint?: string;
}
/** What evaluators read: the report as assembled, before its checklist and sign-offs. */
export type AuditedReport = Omit<Report, "checklist" | "signoffs">;
export type Evaluator = (report: AuditedReport) => EvaluatorResult;

export const EVALUATOR_IDS = [
  "env.runtime-recorded",
  "env.installed-equals-locked",
  "env.verify-passes",
  "env.hardware-recorded",
  "data.source-recorded",
  "data.sha256-archived",
  "data.shape-checks",
  "data.label-range",
  "rng.seed-fixed",
  "config.captured",
  "config.precision-explicit",
  "stats.repeat-count",
  "artifacts.training-logs",
  "artifacts.checkpoints",
  "artifacts.benchmarks",
  "artifacts.hardware-scaling",
  "artifacts.profiling",
  "stats.mean-ci",
  "reporting.optional-paths-marked",
  "reporting.failed-runs-explained",
] as const;
export type EvaluatorId = (typeof EVALUATOR_IDS)[number];

export function isEvaluatorId(id: string): id is EvaluatorId {
  return (EVALUATOR_IDS as readonly string[]).includes(id);
}

const ev = (label: string, value: unknown, where: string): Evidence => ({ label, value: typeof value === "string" ? value : JSON.stringify(value), where });
const passIf = (ok: boolean, evidence: Evidence[], hint?: string): EvaluatorResult => (ok ? { status: "pass", evidence } : { status: "fail", evidence, ...(hint !== undefined ? { hint } : {}) });

/** Artifact kinds by path prefix inside the run folder; `required` kinds fail when missing on the core runner. */
/** One recorded file as evidence text: path, short hash, size. */
const fileText = (a: { path: string; sha256: string; bytes: number }) => `${a.path} (sha256 ${a.sha256.slice(0, 12)}…, ${a.bytes} bytes)`;

function artifactKind(label: string, prefixes: string[], required: boolean, notProduced: string): Evaluator {
  return (r) => {
    const matches = (path: string) => prefixes.some((p) => path.startsWith(p));
    const ok = r.repeats.filter((x) => x.status === "ok");
    // A repeat's files: its artifacts and (runner: command) its hashed stdout/stderr logs, which
    // the verdict does not compare; the record is repeats[] order, so `where` uses the array index.
    const files = (x: AuditedReport["repeats"][number], at: number) => [
      ...x.artifacts.map((a, i) => ({ a, where: `repeats.${at}.artifacts.${i}` })),
      ...(x.logs ?? []).map((a, i) => ({ a, where: `repeats.${at}.logs.${i}` })),
    ];
    const withIt = r.repeats.filter((x, at) => files(x, at).some(({ a }) => matches(a.path)));
    const evidence = r.repeats.flatMap((x, at) =>
      files(x, at).flatMap(({ a, where }) => (matches(a.path) ? [ev(`${label}, repeat ${x.index}`, fileText(a), where)] : [])),
    );
    const bench = (r.benchmarks?.artifacts ?? []).map((a, i) => ({ a, i })).filter(({ a }) => matches(a.path));
    if (bench.length > 0) return { status: "pass", evidence: [...evidence, ...bench.map(({ a, i }) => ev(label, fileText(a), `benchmarks.artifacts.${i}`))] };
    if (withIt.length === 0) {
      if (required && r.run.runner === "core" && ok.length > 0) return { status: "fail", evidence: [ev(label, "none recorded", "repeats[].artifacts")] };
      return { status: "n/a", evidence: [ev("reason", notProduced, "repeats[].artifacts")] };
    }
    const missing = ok.filter((x) => !withIt.includes(x)).map((x) => x.index);
    if (missing.length > 0) return { status: "fail", evidence: [...evidence, ev("repeats without it", missing, "repeats[].artifacts")] };
    return { status: "pass", evidence };
  };
}

/** Data checks cannot see data that an external training program loaded itself. */
function externalData(r: AuditedReport): EvaluatorResult | null {
  if (r.data.kind !== "external") return null;
  return { status: "n/a", evidence: [ev("reason", `the external program loads its own data: ${r.data.note}`, "data.note")] };
}

export const evaluators: Record<EvaluatorId, Evaluator> = {
  "env.runtime-recorded": (r) => {
    const rt = r.environment.runtime;
    return passIf(rt.node.length > 0 && rt.v8.length > 0, [ev("node", rt.node, "environment.runtime.node"), ev("v8", rt.v8, "environment.runtime.v8"), ev("platform", `${rt.platform}/${rt.arch}`, "environment.runtime.platform")]);
  },
  "env.installed-equals-locked": (r) => {
    const d = r.environment.dependencies;
    const evidence = [
      ev("lockfile sha256", d.lockfileSha256 ?? "none", "environment.dependencies.lockfileSha256"),
      ev("checked", d.checked, "environment.dependencies.checked"),
      ev("mismatches", d.mismatches.map((p) => `${p.name} locked ${p.locked}, installed ${p.installed ?? "?"}`), "environment.dependencies.mismatches"),
      ev("missing", d.missing.map((p) => `${p.name}@${p.locked}`), "environment.dependencies.missing"),
    ];
    if (d.problem !== null) evidence.push(ev("problem", d.problem, "environment.dependencies.problem"));
    return passIf(d.lockfileSha256 !== null && d.problem === null && d.mismatches.length === 0 && d.missing.length === 0, evidence, d.lockfileSha256 === null ? "No lockfile was found: commit package-lock.json and install with `npm ci`." : undefined);
  },
  "env.verify-passes": (r) => {
    const checks = verifyEnvironment(r.environment);
    const failed = checks.filter((c) => !c.passed);
    const evidence = checks.map((c) => ev(`${c.passed ? "pass" : "FAIL"} ${c.check}`, `expected ${c.expected}; actual ${c.actual}`, c.check === "node-version" ? "environment.runtime.node" : "environment.dependencies"));
    return passIf(failed.length === 0, evidence, failed[0]?.hint);
  },
  "env.hardware-recorded": (r) => {
    const { cpu, memory, os } = r.environment;
    const ok = cpu.brand.length > 0 && cpu.cores > 0 && memory.totalBytes > 0 && os.distro.length > 0 && os.release.length > 0;
    return passIf(ok, [
      ev("CPU", `${cpu.manufacturer} ${cpu.brand} (family ${cpu.family}, model ${cpu.model}), ${cpu.cores} logical cores`, "environment.cpu"),
      ev("memory", `${memory.totalBytes} bytes`, "environment.memory.totalBytes"),
      ev("OS", `${os.distro} ${os.release}, kernel ${os.kernel}`, "environment.os"),
    ]);
  },
  "data.source-recorded": (r) => {
    const d = r.data;
    if (d.kind === "external") return externalData(r)!;
    if (d.kind === "synthetic") {
      return passIf(true, [ev("source", `generated: ${d.construction}`, "data.construction"), ev("version", d.version, "data.version"), ev("seed", d.seed, "data.seed")]);
    }
    const version = d.source.version ?? r.experiment.config.dataset_version;
    return passIf(d.source.path.length > 0 && version.length > 0, [
      ev("source", `${d.source.kind}: ${d.source.path}`, "data.source.path"),
      ev("version", version, d.source.version !== null ? "data.source.version" : "experiment.config.dataset_version"),
    ]);
  },
  "data.sha256-archived": (r) => {
    const d = r.data;
    if (d.kind === "external") return externalData(r)!;
    const evidence = [ev("x sha256", d.kind === "synthetic" ? d.xSha256 : d.train.xSha256, d.kind === "synthetic" ? "data.xSha256" : "data.train.xSha256"), ev("y sha256", d.kind === "synthetic" ? d.ySha256 : d.train.ySha256, d.kind === "synthetic" ? "data.ySha256" : "data.train.ySha256")];
    if (d.kind === "real") {
      d.train.files.forEach((f, i) => evidence.push(ev(`file ${f.role}`, `${f.path} sha256 ${f.sha256}`, `data.train.files.${i}.sha256`)));
      const pin = d.checks.find((c) => c.name === "sha256");
      if (pin !== undefined) {
        evidence.push(ev("pinned dataset_sha256", `${pin.passed ? "matches" : "DOES NOT match"} ${String(pin.expected)}`, "data.checks"));
        if (!pin.passed) return { status: "fail", evidence, hint: "The data on disk is not the data dataset_sha256 pins: fetch the pinned file or update the pin knowingly." };
      }
    }
    return passIf(true, evidence);
  },
  "data.shape-checks": (r) => {
    const d = r.data;
    if (d.kind === "external") return externalData(r)!;
    const inputs = r.experiment.config.layer_sizes[0];
    if (d.kind === "synthetic") {
      return passIf(d.features === inputs && d.rows > 0, [
        ev("features", `${d.features} (input layer ${inputs})`, "data.features"),
        ev("rows", `${d.rows} generated (dataset_min_rows applies to data on disk)`, "data.rows"),
      ]);
    }
    const checks = d.checks.map((c, i) => ({ c, i })).filter(({ c }) => c.name.endsWith(".features") || c.name.endsWith(".min-rows"));
    const evidence = checks.map(({ c, i }) => ev(c.name, `${c.passed ? "pass" : "FAIL"}: expected ${String(c.expected)}, actual ${String(c.actual)}`, `data.checks.${i}`));
    return passIf(checks.length > 0 && checks.every(({ c }) => c.passed), evidence);
  },
  "data.label-range": (r) => {
    const d = r.data;
    if (d.kind === "external") return externalData(r)!;
    if (d.kind === "synthetic") {
      const total = d.classCounts.reduce((a, b) => a + b, 0);
      return passIf(d.classCounts.length === d.classes && total === d.rows, [ev("classes", `0..${d.classes - 1}`, "data.classes"), ev("rows per label", d.classCounts, "data.classCounts")]);
    }
    const checks = d.checks.map((c, i) => ({ c, i })).filter(({ c }) => c.name.includes("labels"));
    const evidence = checks.map(({ c, i }) => ev(c.name, `${c.passed ? "pass" : "FAIL"}: expected ${String(c.expected)}, actual ${String(c.actual)}`, `data.checks.${i}`));
    return passIf(checks.length > 0 && checks.every(({ c }) => c.passed), evidence);
  },
  "rng.seed-fixed": (r) => {
    const recorded = r.repeats.filter((x) => x.rng !== null).length;
    return passIf(Number.isSafeInteger(r.experiment.config.seed) && r.run.seeds.length > 0, [
      ev("seed", r.experiment.config.seed, "experiment.config.seed"),
      ev("seed from", r.experiment.sources["seed"] ?? "?", "experiment.sources.seed"),
      ev("seeds run", r.run.seeds, "run.seeds"),
      ev("RNG start/end states recorded", `${recorded} of ${r.repeats.length} repeats`, "repeats[].rng"),
    ]);
  },
  "config.captured": (r) => {
    const e = r.experiment;
    const recomputed = sha256Canonical(e.config);
    return passIf(recomputed === e.configSha256, [
      ev("experiment", e.name, "experiment.name"),
      ev("file", e.file ?? "(built-in)", "experiment.file"),
      ev("config sha256", recomputed === e.configSha256 ? e.configSha256 : `${e.configSha256} recorded, ${recomputed} recomputed`, "experiment.configSha256"),
    ], "The recorded config hash does not match the config: the report was edited; re-run the audit.");
  },
  "config.precision-explicit": (r) => {
    const p = r.run.precision;
    // An external program picks its own dtype; the config's `precision` (a default) says nothing about it.
    if (r.run.runner === "command" && p.trainDtype === "unknown" && p.inferencePrecision === "unknown") {
      return {
        status: "n/a",
        evidence: [ev("reason", `the external program sets its own precision, which repro-audit does not see (${p.description}); experiment.config.precision applies only to the built-in trainer`, "run.precision")],
        hint: "State the dtype in the program's output (e.g. a precision field in its metrics) and check it manually.",
      };
    }
    return passIf(p.trainDtype.length > 0 && p.inferencePrecision.length > 0, [
      ev("precision", r.experiment.config.precision, "experiment.config.precision"),
      ev("precision from", r.experiment.sources["precision"] ?? "?", "experiment.sources.precision"),
      ev("train dtype / inference", `${p.trainDtype} / ${p.inferencePrecision}`, "run.precision"),
    ]);
  },
  "stats.repeat-count": (r) => {
    const expected = r.run.repeats * r.run.seeds.length;
    return passIf(r.repeats.length === expected, [
      ev("repeats per seed", r.run.repeats, "run.repeats"),
      ev("seeds", r.run.seeds.length, "run.seeds"),
      ev("repeats recorded", `${r.repeats.length} of ${expected}`, "repeats"),
    ], "The report holds a different number of repeats than planned: finish the run with `repro-audit run --resume RUN_ID`.");
  },
  "artifacts.training-logs": artifactKind("training log", ["logs/"], true, "no training log was recorded for this run"),
  "artifacts.checkpoints": artifactKind("checkpoint", ["checkpoints/"], true, "no checkpoint was written by this run"),
  "artifacts.benchmarks": artifactKind("benchmark output", ["bench/results", "benchmarks/"], false, "this run was not benchmarked (add `run --bench`, or see `repro-audit bench`)"),
  "artifacts.hardware-scaling": artifactKind("hardware/scaling output", ["bench/scaling", "hardware/", "scaling/"], false, "this run measured no scaling (add `run --scaling`)"),
  "artifacts.profiling": artifactKind("profiling report", ["profiles/", "profiling/"], false, "this run was not profiled (add `run --profile`)"),
  "stats.mean-ci": (r) => {
    const functional = Object.entries(r.statistics).filter(([, s]) => s.kind === "functional");
    const repeated = functional.filter(([, s]) => s.n >= 2);
    if (repeated.length === 0) return { status: "n/a", evidence: [ev("reason", "no metric has two or more values: there were no repeated runs", "statistics")], hint: "Run with --repeats 2 or more." };
    const evidence = repeated.map(([name, s]) => ev(name, s.ci95 === null ? `mean ${s.mean}, no CI` : `mean ${s.mean}, 95% CI [${s.ci95[0]}, ${s.ci95[1]}] (n=${s.n})`, `statistics.${name}`));
    return passIf(repeated.every(([, s]) => s.ci95 !== null), evidence);
  },
  "reporting.optional-paths-marked": (r) => {
    const d = r.environment.dependencies;
    return passIf(d.problem === null && r.run.kernel.length > 0, [
      ev("optional packages not installed", `${d.skippedOptional} (marked as skipped, not as missing)`, "environment.dependencies.skippedOptional"),
      ev("kernel used", r.run.kernel, "run.kernel"),
      ev("threads", r.run.threads, "run.threads"),
    ]);
  },
  "reporting.failed-runs-explained": (r) => {
    const failed = r.repeats.filter((x) => x.status === "failed");
    if (failed.length === 0) return { status: "n/a", evidence: [ev("reason", `no repeat failed (${r.repeats.length} ok)`, "repeats[].status")] };
    const rerun = r.run.resumed ? "the run was resumed (--resume)" : "not rerun";
    const evidence = failed.map((x) => ev(`repeat ${x.index}`, `${x.error?.rootCause ?? "NO ROOT CAUSE"}; rerun status: ${rerun}`, `repeats.${x.index}.error`));
    return passIf(failed.every((x) => x.error !== null && x.error.rootCause.length > 0), evidence);
  },
};

// The one view-model every rendered format reads (STYLE.md §9): a report.json turned into display
// strings — numbers formatted, hashes shortened, statuses labelled, the first divergence located in
// the repeats table, sign-offs checked. Pure: the same report gives the same view. Templates only
// lay it out; they never compute. Charts are added by render.ts for HTML only.

import { formatBytes } from "../io/format.js";
import { effectiveChecklist, overallStatus } from "../checklist/status.js";
import { reportDigest } from "./digest.js";
import type { Report } from "./schema.js";
import { checkSignoffs } from "./signoff.js";

export interface Row {
  label: string;
  value: string;
}

/** A number for people: integers as is, others with 6 significant digits; null as "n/a". */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined) return "n/a";
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  const p = Number(x.toPrecision(6));
  return Math.abs(p) < 1e-4 || Math.abs(p) >= 1e9 ? p.toExponential() : String(p);
}

const short = (h: string | null | undefined) => (h === null || h === undefined ? "—" : `${h.slice(0, 12)}…`);

const bytes = formatBytes;

/** GitHub alert kind per overall status (Markdown banner). */
const ALERT: Record<ReturnType<typeof overallStatus>["status"], string> = {
  "not-reproducible": "CAUTION",
  "checklist-failed": "CAUTION",
  "awaiting-sign-off": "WARNING",
  "not-evaluated": "NOTE",
  reproducible: "TIP",
};

const VERDICT_LABEL = { identical: "identical", "within-tolerance": "within tolerance", "not-reproducible": "not reproducible" } as const;

/** Columns of the per-repeat hash table and the divergence fields each one shows. */
const HASH_COLUMNS = [
  { title: "data (x)", field: "data" },
  { title: "initial weights", field: "initialWeights" },
  { title: "RNG end", field: "rngState" },
  { title: "last batch order", field: "batchOrder" },
  { title: "final weights", field: "weights" },
] as const;

export function buildViewModel(report: Report) {
  const v = report.verdict;
  const overall = overallStatus(report);
  const digest = reportDigest(report);
  const div = v.firstDivergence;
  const e = report.experiment;
  const env = report.environment;
  const d = report.data;

  const dataRows: Row[] =
    d.kind === "synthetic"
      ? [
          { label: "kind", value: `synthetic (${d.version}), seed ${d.seed}` },
          { label: "construction", value: d.construction },
          { label: "shape", value: `${d.rows} rows × ${d.features} features, ${d.classes} classes` },
          { label: "rows per label", value: d.classCounts.join(", ") },
          { label: "x sha256", value: d.xSha256 },
          { label: "y sha256", value: d.ySha256 },
        ]
      : d.kind === "real"
        ? [
            { label: "source", value: `${d.source.kind}: ${d.source.path}${d.source.version === null ? "" : ` (version ${d.source.version})`}` },
            { label: "preprocessing", value: d.preprocessing },
            { label: "train", value: `${d.train.rows} rows × ${d.train.features} features (${d.train.format})` },
            { label: "train x sha256", value: d.train.xSha256 },
            { label: "train y sha256", value: d.train.ySha256 },
            ...d.train.files.map((f) => ({ label: `file (${f.role})`, value: `${f.path} — sha256 ${f.sha256}${f.gzip ? `, decompressed ${f.decompressedSha256}` : ""}` })),
            ...(d.test === null ? [] : [{ label: "test", value: `${d.test.rows} rows, x sha256 ${d.test.xSha256}` }]),
          ]
        : [{ label: "kind", value: `external: ${d.note}` }];
  const dataChecks = d.kind === "real" ? d.checks.map((c) => ({ name: c.name, status: c.passed ? "pass" : "fail", expected: String(c.expected), actual: String(c.actual) })) : [];

  const repeats = report.repeats.map((r) => {
    const last = [...r.trace].reverse().find((t) => t.step === undefined);
    const values: Record<(typeof HASH_COLUMNS)[number]["field"], string | null> = {
      data: r.data?.xSha256 ?? null,
      initialWeights: r.initialWeightsSha256,
      rngState: r.rng?.endSha256 ?? null,
      batchOrder: last?.batchOrderSha256 ?? null,
      weights: r.weightsSha256,
    };
    const divergent = div !== null && div.repeat === r.index;
    return {
      index: r.index,
      seed: r.seed,
      status: r.status,
      divergent,
      cells: HASH_COLUMNS.map((c) => ({ short: short(values[c.field]), full: values[c.field] ?? "—", diverged: divergent && div.field === c.field })),
      metrics: Object.keys(report.statistics)
        .filter((m) => report.statistics[m]!.kind === "functional")
        .map((m) => ({ name: m, value: fmt(r.metrics[m]), diverged: divergent && div.field === "metrics" })),
      error: r.error === null ? null : `${r.error.message} — root cause: ${r.error.rootCause}`,
    };
  });

  const items = report.checklist === null ? [] : effectiveChecklist(report.checklist, report.signoffs);
  const sections: { title: string; items: typeof items }[] = [];
  for (const item of items) {
    const s = sections[sections.length - 1];
    if (s !== undefined && s.title === item.section) s.items.push(item);
    else sections.push({ title: item.section, items: [item] });
  }
  const signoffChecks = checkSignoffs(report, digest);

  return {
    title: `Reproducibility audit: ${e.name}`,
    runId: report.runId,
    createdAt: report.createdAt,
    tool: `${report.tool.name} ${report.tool.version}`,
    schema: report.schema,
    digest,
    overall: { status: overall.status, label: overall.label, counts: overall.counts, alert: ALERT[overall.status], css: overall.status },
    verdict: { status: v.status, label: VERDICT_LABEL[v.status], reason: v.reason, tolerance: fmt(v.tolerance), failedRepeats: v.failedRepeats.join(", ") },
    divergence:
      div === null
        ? null
        : { repeat: div.repeat, comparedWith: div.comparedWith, at: div.epoch === null ? "position unknown" : `epoch ${div.epoch}${div.step !== null ? `, step ${div.step}` : ""}`, field: div.field, detail: div.detail },
    experiment: {
      name: e.name,
      file: e.file ?? "(built-in experiment)",
      description: e.description ?? "",
      configSha256: e.configSha256,
      config: Object.entries(e.config).map(([key, value]) => ({ key, value: JSON.stringify(value), source: e.sources[key] ?? "?" })),
    },
    run: [
      { label: "runner", value: report.run.runner },
      { label: "repeats", value: `${report.run.repeats} per seed × ${report.run.seeds.length} seed(s) (${report.run.seedMode}): seeds ${report.run.seeds.join(", ")}` },
      { label: "tolerance", value: fmt(report.run.tolerance) },
      { label: "kernel / threads", value: `${report.run.kernel} / ${report.run.threads}` },
      { label: "precision", value: report.run.precision.description },
      { label: "trace", value: report.run.traceEvery === 0 ? "per epoch" : `every ${report.run.traceEvery} steps` },
      { label: "resumed", value: report.run.resumed ? "yes" : "no" },
    ] as Row[],
    environment: [
      { label: "runtime", value: `node ${env.runtime.node} (v8 ${env.runtime.v8}) on ${env.runtime.platform}/${env.runtime.arch}` },
      { label: "OS", value: `${env.os.distro} ${env.os.release}, kernel ${env.os.kernel}` },
      { label: "CPU", value: `${env.cpu.manufacturer} ${env.cpu.brand} (family ${env.cpu.family}, model ${env.cpu.model}, stepping ${env.cpu.stepping}), ${env.cpu.cores} logical / ${env.cpu.physicalCores} physical cores, ${env.cpu.flags.length} flags` },
      { label: "memory", value: bytes(env.memory.totalBytes) },
      { label: "virtualisation", value: env.virtualization.virtual ? `yes (${env.virtualization.host ?? "unknown"})` : "no" },
      { label: "dependencies", value: env.dependencies.lockfileSha256 === null ? `not checked: ${env.dependencies.problem ?? "no lockfile"}` : `lock sha256 ${env.dependencies.lockfileSha256}; ${env.dependencies.checked} checked, ${env.dependencies.mismatches.length} mismatched, ${env.dependencies.missing.length} missing, ${env.dependencies.skippedOptional} optional skipped` },
      { label: "git", value: env.git === null ? "not a git work tree" : `${env.git.commit ?? "(no commits)"}${env.git.dirty ? " (dirty)" : ""}` },
      { label: "host identifiers", value: env.host.redacted ? "redacted (hashed)" : "NOT redacted" },
      ...Object.entries(env.variables).map(([k, val]) => ({ label: `env ${k}`, value: val })),
    ] as Row[],
    data: { rows: dataRows, checks: dataChecks, hasChecks: dataChecks.length > 0 },
    statistics: Object.entries(report.statistics).map(([name, s]) => ({
      name,
      kind: s.kind,
      n: s.n,
      mean: fmt(s.mean),
      sd: fmt(s.sd),
      ci95: s.ci95 === null ? "n/a" : `[${fmt(s.ci95[0])}, ${fmt(s.ci95[1])}]`,
      min: fmt(s.min),
      max: fmt(s.max),
    })),
    hashColumns: HASH_COLUMNS.map((c) => c.title),
    metricColumns: repeats[0]?.metrics.map((m) => m.name) ?? [],
    repeats,
    warnings: report.warnings,
    checklist: { evaluated: report.checklist !== null, sections },
    signoffs: report.signoffs.map((s, i) => {
      const c = signoffChecks[i]!;
      return {
        number: i + 1,
        by: s.by,
        role: s.role ?? "—",
        at: s.at,
        items: s.items.map((it) => ({ id: it.id, status: it.status, note: it.note ?? "" })),
        digest: c.digestMatches ? "matches" : "DOES NOT MATCH",
        digestMatches: c.digestMatches,
        signature: c.signature,
      };
    }),
  };
}

export type ReportView = ReturnType<typeof buildViewModel>;

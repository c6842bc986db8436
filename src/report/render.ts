// The report's rendered formats, listed in one map (STYLE.md §9): Markdown (GitHub-flavoured, for a
// PR or a CI job summary) and HTML (one self-contained file with inline CSS and SVG plots). Both
// are pure functions of report.json: rendering the same report twice gives the same bytes.
// `registerReportRenderers()` hooks them into writeReport so `run` writes them beside report.json.

import { lineChart, spreadChart, type LineSeries } from "./charts.js";
import type { Report } from "./schema.js";
import { renderTemplate } from "./templates.js";
import { buildViewModel } from "./view-model.js";
import { registerRenderer } from "./write.js";

export type ReportFormat = "md" | "html";

function perEpoch(report: Report, key: "loss" | "accuracy"): LineSeries[] {
  const divergent = report.verdict.firstDivergence?.repeat;
  return report.repeats.map((r) => ({
    name: `repeat ${r.index}${report.run.seeds.length > 1 ? ` (seed ${r.seed})` : ""}`,
    points: r.trace.filter((t) => t.step === undefined && typeof t[key] === "number").map((t): [number, number] => [t.epoch, t[key] as number]),
    emphasis: r.index === divergent,
  }));
}

/** The HTML report's plots, as inline SVG strings. */
export function reportCharts(report: Report) {
  const spread = Object.entries(report.statistics)
    .filter(([, s]) => s.kind === "functional")
    .map(([name, s], i) => ({
      name,
      svg: spreadChart(
        `spread${i}`,
        name,
        report.repeats.flatMap((r) => {
          const value = r.metrics[name];
          return typeof value === "number" ? [{ label: String(r.index), value }] : [];
        }),
        s.mean,
        s.ci95,
      ),
    }));
  return {
    loss: lineChart("loss", "Training loss per epoch (all repeats overlaid)", "epoch", "loss", perEpoch(report, "loss")),
    accuracy: lineChart("accuracy", "Training accuracy per epoch (all repeats overlaid)", "epoch", "accuracy", perEpoch(report, "accuracy")),
    spread,
  };
}

/** One entry per format: file name and renderer. */
export const formats: Record<ReportFormat, { file: string; render: (report: Report) => string }> = {
  md: { file: "report.md", render: (report) => renderTemplate("report.md", buildViewModel(report)) },
  html: { file: "report.html", render: (report) => renderTemplate("report.html", { ...buildViewModel(report), charts: reportCharts(report) }) },
};

export const FORMAT_NAMES = Object.keys(formats) as ReportFormat[];

/** The rendered files for `report` in the given formats (default: all). */
export function renderReport(report: Report, which: readonly ReportFormat[] = FORMAT_NAMES): { file: string; text: string }[] {
  return which.map((f) => ({ file: formats[f].file, text: formats[f].render(report) }));
}

let registered = false;
/** Makes writeReport also write report.md and report.html (idempotent). */
export function registerReportRenderers(): void {
  if (registered) return;
  registered = true;
  registerRenderer((report) => renderReport(report));
}

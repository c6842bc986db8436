// Static SVG charts for the HTML report, rendered on the server by Apache ECharts' SSR mode
// (echarts.init(null, null, {renderer: "svg", ssr: true}) → renderToSVGString(); no DOM, no
// animation). ECharts numbers its element ids and CSS classes from global counters ("zr3-cls-7"),
// so each SVG is rewritten to a per-chart prefix with classes renumbered in order of appearance:
// the same data gives the same bytes, and several charts in one page never share an id.
// Not here: which data to plot (view-model.ts).

import { createRequire } from "node:module";
import type * as Echarts from "echarts";

// Loaded on first use (ECharts takes ~0.5 s to load), synchronously through its CommonJS build, so
// commands that draw no chart start fast.
let loaded: typeof Echarts | null = null;
function echarts(): typeof Echarts {
  loaded ??= createRequire(import.meta.url)("echarts") as typeof Echarts;
  return loaded;
}

export interface LineSeries {
  name: string;
  points: [number, number][];
  /** Drawn dashed (e.g. the repeat where the first divergence was found). */
  emphasis?: boolean;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const PALETTE = ["#2563eb", "#16a34a", "#d97706", "#9333ea", "#0891b2", "#be123c", "#4d7c0f", "#7c2d12"];

/** Renders one ECharts option to SVG with ids made stable (see the header). */
function renderSvg(id: string, option: Echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts().init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, color: PALETTE, ...option });
    return stabiliseIds(chart.renderToSVGString(), id);
  } finally {
    chart.dispose();
  }
}

/** `zr<N>-` → `<id>-`, and `cls-<N>` renumbered 0, 1, … by first appearance. */
export function stabiliseIds(svg: string, id: string): string {
  const safe = id.replace(/[^A-Za-z0-9_-]/g, "_");
  const withPrefix = svg.replace(/\bzr\d+-/g, `${safe}-`);
  const classes = new Map<string, number>();
  return withPrefix.replace(new RegExp(`${safe}-cls-(\\d+)`, "g"), (_m, n: string) => {
    if (!classes.has(n)) classes.set(n, classes.size);
    return `${safe}-cls-${classes.get(n)}`;
  });
}

/** Several series over a shared numeric x axis (loss or accuracy per epoch, one line per repeat). */
export function lineChart(id: string, title: string, xName: string, yName: string, series: LineSeries[], width = 640, height = 300): string {
  return renderSvg(
    id,
    {
      title: { text: title, left: "center", textStyle: { fontSize: 14 } },
      legend: { bottom: 0, type: "plain" },
      grid: { left: 70, right: 24, top: 40, bottom: 64 },
      xAxis: { type: "value", name: xName, nameLocation: "middle", nameGap: 26, minInterval: 1, min: "dataMin", max: "dataMax" },
      yAxis: { type: "value", name: yName, scale: true },
      series: series.map((s) => ({
        type: "line",
        name: s.name,
        data: s.points,
        symbolSize: 6,
        lineStyle: { width: 2, type: s.emphasis === true ? "dashed" : "solid" },
      })),
    },
    width,
    height,
  );
}

/** The spread of one final metric: one point per repeat, the mean as a line, the 95% CI as a band. */
export function spreadChart(id: string, title: string, values: { label: string; value: number }[], mean: number, ci95: [number, number] | null, width = 320, height = 220): string {
  return renderSvg(
    id,
    {
      title: { text: title, left: "center", textStyle: { fontSize: 13 } },
      grid: { left: 88, right: 48, top: 36, bottom: 40 },
      xAxis: { type: "category", data: values.map((v) => v.label), name: "repeat", nameLocation: "middle", nameGap: 24 },
      yAxis: { type: "value", scale: true },
      series: [
        {
          type: "scatter",
          name: title,
          data: values.map((v) => v.value),
          symbolSize: 9,
          markLine: { symbol: "none", silent: true, label: { formatter: "mean" }, data: [{ yAxis: mean }] },
          ...(ci95 === null ? {} : { markArea: { silent: true, itemStyle: { color: "rgba(37,99,235,0.12)" }, data: [[{ yAxis: ci95[0] }, { yAxis: ci95[1] }]] } }),
        },
      ],
    },
    width,
    height,
  );
}

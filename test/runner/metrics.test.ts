import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MetricsError, parseStdoutMetrics, readMetricsFile } from "../../src/runner/metrics.js";

const dir = mkdtempSync(join(tmpdir(), "metrics-"));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe("metrics from a JSON file", () => {
  it("averages numeric top-level fields and records the rest", () => {
    const m = readMetricsFile(file("m.json", JSON.stringify({ loss: 0.42, acc: 1, history: [{ loss: 1 }], note: "x", ok: true, nested: { a: 1 } })), "m.json");
    expect(m.metrics).toEqual({ acc: 1, loss: 0.42 });
    expect(Object.keys(m.metrics)).toEqual(["acc", "loss"]);
    expect(m.extra).toEqual({ history: [{ loss: 1 }], note: "x", ok: true, nested: { a: 1 } });
    expect(m.nonFinite).toEqual([]);
  });

  it("reads Python's NaN/Infinity as null non-finite metrics, but not inside strings", () => {
    // What json.dumps({"loss": float("nan"), "gain": float("-inf"), "s": "NaN, x"}) writes.
    const m = readMetricsFile(file("nan.json", '{"loss": NaN, "gain": -Infinity, "s": "NaN, x", "h": {"v": [NaN, 1]}}'), "nan.json");
    expect(m.metrics).toEqual({ gain: null, loss: null });
    expect(m.nonFinite).toEqual(["gain", "loss"]);
    expect(m.extra).toEqual({ h: { v: ["NaN", 1] }, s: "NaN, x" });
  });

  it("says what is wrong with a missing, malformed or non-object file", () => {
    expect(() => readMetricsFile(join(dir, "absent.json"), "absent.json")).toThrow(/wrote no metrics file absent\.json/);
    expect(() => readMetricsFile(file("bad.json", "{loss: 1"), "bad.json")).toThrow(/bad\.json is not valid JSON/);
    expect(() => readMetricsFile(file("list.json", "[1, 2]"), "list.json")).toThrow(MetricsError);
    expect(() => readMetricsFile(file("list.json", "[1, 2]"), "list.json")).toThrow(/JSON object/);
  });
});

describe("metrics from stdout lines", () => {
  it("takes name=value pairs after the prefix; the last value wins", () => {
    const out = "starting\nMETRIC epoch=1 loss=0.9\nnoise METRIC loss=5\nMETRICS loss=7\nMETRIC loss=0.42 acc=0.9 tag=final\nMETRIC: gain=nan\n";
    const m = parseStdoutMetrics(out, "METRIC");
    expect(m.metrics).toEqual({ acc: 0.9, epoch: 1, gain: null, loss: 0.42 });
    expect(m.nonFinite).toEqual(["gain"]);
    expect(m.extra).toEqual({ tag: "final" });
  });

  it("fails clearly when no line has the prefix or no pair is numeric", () => {
    expect(() => parseStdoutMetrics("loss=1\n", "METRIC")).toThrow(/no line on stdout starts with "METRIC"/);
    expect(() => parseStdoutMetrics("METRIC tag=x\n", "METRIC")).toThrow(/no numeric name=value pair/);
  });
});

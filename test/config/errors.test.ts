// Config errors say where the offending value came from (a file, a flag as typed, a layer), and
// keys that the chosen runner would ignore are refused rather than accepted silently.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadExperiment } from "../../src/config/load.js";
import { describeSource, flagLabel } from "../../src/config/flags.js";
import { ConfigError } from "../../src/errors.js";
import { expectCleanError, runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "cfg-errors-"));
function file(name: string, value: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof value === "string" ? value : JSON.stringify(value));
  return p;
}
function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}
const FIX = (key: string) => `add \`runner: command\` and a \`command\`, or remove ${key}`;

describe("command-runner keys on a core experiment", () => {
  it("refuses metrics, artifacts and timeout_seconds, naming each key and the fix", () => {
    const p = file("stray.json", { metrics: "m.json", artifacts: ["a"], timeout_seconds: 3 });
    const m = message(() => loadExperiment(p));
    expect(m).toContain(p);
    for (const key of ["metrics", "artifacts", "timeout_seconds"]) {
      expect(m).toContain(`  ${key}: is set but applies only to runner: command`);
      expect(m).toContain(FIX(key));
    }
  });

  it("refuses env, cwd and fingerprint one by one", () => {
    const cases: [string, unknown][] = [["env", { OMP_NUM_THREADS: "1" }], ["cwd", "sub"], ["fingerprint", ["python3 --version"]]];
    for (const [key, value] of cases) {
      const m = message(() => loadExperiment(file(`${key}.json`, { [key]: value })));
      expect(m).toContain(`${key}: is set but applies only to runner: command`);
      expect(m).toContain(FIX(key));
    }
  });

  it("accepts the defaults ([] / {} / null) on core and every key with runner: command", () => {
    expect(loadExperiment(file("defaults.json", { metrics: null, artifacts: [], timeout_seconds: null, env: {}, cwd: null, fingerprint: [] })).config.runner).toBe("core");
    const e = loadExperiment(file("cmd.json", { runner: "command", command: ["true"], metrics: "m.json", artifacts: ["a"], timeout_seconds: 3, env: { A: "1" }, cwd: ".", fingerprint: ["true"] }));
    expect(e.config.artifacts).toEqual(["a"]);
  });

  it("names the flag when the stray value came from the command line", () => {
    const m = message(() => loadExperiment("baseline", { artifacts: ["a.bin", "b.bin"], timeout_seconds: 5 }));
    expect(m).toContain("--artifacts a.bin b.bin: artifacts is set but applies only to runner: command");
    expect(m).toContain("--timeout 5: timeout_seconds is set");
  });

  it("exits 2 from the CLI before training (the reviewer's repro)", () => {
    const p = file("repro.json", { metrics: "m.json", artifacts: ["a"], timeout_seconds: 3 });
    const r = runCli(["train", "-e", p, "--epochs", "1"], { cwd: dir });
    expectCleanError(r);
    expect(r.stderr).toContain(FIX("artifacts"));
  });
});

describe("errors name the source of the value", () => {
  it("labels the flag layer and maps keys to flag names", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ epochs: 0 }, "--epochs 0: epochs must be at least 1 — Passes over the training data."],
      [{ seed: -1 }, "--seed -1: seed must be 0 or more"],
      [{ precision: "fp64" }, "--precision fp64: precision must be one of float32, float16, int8"],
      [{ dropout_rate: 1 }, "--dropout 1: dropout_rate must be less than 1"],
      [{ batch_size: 0 }, "--batch-size 0: batch_size must be at least 1"],
      [{ alpha: 0 }, "--alpha 0: alpha must be greater than 0"],
      [{ runner: "command", command: "", timeout_seconds: 1 }, '--cmd "": command must not be empty'],
      [{ runner: "command", command: "true", metrics: "" }, '--metrics "": metrics'],
      [{ runner: "command", command: "true", timeout_seconds: -2 }, "--timeout -2: timeout_seconds must be greater than 0"],
    ];
    for (const [flags, expected] of cases) {
      const m = message(() => loadExperiment("baseline", flags));
      expect(m.split("\n")[0]).toBe("invalid experiment config from the command line:");
      expect(m).toContain(expected);
    }
  });

  it("says which layer a cross-field problem's value came from when it is not the file", () => {
    const p = file("deep.json", { layer_sizes: [4, 3, 3, 2] });
    expect(message(() => loadExperiment(p))).toContain("activations: has 2 entries but layer_sizes [4,3,3,2] has 3 layer transitions (value from the default) — give exactly 3 activations");
    const q = file("own.json", { layer_sizes: [4, 3, 2], activations: ["relu", "relu"] });
    const m = message(() => loadExperiment(q));
    expect(m).toContain(`activations.1: is "relu" but the output layer must be softmax`);
    expect(m).not.toContain("value from"); // the header already names the file
  });

  it("describes every kind of source", () => {
    expect(describeSource("default")).toBe("the default");
    expect(describeSource("flag")).toBe("the command line");
    expect(describeSource("experiment:baseline")).toBe('named experiment "baseline"');
    expect(describeSource("file:/x/e.yaml")).toBe("/x/e.yaml");
    expect(flagLabel("command", "python3 train.py")).toBe('--cmd "python3 train.py"');
    expect(flagLabel("layer_sizes", [1, 2])).toBe("the command line (layer_sizes)");
  });
});

describe("hardware_constraint_mode is checked where the config is read", () => {
  it("names the file, the key, the valid names and the nearest one", () => {
    const p = file("hw.json", { hardware_constraint_mode: "nosuch" });
    const m = message(() => loadExperiment(p));
    expect(m).toContain(p);
    expect(m).toContain('hardware_constraint_mode: is "nosuch", not a known hardware profile (valid: off, mcu-256k, edge-1m, mobile-16m)');
    expect(message(() => loadExperiment(file("hw2.yaml", "hardware_constraint_mode: edge-1n\n")))).toContain('did you mean "edge-1m"?');
  });

  it("accepts every profile, off and false", () => {
    for (const mode of ["off", "mcu-256k", "edge-1m", "mobile-16m"]) expect(loadExperiment(file(`hw-${mode}.json`, { hardware_constraint_mode: mode })).config.hardware_constraint_mode).toBe(mode);
    expect(loadExperiment(file("hw-false.yaml", "hardware_constraint_mode: false\n")).config.hardware_constraint_mode).toBe("off");
  });
});

describe("each problem is printed once", () => {
  it("seed 1e30 gives one seed line that says why", () => {
    const m = message(() => loadExperiment(file("bigseed.json", '{"seed":1e30}')));
    const lines = m.split("\n").filter((l) => l.trim().startsWith("seed:"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("must be at most 9007199254740991");
  });

  it("an empty file is called empty, not an object", () => {
    expect(message(() => loadExperiment(file("empty.yaml", "")))).toContain("is empty (or holds only null)");
  });
});

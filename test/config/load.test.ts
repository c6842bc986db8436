import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadExperiment } from "../../src/config/load.js";
import { ConfigError } from "../../src/errors.js";
import { sha256Canonical } from "../../src/io/hash.js";

const dir = mkdtempSync(join(tmpdir(), "cfg-"));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
function error(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("experiment configs", () => {
  it("resolves baseline with the DESIGN.md values and default sources", () => {
    const e = loadExperiment("baseline");
    expect(e.config).toMatchObject({ layer_sizes: [784, 64, 10], activations: ["relu", "softmax"], epochs: 2, alpha: 0.1, batch_size: 32, seed: 42, precision: "float32", synthetic_samples: 512, hardware_constraint_mode: "off" });
    expect(e.sources.epochs).toBe("default");
    expect(e.configSha256).toBe(sha256Canonical(e.config));
  });

  it("layers real_fashion_mnist over the defaults and records where values came from", () => {
    const e = loadExperiment("real_fashion_mnist", { seed: 0 });
    expect(e.config.epochs).toBe(3);
    expect(e.config.synthetic_mode).toBe(false);
    expect(e.sources.epochs).toBe("experiment:real_fashion_mnist");
    expect(e.sources.seed).toBe("flag");
    expect(e.config.seed).toBe(0); // 0 is a seed, not "unset"
  });

  it("loads a reference-project YAML file unchanged, with extends and sources", () => {
    const p = file("exp.yaml", "extends: real_fashion_mnist\nname: wide\nlayer_sizes: [784, 128, 10]\nhardware_constraint_mode: off\nprecision: fp16\n");
    const e = loadExperiment(p);
    expect(e.name).toBe("wide");
    expect(e.config.layer_sizes).toEqual([784, 128, 10]);
    expect(e.config.precision).toBe("float16");
    expect(e.sources.layer_sizes).toBe(`file:${p}`);
    expect(e.sources.epochs).toBe("experiment:real_fashion_mnist");
    expect(e.sources.alpha).toBe("default");
  });

  it("names the file, the unknown key and the nearest valid key", () => {
    const p = file("typo.json", JSON.stringify({ batchsize: 16, learning_rate: 0.1 }));
    const err = error(() => loadExperiment(p));
    expect(err.message).toContain(p);
    expect(err.message).toContain('batchsize: unknown key — did you mean "batch_size"?');
    expect(err.message).toContain("learning_rate: unknown key");
  });

  it("names the field and the fix for a wrong type", () => {
    const p = file("type.yaml", "epochs: two\n");
    const err = error(() => loadExperiment(p));
    expect(err.message).toMatch(/epochs: must be a number/);
    expect(err.message).toContain(p);
  });

  it("rejects an unknown experiment with a suggestion", () => {
    const err = error(() => loadExperiment("basline"));
    expect(err.message).toContain('unknown experiment "basline"');
    expect(err.message).toContain('did you mean "baseline"');
  });

  it("reports unreadable files, directories and bad syntax", () => {
    expect(error(() => loadExperiment(join(dir, "missing.yaml"))).message).toContain("does not exist");
    const sub = join(dir, "sub.json");
    mkdirSync(sub, { recursive: true });
    expect(error(() => loadExperiment(sub)).message).toContain("is a directory");
    expect(error(() => loadExperiment(file("bad.json", "{ nope"))).message).toContain("not valid JSON");
  });

  it("checks cross-field rules: activations count and softmax placement", () => {
    const p = file("act.json", JSON.stringify({ layer_sizes: [4, 3, 2], activations: ["relu", "relu"] }));
    expect(error(() => loadExperiment(p)).message).toContain("activations.1");
    const q = file("cnt.json", JSON.stringify({ layer_sizes: [4, 3, 2], activations: ["softmax"] }));
    expect(error(() => loadExperiment(q)).message).toContain("has 1 entries");
  });
});

import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCleanError, ROOT, runCli, tempDir } from "../helpers/cli.js";

const baselineFixture = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "reference", "baseline.json"), "utf8"));
const hasNumpy = spawnSync("python3", ["-c", "import numpy"]).status === 0;

function train(args: string[], out = tempDir()) {
  const r = runCli(["train", "--out", out, "--json", ...args]);
  if (r.code !== 0) throw new Error(`train failed (${r.code}): ${r.stderr}`);
  return { record: JSON.parse(r.stdout), out };
}

describe("repro-audit train", () => {
  const first = train(["--experiment", "baseline"]);

  it("prints the contract keys of the --json record", () => {
    const r = first.record;
    for (const key of ["experiment", "seed", "precision", "initialWeightsSha256", "weightsSha256", "finalLoss", "finalAccuracy", "history", "rng", "timing"]) {
      expect(r).toHaveProperty(key);
    }
    expect(r.data.xSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.data.ySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.history).toHaveLength(2);
    expect(Object.keys(r.history[0])).toEqual(expect.arrayContaining(["epoch", "loss", "accuracy", "weightsSha256"]));
    expect(r.rng.start.bit_generator).toBe("PCG64");
    expect(typeof r.rng.end.state.state).toBe("string");
    expect(r.timing.trainSeconds).toBeGreaterThan(0);
    expect(r.timing.samplesPerSecond).toBeGreaterThan(0);
    expect(r.trainDtype).toBe("float32");
    expect(r.inferencePrecision).toBe("float32");
  });

  it("matches the NumPy oracle's hashes and final loss for baseline at seed 42", () => {
    type Case = { case: { seed: number; dropoutRate: number; precision: string }; exact: Record<string, string>; blas: { finalLoss: number } };
    const ref = (baselineFixture.baseline as Case[]).find((c) => c.case.seed === 42 && c.case.dropoutRate === 0 && c.case.precision === "float32");
    expect(ref, "fixture case seed 42 dropout 0").toBeDefined();
    expect(first.record.data.xSha256).toBe(ref!.exact.xSha256);
    expect(first.record.data.ySha256).toBe(ref!.exact.ySha256);
    expect(first.record.initialWeightsSha256).toBe(ref!.exact.initialWeightsSha256);
    expect(first.record.weightsSha256).toBe(ref!.exact.finalWeightsSha256);
    expect(Math.abs(first.record.finalLoss - ref!.blas.finalLoss) / ref!.blas.finalLoss).toBeLessThan(1e-4);
  });

  it("gives identical weights twice, and different weights for seeds 0 and 1", () => {
    expect(train(["--experiment", "baseline"]).record.weightsSha256).toBe(first.record.weightsSha256);
    const s0 = train(["--seed", "0"]).record;
    const s1 = train(["--seed", "1"]).record;
    expect(s0.seed).toBe(0);
    expect(s0.weightsSha256).not.toBe(s1.weightsSha256);
    expect(s0.data.xSha256).not.toBe(s1.data.xSha256);
  });

  it("writes config, epoch log and checkpoint in runs/<run-id>/", () => {
    const [runId] = readdirSync(first.out);
    expect(runId).toMatch(/^baseline-\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    const dir = join(first.out, runId!);
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    expect(config.sources.seed).toBe("default");
    const log = readFileSync(join(dir, "logs", "epochs.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(log.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2]);
    const sha = execFileSync("sha256sum", [join(dir, "checkpoints", "final.npz")], { encoding: "utf8" }).split(" ")[0];
    expect(first.record.checkpoint.sha256).toBe(sha);
  });

  it("continues from a checkpoint with --init-from", () => {
    const dir = join(first.out, readdirSync(first.out)[0]!);
    const next = train(["--epochs", "1", "--init-from", join(dir, "checkpoints", "final.npz")]).record;
    expect(next.initialWeightsSha256).toBe(first.record.weightsSha256);
    expect(next.initFrom.sha256).toBe(first.record.checkpoint.sha256);
  });

  it.skipIf(!hasNumpy)("writes a checkpoint numpy.load opens (needs python3+numpy)", () => {
    const dir = join(first.out, readdirSync(first.out)[0]!);
    const out = execFileSync("python3", ["-c", "import numpy as np,sys,json,hashlib; z=np.load(sys.argv[1]); w=b''.join(z[k].tobytes() for k in ['W1','b1','W2','b2']); print(json.dumps({'sha':hashlib.sha256(w).hexdigest(),'shape':list(z['W1'].shape),'seed':json.loads(str(z['config']))['seed']}))", join(dir, "checkpoints", "final.npz")], { encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ sha: first.record.weightsSha256, shape: [784, 64], seed: 42 });
  });

  it("runs float16 and int8 and states train dtype and inference precision", () => {
    const h = train(["--precision", "float16"]).record;
    expect([h.trainDtype, h.inferencePrecision]).toEqual(["float16", "float16"]);
    const q = train(["--precision", "int8"]).record;
    expect([q.trainDtype, q.inferencePrecision]).toEqual(["float32", "int8"]);
    expect(Math.abs(q.finalAccuracy - first.record.finalAccuracy)).toBeLessThanOrEqual(0.02);
  });

  describe("bad input exits 2 with the file, the field and the fix, and writes nothing", () => {
    const out = tempDir();
    const dir = tempDir();
    const cases: [string, string[], RegExp[]][] = [
      ["unknown key", ["-e", write("typo.yaml", "extends: baseline\nbatchsize: 16\n")], [/typo\.yaml/, /batchsize: unknown key/, /did you mean "batch_size"/]],
      ["wrong type", ["-e", write("type.json", '{"epochs": "two"}')], [/type\.json/, /epochs: must be a number/]],
      ["unknown experiment", ["-e", "nonexistent_exp"], [/unknown experiment "nonexistent_exp"/, /Known experiments: baseline, real_fashion_mnist/]],
      ["unreadable file", ["-e", join(dir, "missing.yaml")], [/missing\.yaml/, /does not exist/]],
      ["bad flag value", ["--precision", "float64"], [/--precision float64: precision must be one of float32, float16, int8/]],
      ["missing checkpoint", ["--init-from", join(dir, "nope.npz")], [/nope\.npz/, /does not exist/]],
      ["truncated dataset", ["-e", truncatedDataset()], [/train-images-idx3-ubyte\.gz/, /truncated|corrupt|unexpected end/i]],
    ];
    function truncatedDataset() {
      const data = join(dir, "broken-data");
      mkdirSync(data, { recursive: true });
      const src = join(ROOT, "data", "fashion-mnist");
      const images = readFileSync(join(src, "train-first10k-images-idx3-ubyte.gz"));
      writeFileSync(join(data, "train-images-idx3-ubyte.gz"), images.subarray(0, images.length >> 1));
      writeFileSync(join(data, "train-labels-idx1-ubyte.gz"), readFileSync(join(src, "train-first10k-labels-idx1-ubyte.gz")));
      return write("broken.yaml", `extends: real_fashion_mnist\ndataset_path: ${data}\n`);
    }
    function write(name: string, text: string) {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    }
    it.each(cases)("%s", (_name, args, patterns) => {
      const before = readdirSync(out).length;
      const r = runCli(["train", "--out", out, ...args]);
      expectCleanError(r);
      for (const p of patterns) expect(r.stderr).toMatch(p);
      expect(readdirSync(out).length).toBe(before);
    });
  });
});

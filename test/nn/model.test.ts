// Unit tests for the core's contracts other than gradients and goldens: spec validation, parameter
// layout, init and draw order, hooks, evaluation chunking, int8 quantisation, footprints/profiles.

import { describe, expect, test } from "vitest";
import { ConfigError, ConstraintError, DataError } from "../../src/errors.js";
import { syntheticV1 } from "../../src/data/synthetic.js";
import { F32 } from "../../src/nn/arith.js";
import { evaluate, int8Params } from "../../src/nn/evaluate.js";
import { checkConstraints, computeFootprint, PROFILE_NAMES } from "../../src/nn/footprint.js";
import { layerHashes, weightsSha256 } from "../../src/nn/hash.js";
import { referenceKernel } from "../../src/nn/kernels/reference.js";
import { createModel, paramView } from "../../src/nn/model.js";
import { paramLayout } from "../../src/nn/params.js";
import { precisionInfo } from "../../src/nn/precision.js";
import { quantizeTensor, roundHalfEven } from "../../src/nn/quantize.js";
import { validateSpec, type ModelSpec } from "../../src/nn/spec.js";
import { trainModel } from "../../src/nn/train.js";
import { Generator } from "../../src/rng/generator.js";
import { TestRandom } from "./helpers.js";

const spec = (over: Partial<ModelSpec> = {}): ModelSpec => ({ layerSizes: [6, 5, 3], activations: ["relu", "softmax"], dropoutRate: 0, precision: "float32", ...over });

describe("spec validation", () => {
  const bad: [Partial<ModelSpec>, string][] = [
    [{ activations: ["relu", "relu"] }, "activations"],
    [{ activations: ["softmax", "softmax"] }, "activations"],
    [{ activations: ["relu"] }, "activations"],
    [{ activations: ["gelu" as never, "softmax"] }, "activations"],
    [{ dropoutRate: 1 }, "dropoutRate"],
    [{ dropoutRate: -0.1 }, "dropoutRate"],
    [{ precision: "bf16" as never }, "precision"],
    [{ layerSizes: [6, 0, 3] }, "layerSizes"],
  ];
  for (const [over, field] of bad) {
    test(`${JSON.stringify(over)} -> ConfigError on ${field}`, () => {
      expect(() => validateSpec(spec(over))).toThrow(ConfigError);
      expect(() => validateSpec(spec(over))).toThrow(new RegExp(`^${field}`));
    });
  }
  test("a valid spec passes", () => expect(validateSpec(spec())).toEqual(spec()));
});

test("parameter layout: W1,b1,W2,b2 in one buffer", () => {
  const l = paramLayout([784, 64, 10]);
  expect(l.entries.map((e) => [e.name, e.shape, e.offset])).toEqual([
    ["W1", [784, 64], 0], ["b1", [64], 50176], ["W2", [64, 10], 50240], ["b2", [10], 50880],
  ]);
  expect(l.total).toBe(50890);
});

test("init: uniform within the Glorot limit, float32, biases zero, exactly n_in*n_out draws per layer", () => {
  const rng = Generator.fromSeed(0);
  const m = createModel(spec({ layerSizes: [30, 20, 4], activations: ["tanh", "softmax"] }), rng);
  const W1 = paramView(m, "W1");
  const lim = Math.sqrt(6 / 50);
  expect(W1.every((w) => Math.abs(w) <= Math.fround(lim))).toBe(true);
  expect(paramView(m, "b1").every((b) => b === 0)).toBe(true);
  const expected = new Float64Array(600);
  const ref = Generator.fromSeed(0);
  ref.fillUniform(expected, -lim, lim);
  expect(Array.from(W1)).toEqual(Array.from(Float32Array.from(expected)));
  ref.fillUniform(new Float64Array(80), -Math.sqrt(6 / 24), Math.sqrt(6 / 24));
  expect(rng.getState()).toEqual(ref.getState());
});

describe("training draws and hooks", () => {
  const data = syntheticV1(new TestRandom(1), { n: 37, features: 6, classes: 3 });
  test("dropout 0 draws only the permutations; hooks see every epoch, batch order and step", () => {
    const rng = Generator.fromSeed(5);
    const m = createModel(spec(), rng);
    const ref = Generator.fromSeed(5);
    createModel(spec(), ref);
    const perms: Int32Array[] = [];
    const events: string[] = [];
    const { history } = trainModel(m, data, rng, { epochs: 2, alpha: 0.1, batchSize: 10 }, {
      onEpochStart: (e) => events.push(`start${e}`),
      onBatchOrder: (_e, p) => perms.push(p),
      onStep: (s, ctx) => events.push(`step${s}@${ctx.epoch}`),
      onEpochEnd: (r) => events.push(`end${r.epoch}`),
    });
    expect(perms).toEqual([ref.permutation(37), ref.permutation(37)]);
    expect(rng.getState()).toEqual(ref.getState());
    expect(events).toEqual(["start1", "step1@1", "step2@1", "step3@1", "step4@1", "end1", "start2", "step5@2", "step6@2", "step7@2", "step8@2", "end2"]);
    expect(history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(history.every((h) => Number.isFinite(h.loss) && h.accuracy >= 0 && h.accuracy <= 1)).toBe(true);
  });
  test("dropout draws B*width doubles per hidden layer per batch, after the permutation", () => {
    const rng = Generator.fromSeed(5);
    const m = createModel(spec({ dropoutRate: 0.5 }), rng);
    const ref = Generator.fromSeed(5);
    createModel(spec(), ref);
    trainModel(m, data, rng, { epochs: 1, alpha: 0.1, batchSize: 10 });
    ref.permutation(37);
    for (const B of [10, 10, 10, 7]) ref.fillRandom(new Float64Array(B * 5));
    expect(rng.getState()).toEqual(ref.getState());
  });
  test("a fault hook that perturbs one weight changes the final hash; no hooks = same as empty hooks", () => {
    const run = (hook: boolean): string => {
      const rng = Generator.fromSeed(9);
      const m = createModel(spec(), rng);
      trainModel(m, data, rng, { epochs: 2, alpha: 0.1, batchSize: 8 }, hook ? { onStep: (s, ctx) => { if (s === 3) ctx.params[0] = ctx.params[0]! + 1e-3; } } : {});
      return weightsSha256(m);
    };
    expect(run(true)).not.toBe(run(false));
    expect(run(false)).toBe(run(false));
  });
  test("bad options and mismatched data are typed errors", () => {
    const m = createModel(spec(), new TestRandom(2));
    expect(() => trainModel(m, data, new TestRandom(3), { epochs: 0, alpha: 0.1, batchSize: 4 })).toThrow(ConfigError);
    expect(() => trainModel(m, data, new TestRandom(3), { epochs: 1, alpha: 0.1, batchSize: 0 })).toThrow(ConfigError);
    expect(() => trainModel(m, { ...data, features: 7 }, new TestRandom(3), { epochs: 1, alpha: 0.1, batchSize: 4 })).toThrow(DataError);
  });
});

describe("evaluation", () => {
  const data = syntheticV1(new TestRandom(4), { n: 53, features: 6, classes: 3 });
  for (const precision of ["float32", "float16", "int8"] as const) {
    test(`${precision}: chunk size does not change any bit`, () => {
      const m = createModel(spec({ precision }), new TestRandom(8));
      trainModel(m, data, new TestRandom(9), { epochs: 1, alpha: 0.3, batchSize: 5 });
      const whole = evaluate(m, data, { chunkSize: 1000 });
      for (const c of [1, 7, 16]) expect(evaluate(m, data, { chunkSize: c })).toEqual(whole);
    });
  }
  test("int8 weights: per-tensor symmetric quantisation, biases untouched", () => {
    const m = createModel(spec(), new TestRandom(8));
    paramView(m, "b1").fill(0.123456);
    const q = int8Params(m);
    const e = m.layout.entries[0]!;
    const W1 = paramView(m, "W1");
    const s = Math.fround(W1.reduce((a, w) => Math.max(a, Math.abs(w)), 0) / 127);
    const distinct = new Set(Array.from(q.subarray(e.offset, e.offset + e.size), (v) => Math.round(v / s)));
    expect([...distinct].every((k) => Number.isInteger(k) && Math.abs(k) <= 127)).toBe(true);
    expect(Array.from(q.subarray(30, 35))).toEqual(Array.from(paramView(m, "b1")));
  });
});

test("roundHalfEven and quantizeTensor against hand-computed values (np.rint semantics)", () => {
  expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, -2.6].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, 2, -3]);
  // max |w| = 1.27 -> s = float32(0.01); values map to q * s
  const w = Float32Array.from([1.27, -0.635, 0.004, 0]);
  const s = Math.fround(Math.fround(1.27) / 127);
  expect(Array.from(quantizeTensor(w))).toEqual([127, -64, 0, 0].map((q) => Math.fround(q * s)));
  expect(Array.from(quantizeTensor(new Float32Array(3)))).toEqual([0, 0, 0]);
});

test("reference kernel forward equals the definitional i-j-k loop bit for bit", () => {
  const rng = new TestRandom(12);
  const [B, I, O] = [3, 17, 5];
  const r = (n: number): Float32Array => { const a = new Float64Array(n); rng.fillStandardNormal(a); return Float32Array.from(a); };
  const x = r(B * I), W = r(I * O), b = r(O), z = new Float32Array(B * O);
  referenceKernel.forward(F32, x, W, b, z, B, I, O);
  for (let i = 0; i < B; i++) for (let j = 0; j < O; j++) {
    let acc = 0;
    for (let k = 0; k < I; k++) acc = Math.fround(acc + Math.fround(x[i * I + k]! * W[k * O + j]!));
    expect(z[i * O + j]).toBe(Math.fround(acc + b[j]!));
  }
});

describe("footprint and hardware profiles", () => {
  const base: ModelSpec = { layerSizes: [784, 64, 10], activations: ["relu", "softmax"], dropoutRate: 0, precision: "float32" };
  test("baseline footprint", () => {
    const fp = computeFootprint(base, 32);
    expect(fp.parameterCount).toBe(50890);
    expect(fp.parameterBytes).toBe(203560);
    expect(computeFootprint({ ...base, precision: "int8" }, 32).parameterBytes).toBe(50890);
    expect(computeFootprint({ ...base, precision: "float16" }, 32).parameterBytes).toBe(101780);
    expect(fp.activationBytes).toBe(32 * 858 * 4);
  });
  test("checks name the limit, the value and the fix", () => {
    const big = computeFootprint({ ...base, layerSizes: [784, 256, 10] }, 32);
    expect(() => checkConstraints("mcu-256k", big, 32, 1)).toThrow(ConstraintError);
    expect(() => checkConstraints("mcu-256k", big, 32, 1)).toThrow(/parameters need .* limit is 256\.0 KiB — use smaller/);
    expect(() => checkConstraints("mobile-16m", computeFootprint(base, 64), 64, 16)).toThrow(/16 threads exceed the limit 8/);
    expect(() => checkConstraints("off", big, 100000, 64)).not.toThrow();
    expect(() => checkConstraints("edge-1m", computeFootprint(base, 32), 32, 2)).not.toThrow();
    expect(() => checkConstraints("tpu", big, 1, 1)).toThrow(ConfigError);
    expect(() => checkConstraints("tpu", big, 1, 1)).toThrow(PROFILE_NAMES.join(", "));
  });
  test("precisionInfo states train dtype and inference precision", () => {
    expect(precisionInfo("int8")).toMatchObject({ trainDtype: "float32", inferencePrecision: "int8" });
    expect(precisionInfo("float16")).toMatchObject({ trainDtype: "float16", inferencePrecision: "float16" });
  });
});

test("layerHashes cover every tensor and change only where the weights changed", () => {
  const m = createModel(spec(), new TestRandom(1));
  const before = layerHashes(m);
  paramView(m, "b2")[1] = 0.5;
  const after = layerHashes(m);
  expect(Object.keys(after)).toEqual(["W1", "b1", "W2", "b2"]);
  expect(Object.entries(after).filter(([k, v]) => before[k] !== v).map(([k]) => k)).toEqual(["b2"]);
});

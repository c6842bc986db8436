import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeNpz, encodeNpz } from "../../src/io/npz.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "npz");
const hasNumpy = spawnSync("python3", ["-c", "import numpy"]).status === 0;

function hex(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");
}

describe("npz checkpoints", () => {
  it("reads a file written by numpy.savez", () => {
    const expected = JSON.parse(readFileSync(join(fixtures, "numpy-made.expected.json"), "utf8"));
    const arrays = decodeNpz(readFileSync(join(fixtures, "numpy-made.npz")));
    const W1 = arrays.get("W1")!;
    expect(W1.dtype).toBe("<f4");
    expect(W1.shape).toEqual(expected.W1.shape);
    expect(hex(W1.data as Float32Array)).toBe(expected.W1.hex);
    expect(hex(arrays.get("b1")!.data as Float32Array)).toBe(expected.b1.hex);
    expect(arrays.get("config")!.data).toBe(expected.config);
  });

  it("writes the same bytes for the same arrays (fixed timestamps)", () => {
    const make = () => encodeNpz([["W1", { dtype: "<f4", shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) }]]);
    expect(Buffer.from(make()).equals(Buffer.from(make()))).toBe(true);
  });

  it("round-trips float32, shapes and a unicode config", () => {
    const W = new Float32Array([0.1, -2.5, 3e-39, -0]);
    const bytes = encodeNpz([
      ["W1", { dtype: "<f4", shape: [2, 2], data: W }],
      ["config", { dtype: "<U", shape: [], data: '{"name":"ünïcode ✓"}' }],
    ]);
    const back = decodeNpz(bytes);
    expect(hex(back.get("W1")!.data as Float32Array)).toBe(hex(W));
    expect(back.get("config")!.data).toBe('{"name":"ünïcode ✓"}');
  });

  it.skipIf(!hasNumpy)("is opened by numpy.load with allow_pickle=False (needs python3+numpy)", () => {
    const dir = mkdtempSync(join(tmpdir(), "npz-"));
    const path = join(dir, "ck.npz");
    writeFileSync(path, encodeNpz([
      ["W1", { dtype: "<f4", shape: [3, 2], data: new Float32Array([1, 2, 3, 4, 5, 6]) }],
      ["b1", { dtype: "<f4", shape: [2], data: new Float32Array([0.5, -0.5]) }],
      ["config", { dtype: "<U", shape: [], data: '{"seed":0}' }],
    ]));
    const out = execFileSync("python3", ["-c", `
import numpy as np, json, sys
z = np.load(sys.argv[1])
print(json.dumps({"W1": z["W1"].tolist(), "shape": list(z["W1"].shape), "b1": z["b1"].tolist(), "dtype": str(z["W1"].dtype), "config": json.loads(str(z["config"]))}))
`, path], { encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ W1: [[1, 2], [3, 4], [5, 6]], shape: [3, 2], b1: [0.5, -0.5], dtype: "float32", config: { seed: 0 } });
  });
});

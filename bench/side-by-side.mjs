#!/usr/bin/env node
// Side-by-side benchmark (not a test): the repro-audit training core with each kernel against a
// plain NumPy float32 implementation of the same model (bench/numpy_mlp.py), on the same machine,
// ALTERNATING runs so drift in machine load hits both alike. Workload: [784, 64, 10] relu/softmax,
// batch 32, SGD alpha 0.1, one epoch over 60,000 x 784 synthetic float32 samples (synthetic-v1,
// seed 42 — the same data NumPy draws). Each run is a fresh process; only the epoch is timed
// (data generation excluded on both sides). NumPy runs with one BLAS thread and with
// OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset in its command only (see the env README).
// Prints per-run samples/s, then medians and each kernel's ratio to NumPy.
//
//   npm run build && node bench/side-by-side.mjs [--runs 5] [--n 60000] [--kernels wasm:1,wasm:2,native:1,native:2,js:1] [--profile]
// --profile: also time the phases (TrainOptions.profile) and print median microseconds per batch.
//   (REPRO_AUDIT_DIST=<folder> to use another build; PYTHON=python3 to pick the interpreter)

import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const here = fileURLToPath(new URL(".", import.meta.url));
const dist = process.env.REPRO_AUDIT_DIST ?? join(here, "../dist/");

if (args[0] === "--child") {
  // One timed epoch of the core in this process: --child <kernel> <threads> <n>
  const [, kernelName, threadsText, nText, profileFlag] = args;
  const { Generator } = await import(join(dist, "rng/generator.js"));
  const { syntheticV1 } = await import(join(dist, "data/synthetic.js"));
  const { createModel } = await import(join(dist, "nn/model.js"));
  const { trainModel } = await import(join(dist, "nn/train.js"));
  const { weightsSha256 } = await import(join(dist, "nn/hash.js"));
  const { selectKernel } = await import(join(dist, "nn/kernels/select.js"));
  const n = Number(nText);
  const sel = selectKernel(kernelName, Number(threadsText));
  const data = syntheticV1(Generator.fromSeed(42), { n, features: 784, classes: 10 });
  const rng = Generator.fromSeed(42);
  const model = createModel({ layerSizes: [784, 64, 10], activations: ["relu", "softmax"], dropoutRate: 0, precision: "float32" }, rng, { kernel: sel.kernel });
  const profile = profileFlag === "profile" ? { clock: () => performance.now() / 1000, seconds: { data: 0, forward: 0, backward: 0, update: 0 } } : undefined;
  const t0 = performance.now();
  const { history } = trainModel(model, data, rng, { epochs: 1, alpha: 0.1, batchSize: 32, profile });
  const seconds = (performance.now() - t0) / 1000;
  sel.dispose();
  const batches = Math.ceil(n / 32);
  const phases = profile && Object.fromEntries(Object.entries(profile.seconds).map(([k, v]) => [k, (v / batches) * 1e6]));
  console.log(JSON.stringify({ samples_per_s: n / seconds, seconds, loss: history[0].loss, kernel: sel.name, note: sel.note, weightsSha256: weightsSha256(model), phases }));
  process.exit(0);
}

const runs = Number(opt("runs", "5"));
const n = Number(opt("n", "60000"));
const profiling = args.includes("--profile");
const kernels = opt("kernels", "wasm:1,wasm:2,native:1,native:2").split(",").map((s) => s.split(":"));
const python = process.env.PYTHON ?? "python3";
const numpyEnv = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
delete numpyEnv.OPENBLAS_CORETYPE;
delete numpyEnv.OPENBLAS_L2_SIZE;

const json = (out) => JSON.parse(out.trim().split("\n").pop());
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const results = new Map();
const record = (label, r) => {
  if (!results.has(label)) results.set(label, []);
  results.get(label).push(r);
  console.log(`  ${label.padEnd(28)} ${r.samples_per_s.toFixed(0).padStart(8)} samples/s${r.weightsSha256 ? `  ${r.weightsSha256.slice(0, 16)}` : ""}`);
};

console.log(`side-by-side: ${runs} alternating runs, one epoch of [784, 64, 10] batch 32 over ${n} x 784 synthetic float32 samples`);
let blas = null;
for (let run = 1; run <= runs; run++) {
  console.log(`run ${run}/${runs}`);
  const np = json(execFileSync(python, [join(here, "numpy_mlp.py"), "--n", String(n)], { env: numpyEnv, encoding: "utf8" }));
  blas = np.blas;
  record("numpy float32 (1 BLAS thr)", np);
  for (const [k, t] of kernels) {
    let r;
    try {
      r = json(execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child", k, t, String(n), profiling ? "profile" : "-"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
    } catch (e) {
      console.log(`  ${k}:${t} failed: ${String(e.stderr ?? e.message).split("\n").find((l) => l.includes("Error")) ?? e.message}`);
      continue;
    }
    record(`${r.kernel}`, r);
  }
}
const base = median(results.get("numpy float32 (1 BLAS thr)").map((r) => r.samples_per_s));
console.log(`\nmedians of ${runs} (numpy BLAS: ${JSON.stringify(blas)})`);
console.log(`${"what".padEnd(28)} ${"samples/s".padStart(10)}  ratio to numpy`);
for (const [label, rs] of results) {
  const m = median(rs.map((r) => r.samples_per_s));
  const hashes = new Set(rs.map((r) => r.weightsSha256).filter(Boolean));
  console.log(`${label.padEnd(28)} ${m.toFixed(0).padStart(10)}  ${(m / base).toFixed(2)}x${hashes.size ? `  weightsSha256 ${[...hashes].map((h) => h.slice(0, 16)).join(",")}` : ""}`);
}
if (profiling) {
  console.log(`\nmedian microseconds per batch by phase (TrainOptions.profile)`);
  for (const [label, rs] of results) {
    if (!rs[0].phases) continue;
    const cols = Object.keys(rs[0].phases).map((k) => `${k} ${median(rs.map((r) => r.phases[k])).toFixed(1)}`);
    console.log(`${label.padEnd(28)} ${cols.join("  ")}`);
  }
}

// The WebAssembly SIMD dense kernel: the DenseKernel contract of ./kernel.ts computed by
// wasm/build/mlp.wasm (source: wasm/assembly/mlp.ts), optionally across worker threads.
// Bit-identical to ./reference.ts by construction: every output element is one sequential float32
// reduction in the contract's order, with separately rounded multiply and add; SIMD lanes and
// threads only split the set of OUTPUT elements (forward: columns j of z; weightGrad: rows k of dW;
// inputGrad: columns k of dA; sgd: parameter ranges), never a reduction.
//
// Zero-copy when the buffers were allocated by `alloc` (views into the kernel's WASM memory);
// buffers from elsewhere are copied into scratch and back, which is correct but slower.
// float64 arithmetic (gradient checks) is delegated to the reference kernel.
// `createTrainer` is the fused relu/softmax SGD step (./wasm-trainer.ts, wasm/assembly/trainer.ts);
// with threads > 1 its layer-1 gemms are split across the pool like the dense operations.
// Not here: activations, loss, dropout (shared JS code), kernel choice (select.ts).

import type { Arith, Vec } from "../arith.js";
import { ThreadPool, POOL_OPS, type PoolOp } from "../threads/pool.js";
import type { DenseKernel } from "./kernel.js";
import { referenceKernel } from "./reference.js";
import { mlpModule, WasmArena, type MlpExports } from "./wasm-memory.js";
import { createWasmTrainer } from "./wasm-trainer.js";

/** A DenseKernel that also owns memory the training loop can allocate in, and a fused SGD step. */
export interface FastKernel extends DenseKernel {
  readonly threads: number;
  /** A zero-filled float32 buffer the kernel reads and writes without copying. */
  alloc(n: number): Float32Array;
  /** params[i] = r(params[i] - r(alpha32 * grads[i])) for every i (NumPy `W -= alpha * dW` in float32). */
  sgdUpdate(params: Float32Array, grads: Float32Array, alpha32: number): void;
  /** Stops worker threads; the kernel must not be used afterwards. */
  dispose(): void;
}

/** Below this many multiply-adds a call runs on one thread: dispatch would cost more than it saves. */
const PARALLEL_MIN_WORK = 32_768;

const OP: Record<PoolOp, number> = Object.fromEntries(POOL_OPS.map((n, i) => [n, i])) as Record<PoolOp, number>;

/** Splits [0, n) into `parts` contiguous ranges, boundaries rounded to multiples of `align`. */
export function splitRange(n: number, parts: number, align: number): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let p = 1; p <= parts; p++) {
    const end = p === parts ? n : Math.min(n, Math.round((n * p) / parts / align) * align);
    if (end > start) out.push([start, end]);
    start = Math.max(start, end);
  }
  return out;
}

export function createWasmKernel(options: { threads?: number } = {}): FastKernel {
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  const arena = new WasmArena();
  const x: MlpExports = arena.exports;
  const pool = threads > 1 ? new ThreadPool(mlpModule(), arena.memory, threads - 1) : null;
  const fns: ((...a: number[]) => void)[] = POOL_OPS.map((n) => x[n] as (...a: number[]) => void);
  const local = (job: readonly number[]): void => {
    fns[job[0]!]!(...job.slice(1));
  };

  let scratch: Float32Array = new Float32Array(0);
  let scratchUsed = 0;
  /** Address of v in WASM memory, copying it into scratch first (and noting it for copy-back). */
  const addr = (v: Vec, n: number, copyIn: boolean): number => {
    const a = arena.addressOf(v);
    if (a >= 0) return a;
    if (scratchUsed + n > scratch.length) throw new Error("unreachable: scratch undersized");
    const view = scratch.subarray(scratchUsed, scratchUsed + n);
    if (copyIn) view.set(v.subarray(0, n));
    scratchUsed += Math.ceil(n / 16) * 16;
    return view.byteOffset;
  };
  const reserve = (n: number): void => {
    scratchUsed = 0;
    if (scratch.length < n) scratch = arena.alloc(Math.ceil(n * 1.25) + 64);
  };
  const copyBack = (out: Vec, a: number, n: number): void => {
    if (arena.addressOf(out) >= 0) return;
    out.set(new Float32Array(arena.memory.buffer, a, n));
  };
  /** Runs op over output ranges: one job per thread when the work is large enough. */
  const parallel = (op: PoolOp, n: number, align: number, work: number, args: (lo: number, hi: number) => number[]): void => {
    const parts = pool !== null && work >= PARALLEL_MIN_WORK ? threads : 1;
    const jobs = splitRange(n, parts, align).map(([lo, hi]) => [OP[op], ...args(lo, hi)]);
    if (pool === null || jobs.length === 1) jobs.forEach(local);
    else pool.run(jobs, local);
  };
  const isF32 = (ar: Arith): boolean => ar.name === "float32";

  const kernel: FastKernel = {
    name: threads > 1 ? `wasm(threads=${threads})` : "wasm",
    threads,
    alloc: (n) => arena.alloc(n),

    forward(ar, xs, W, b, z, B, I, O) {
      if (!isF32(ar)) return referenceKernel.forward(ar, xs, W, b, z, B, I, O);
      reserve(B * I + I * O + O + B * O + 64);
      const px = addr(xs, B * I, true), pW = addr(W, I * O, true), pb = addr(b, O, true), pz = addr(z, B * O, false);
      parallel("gemm", O, 8, B * I * O, (j0, j1) => [px, I, 1, pW, O, 1, pb, pz, O, B, I, j0, j1]);
      copyBack(z, pz, B * O);
    },

    weightGrad(ar, aPrev, dZ, dW, B, I, O) {
      if (!isF32(ar)) return referenceKernel.weightGrad(ar, aPrev, dZ, dW, B, I, O);
      reserve(B * I + B * O + I * O + 64);
      const pa = addr(aPrev, B * I, true), pd = addr(dZ, B * O, true), pw = addr(dW, I * O, false);
      parallel("gemm", I, 4, B * I * O, (k0, k1) => [pa + 4 * k0, 1, I, pd, O, 0, 0, pw + 4 * k0 * O, O, k1 - k0, B, 0, O]);
      copyBack(dW, pw, I * O);
    },

    biasGrad(ar, dZ, db, B, O) {
      if (!isF32(ar)) return referenceKernel.biasGrad(ar, dZ, db, B, O);
      reserve(B * O + O + 32);
      const pd = addr(dZ, B * O, true), pb = addr(db, O, false);
      x.biasGrad(pd, pb, B, O, 0, O);
      copyBack(db, pb, O);
    },

    inputGrad(ar, dZ, W, dA, B, I, O) {
      if (!isF32(ar)) return referenceKernel.inputGrad(ar, dZ, W, dA, B, I, O);
      reserve(B * O + 2 * I * O + B * I + 64);
      const pd = addr(dZ, B * O, true), pW = addr(W, I * O, true), pA = addr(dA, B * I, false);
      const pT = addr(new Float32Array(0), I * O, false); // scratch for W^T (O x I)
      x.transpose(pW, pT, I, O);
      parallel("gemm", I, 8, B * I * O, (k0, k1) => [pd, O, 1, pT, I, 0, 0, pA, I, B, O, k0, k1]);
      copyBack(dA, pA, B * I);
    },

    sgdUpdate(params, grads, alpha32) {
      const n = params.length;
      reserve(2 * n + 64);
      const pp = addr(params, n, true), pg = addr(grads, n, true);
      parallel("sgd", n, 16, 4 * n, (i0, i1) => [pp, pg, alpha32, i0, i1]);
      copyBack(params, pp, n);
    },

    createTrainer: (layerSizes, capacity) =>
      createWasmTrainer(arena, layerSizes, capacity, pool === null ? null : (op, n, align, work, args) => {
        if (work < PARALLEL_MIN_WORK) return false;
        parallel(op, n, align, work, args);
        return true;
      }),

    dispose() {
      pool?.close();
    },
  };
  return kernel;
}

// The optional native dense kernel: the N-API addon native/build/Release/repro_audit_mlp.node
// (source native/src/mlp.cc, built at install with -ffp-contract=off -fno-fast-math; AVX-512F /
// AVX2 / baseline chosen at run time). Same contract and operation order as ./reference.ts and the
// WASM kernel, so the same bits; OpenMP threads split output rows/columns, never a reduction.
// `loadNativeAddon` returns null (with the reason) when the addon was not built or cannot load, and
// select.ts then falls back to WASM. The addon works on any Float32Array in place: no copies.
// `createTrainer` exposes the addon's fused relu/softmax SGD step (native/src/trainer.h: batch
// gather, forward, softmax + loss with the shared exp/log of native/src/fdlibm.h, backward with the
// update folded into the weight-gradient pass) — the training loop's fast path.
// REPRO_AUDIT_NATIVE_ISA=avx2|baseline (read when the addon loads) caps the instruction set; the
// tests use it to check every path on one machine.
// Not here: the generic path's activations, loss, dropout (shared JS code), kernel choice (select.ts).

import { createRequire } from "node:module";
import type { Arith } from "../arith.js";
import type { BatchTrainer, DenseKernel } from "./kernel.js";
import { referenceKernel } from "./reference.js";
import type { FastKernel } from "./wasm.js";

interface NativeAddon {
  gemm(A: Float32Array, aOff: number, ars: number, ats: number, Bm: Float32Array, ldb: number, bias: Float32Array | null,
    C: Float32Array, cOff: number, ldc: number, R: number, T: number, j0: number, j1: number, threads: number, splitRows: number): void;
  biasGrad(dZ: Float32Array, db: Float32Array, B: number, O: number): void;
  sgd(p: Float32Array, g: Float32Array, alpha32: number): void;
  isa(): string;
  trainerCreate(sizes: Int32Array, capacity: number): NativeTrainerHandle;
  trainerGather(t: NativeTrainerHandle, x: Float32Array, y: Int32Array, perm: Int32Array, start: number, B: number): void;
  trainerForward(t: NativeTrainerHandle, params: Float32Array, masks: Float32Array | null, B: number, threads: number, out: Float64Array): void;
  trainerBackward(t: NativeTrainerHandle, params: Float32Array, masks: Float32Array | null, B: number, alpha32: number, threads: number): void;
  /** which 0: exp, 1: log (native/src/fdlibm.h), in place. */
  mathMap(which: number, v: Float64Array): void;
}

/** An opaque N-API external owning the trainer's buffers (freed by the GC). */
export interface NativeTrainerHandle {
  readonly __nativeTrainer?: never;
}

/** Where the built addon lives, relative to this module in src/ or dist/ (both 3 levels deep). */
export const NATIVE_ADDON_PATH = "../../../native/build/Release/repro_audit_mlp.node";

let cached: { addon: NativeAddon | null; reason: string } | null = null;

/** The addon, or null and why not (not built, wrong platform, failed to load). Cached per process. */
export function loadNativeAddon(): { addon: NativeAddon | null; reason: string } {
  if (cached !== null) return cached;
  try {
    const addon = createRequire(import.meta.url)(NATIVE_ADDON_PATH) as NativeAddon;
    cached = { addon, reason: `loaded (${addon.isa()})` };
  } catch (e) {
    cached = { addon: null, reason: `native kernel unavailable: ${(e as Error).message.split("\n")[0]} (build it with \`npm run build:native\`)` };
  }
  return cached;
}

/** Below this many multiply-adds a call runs on one thread. */
const PARALLEL_MIN_WORK = 32_768;

/** A FastKernel on the native addon; null when the addon is unavailable. */
export function createNativeKernel(options: { threads?: number } = {}): FastKernel | null {
  const { addon } = loadNativeAddon();
  if (addon === null) return null;
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  const t = (work: number): number => (work >= PARALLEL_MIN_WORK ? threads : 1);
  const isF32 = (ar: Arith, ...v: unknown[]): boolean => ar.name === "float32" && v.every((x) => x instanceof Float32Array);
  const ref: DenseKernel = referenceKernel;
  let scratch = new Float32Array(0);
  return {
    name: `native-${addon.isa()}${threads > 1 ? `(threads=${threads})` : ""}`,
    threads,
    alloc: (n) => new Float32Array(n),
    forward(ar, x, W, b, z, B, I, O) {
      if (!isF32(ar, x, W, b, z)) return ref.forward(ar, x, W, b, z, B, I, O);
      // Threads split batch rows when there are enough of them (each z[i, :] stays one thread's), else columns.
      addon.gemm(x as Float32Array, 0, I, 1, W as Float32Array, O, b as Float32Array, z as Float32Array, 0, O, B, I, 0, O, t(B * I * O), B >= 16 * threads ? 1 : 0);
    },
    weightGrad(ar, aPrev, dZ, dW, B, I, O) {
      if (!isF32(ar, aPrev, dZ, dW)) return ref.weightGrad(ar, aPrev, dZ, dW, B, I, O);
      addon.gemm(aPrev as Float32Array, 0, 1, I, dZ as Float32Array, O, null, dW as Float32Array, 0, O, I, B, 0, O, t(B * I * O), 1);
    },
    biasGrad(ar, dZ, db, B, O) {
      if (!isF32(ar, dZ, db)) return ref.biasGrad(ar, dZ, db, B, O);
      addon.biasGrad(dZ as Float32Array, db as Float32Array, B, O);
    },
    inputGrad(ar, dZ, W, dA, B, I, O) {
      if (!isF32(ar, dZ, W, dA)) return ref.inputGrad(ar, dZ, W, dA, B, I, O);
      // dA = dZ @ W^T: transpose W (I x O) into scratch (O x I), then the same gemm over columns k.
      if (scratch.length < I * O) scratch = new Float32Array(I * O);
      for (let k = 0; k < I; k++) for (let j = 0; j < O; j++) scratch[j * I + k] = W[k * O + j]!;
      addon.gemm(dZ as Float32Array, 0, O, 1, scratch, I, null, dA as Float32Array, 0, I, B, O, 0, I, t(B * I * O), 0);
    },
    sgdUpdate(params, grads, alpha32) {
      addon.sgd(params, grads, alpha32);
    },
    createTrainer: (layerSizes, capacity) => createNativeTrainer(addon, layerSizes, capacity, threads),
    dispose() {},
  };
}

/** The fused relu/softmax SGD step of native/src/trainer.h behind the BatchTrainer interface. */
function createNativeTrainer(addon: NativeAddon, layerSizes: readonly number[], capacity: number, threads: number): BatchTrainer {
  const handle = addon.trainerCreate(Int32Array.from(layerSizes), capacity);
  const L = layerSizes.length - 1;
  let total = 0;
  for (let l = 1; l < L; l++) total += capacity * layerSizes[l]!;
  const maskBuffer = new Float32Array(Math.max(total, 1));
  const masks: Float32Array[] = [new Float32Array(0)];
  for (let l = 1, off = 0; l < L; off += capacity * layerSizes[l]!, l++) masks.push(maskBuffer.subarray(off, off + capacity * layerSizes[l]!));
  masks.push(new Float32Array(0));
  const out = new Float64Array(2);
  const result = { lossSum: 0, correct: 0 };
  return {
    masks,
    gather: (x, y, perm, start, B) => addon.trainerGather(handle, x, y, perm, start, B),
    forward(params, dropout, B) {
      addon.trainerForward(handle, params, dropout ? maskBuffer : null, B, threads, out);
      result.lossSum = out[0]!;
      result.correct = out[1]!;
      return result;
    },
    backwardUpdate: (params, dropout, B, alpha32) => addon.trainerBackward(handle, params, dropout ? maskBuffer : null, B, alpha32, threads),
  };
}

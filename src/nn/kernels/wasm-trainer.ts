// The WASM kernel's fused SGD step (wasm/assembly/trainer.ts) behind the BatchTrainer interface:
// allocates the batch, activation, gradient and mask buffers in the kernel's arena and writes the
// i32 descriptor the WASM code reads their addresses from. The batch gather is a JS row copy (the
// dataset lives outside WASM memory). Parameters outside the arena are copied in and back.
// Same operation order as native/src/trainer.h and the generic JS path, so the same bits.
// Not here: the dense operations (wasm.ts), the arena (wasm-memory.ts).

import { InternalError } from "../../errors.js";
import type { BatchTrainer } from "./kernel.js";
import type { WasmArena } from "./wasm-memory.js";

// Word indices of the descriptor; must match the D_* constants in wasm/assembly/trainer.ts.
const D_L = 0, D_CAP = 1, D_N = 2, D_Z = 19, D_A = 36, D_DROP = 53, D_DZ = 70, D_MASK = 87;
const D_XB = 104, D_YB = 105, D_WT = 106, D_OUT = 107, D_WOFF = 108, D_BOFF = 125, D_WORDS = 142;
const MAX_LAYERS = 16;
/** Below this many multiply-adds layer 1 stays on one thread (matches wasm.ts). */
const PARALLEL_MIN_WORK = 32_768;

interface TrainerExports {
  trainForward(d: number, P: number, useMasks: number, B: number, skipFirst: number): void;
  trainBackward(d: number, P: number, useMasks: number, B: number, alpha: number, skipFirstW: number): void;
}

/**
 * Runs a gemm/gemmUpd export over [0, n) split into thread ranges aligned to `align` (the kernel's
 * pool); returns false when it decided to run nothing (too little work for threads).
 */
export type SplitRunner = (op: "gemm" | "gemmUpd", n: number, align: number, work: number, args: (lo: number, hi: number) => number[]) => boolean;

/**
 * `split` (threads > 1 only): layer 1's forward gemm (split by output columns) and its fused W1
 * update (split by rows of W1) run across the pool; everything else on the calling thread.
 */
export function createWasmTrainer(arena: WasmArena, layerSizes: readonly number[], capacity: number, split: SplitRunner | null = null): BatchTrainer {
  const L = layerSizes.length - 1;
  if (L < 1 || L > MAX_LAYERS) throw new InternalError(`wasm trainer: ${L} layers (1..${MAX_LAYERS} supported)`);
  const x = arena.exports as unknown as TrainerExports;
  const descF = arena.alloc(D_WORDS);
  const desc = new Int32Array(descF.buffer, descF.byteOffset, D_WORDS);
  const addr = (v: Float32Array): number => v.byteOffset;
  desc[D_L] = L;
  desc[D_CAP] = capacity;
  const masks: Float32Array[] = [new Float32Array(0)];
  let off = 0;
  let wt = 1;
  for (let l = 0; l <= L; l++) desc[D_N + l] = layerSizes[l]!;
  for (let l = 1; l <= L; l++) {
    const I = layerSizes[l - 1]!, O = layerSizes[l]!, n = capacity * O;
    desc[D_WOFF + l] = off;
    off += I * O;
    desc[D_BOFF + l] = off;
    off += O;
    desc[D_Z + l] = addr(arena.alloc(n));
    desc[D_A + l] = addr(arena.alloc(n));
    desc[D_DROP + l] = addr(arena.alloc(n));
    desc[D_DZ + l] = addr(arena.alloc(n));
    if (l < L) {
      const m = arena.alloc(n);
      desc[D_MASK + l] = addr(m);
      masks.push(m);
    }
    if (l >= 2) wt = Math.max(wt, I * O);
  }
  masks.push(new Float32Array(0));
  const F = layerSizes[0]!;
  const xb = arena.alloc(capacity * F);
  const ybF = arena.alloc(capacity);
  const yb = new Int32Array(ybF.buffer, ybF.byteOffset, capacity);
  desc[D_XB] = addr(xb);
  desc[D_YB] = addr(ybF);
  desc[D_WT] = addr(arena.alloc(wt));
  const outF = arena.alloc(4);
  const out = new Float64Array(outF.buffer, outF.byteOffset, 2);
  desc[D_OUT] = addr(outF);
  const d = descF.byteOffset;
  let foreign: Float32Array | null = null;
  /** The address of params in WASM memory, copying foreign params into a scratch copy. */
  const paramsAt = (params: Float32Array): number => {
    const a = arena.addressOf(params);
    if (a >= 0) return a;
    if (foreign === null || foreign.length !== params.length) foreign = arena.alloc(params.length);
    foreign.set(params);
    return foreign.byteOffset;
  };
  const result = { lossSum: 0, correct: 0 };
  return {
    masks,
    gather(xs, ys, perm, start, B) {
      if (start < 0 || B < 1 || B > capacity || start + B > perm.length) throw new RangeError("wasm trainer: batch outside the permutation");
      for (let i = 0; i < B; i++) {
        const row = perm[start + i]!;
        xb.set(xs.subarray(row * F, row * F + F), i * F);
        yb[i] = ys[row]!;
      }
    },
    forward(params, dropout, B) {
      const P = paramsAt(params);
      const I = layerSizes[0]!, O = layerSizes[1]!;
      const w1 = P + 4 * desc[D_WOFF + 1]!, b1 = P + 4 * desc[D_BOFF + 1]!;
      const skip = split?.("gemm", O, 8, B * I * O, (j0, j1) => [desc[D_XB]!, I, 1, w1, O, 1, b1, desc[D_Z + 1]!, O, B, I, j0, j1]) ?? false;
      x.trainForward(d, P, dropout ? 1 : 0, B, skip ? 1 : 0);
      result.lossSum = out[0]!;
      result.correct = out[1]!;
      return result;
    },
    backwardUpdate(params, dropout, B, alpha32) {
      const p = paramsAt(params);
      const I = layerSizes[0]!, O = layerSizes[1]!;
      const big = split !== null && B * I * O >= PARALLEL_MIN_WORK;
      x.trainBackward(d, p, dropout ? 1 : 0, B, alpha32, big ? 1 : 0);
      if (big) {
        // W1 = r(W1 - r(alpha * xb^T @ dZ1)), rows k of W1 split across threads; b1 was done above.
        const xb0 = desc[D_XB]!, dZ1 = desc[D_DZ + 1]!, w1 = p + 4 * desc[D_WOFF + 1]!;
        split("gemmUpd", I, 4, B * I * O, (k0, k1) => [xb0 + 4 * k0, 1, I, dZ1, O, 0, 0, w1 + 4 * k0 * O, O, k1 - k0, B, 0, O, 1, alpha32]);
      }
      if (p !== arena.addressOf(params)) params.set(foreign!);
    },
  };
}

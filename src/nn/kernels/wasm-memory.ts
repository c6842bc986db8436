// The WebAssembly side of the fast kernel: the compiled module (wasm/build/mlp.wasm, built from
// wasm/assembly/mlp.ts) and an arena of float32 buffers inside one shared WebAssembly.Memory.
// Buffers handed out by `alloc` are ordinary Float32Array views that JS code (activations, loss,
// dropout, hashing) reads and writes directly, and that the WASM kernel reads by address — so a
// training step copies nothing between JS and WASM. The memory is shared (SharedArrayBuffer) so
// worker threads can instantiate the same module over it (../threads/pool.ts); growing a shared
// memory never detaches earlier views.
// Not here: the kernel operations (wasm.ts), thread dispatch (../threads/pool.ts).

import { readFileSync } from "node:fs";
import { InternalError } from "../../errors.js";

/** Exports of wasm/build/mlp.wasm (see wasm/assembly/mlp.ts for the contracts). */
export interface MlpExports {
  gemm(A: number, ars: number, ats: number, Bm: number, ldb: number, hasBias: number, bias: number, C: number, ldc: number, R: number, T: number, j0: number, j1: number): void;
  gemmUpd(A: number, ars: number, ats: number, Bm: number, ldb: number, hasBias: number, bias: number, C: number, ldc: number, R: number, T: number, j0: number, j1: number, upd: number, alpha: number): void;
  biasGrad(dZ: number, db: number, B: number, O: number, j0: number, j1: number): void;
  transpose(src: number, dst: number, R: number, C: number): void;
  sgd(p: number, g: number, alpha: number, i0: number, i1: number): void;
  /** v[i] = exp (which 0) or log (which 1) of n float64 values at byte address p (wasm/assembly/fdlibm.ts). */
  mathMap(which: number, p: number, n: number): void;
}

// Node 20's type declarations carry no WebAssembly namespace (it lives in lib.dom), so the few
// members used here are typed locally.
/** A compiled WebAssembly module (opaque; structured-cloneable to worker threads). */
export interface WasmModule {
  readonly __wasmModule?: never;
}
/** A shared WebAssembly.Memory. */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
  grow(deltaPages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
/** The runtime's WebAssembly object. */
export const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Where the built module lives: <package root>/wasm/build/mlp.wasm (src/ and dist/ are both 3 levels below). */
export const WASM_MODULE_URL = new URL("../../../wasm/build/mlp.wasm", import.meta.url);

let cachedModule: WasmModule | null = null;

/** The compiled module, loaded and validated once per process. Throws InternalError when missing. */
export function mlpModule(): WasmModule {
  if (cachedModule !== null) return cachedModule;
  let bytes: Buffer;
  try {
    bytes = readFileSync(WASM_MODULE_URL);
  } catch (e) {
    throw new InternalError(`wasm kernel: cannot read ${WASM_MODULE_URL.pathname} (${(e as Error).message}); run \`npm run build:wasm\``);
  }
  const module = new WA.Module(bytes);
  cachedModule = module;
  return module;
}

const PAGE = 65536;
/** Addresses below this are never handed out, so no buffer sits at address 0. */
const RESERVED = PAGE;
/** 4 GiB / 64 KiB: the wasm32 limit, also declared as the module's maximum. */
const MAX_PAGES = 65536;

export class WasmArena {
  readonly memory: WasmMemory;
  readonly exports: MlpExports;
  private top = RESERVED;
  /** Every SharedArrayBuffer object `memory.buffer` has returned (a new one after each grow). */
  private readonly buffers = new Set<ArrayBufferLike>();

  constructor(initialBytes = 4 * PAGE) {
    const pages = Math.max(2, Math.ceil((RESERVED + initialBytes) / PAGE));
    this.memory = new WA.Memory({ initial: pages, maximum: MAX_PAGES, shared: true });
    this.buffers.add(this.memory.buffer);
    const instance = new WA.Instance(mlpModule(), { env: { memory: this.memory } });
    this.exports = instance.exports as unknown as MlpExports;
  }

  /** A zero-filled float32 buffer of n elements in WASM memory, 64-byte aligned. Never freed. */
  alloc(n: number): Float32Array {
    const bytes = Math.max(4 * n, 4);
    const start = Math.ceil(this.top / 64) * 64;
    const end = start + bytes;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const need = Math.ceil((end - have) / PAGE);
      try {
        this.memory.grow(need);
      } catch (e) {
        throw new InternalError(`wasm kernel: cannot grow memory by ${need} pages (${(e as Error).message})`);
      }
      this.buffers.add(this.memory.buffer);
    }
    this.top = end;
    return new Float32Array(this.memory.buffer, start, n);
  }

  /** The byte address of `v` if it is a float32 view into this arena's memory, else -1. */
  addressOf(v: Float32Array | Float64Array): number {
    if (!(v instanceof Float32Array) || !this.buffers.has(v.buffer)) return -1;
    return v.byteOffset;
  }
}

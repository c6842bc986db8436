// A tiny fork-join pool of worker_threads for the WASM kernel. Each worker instantiates the same
// module over the same shared WebAssembly.Memory and runs ONE export call per job, with arguments
// that name a disjoint range of OUTPUT elements (columns or rows). A reduction is never split, so
// every output element is computed by exactly the same sequence of float32 operations whatever the
// thread count: 1 and N threads give identical bits by construction.
//
// Handshake per worker over a small SharedArrayBuffer: Int32 [seq, done], Float64 args[16]
// (args[0] = export index). The main thread writes args, bumps seq and notifies; the worker spins
// briefly (jobs arrive microseconds apart inside a training step), then sleeps in Atomics.wait;
// when done it stores done = seq. Workers are unref'd so they never keep the process alive.
// Not here: how work is split (wasm.ts decides the ranges), the module itself (wasm-memory.ts).

import { Worker } from "node:worker_threads";
import { InternalError } from "../../errors.js";
import type { WasmMemory, WasmModule } from "../kernels/wasm-memory.js";

/** Export names a job can call, by index (the worker receives the index). */
export const POOL_OPS = ["gemm", "biasGrad", "transpose", "sgd", "gemmUpd"] as const;
export type PoolOp = (typeof POOL_OPS)[number];

const SLOT_BYTES = 8 + 16 * 8;
const STOP = -1;
/** Spin iterations (~10-20 us) before sleeping: short, because on a busy 2-core machine a spinning
 * thread steals the core its partner needs. */
const SPIN = 4_000;

// CommonJS source evaluated inside each worker (eval: true), so it runs the same from src/ and dist/.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, control, slot, ops } = workerData;
const inst = new WebAssembly.Instance(module, { env: { memory } });
const fns = ops.map((n) => inst.exports[n]);
const i32 = new Int32Array(control, slot, 2);
const f64 = new Float64Array(control, slot + 8, 16);
let seen = 0;
Atomics.store(i32, 1, -2);
Atomics.notify(i32, 1);
for (;;) {
  let spins = 0;
  while (Atomics.load(i32, 0) === seen) {
    if (++spins > ${SPIN}) { Atomics.wait(i32, 0, seen); spins = 0; }
  }
  seen = Atomics.load(i32, 0);
  const op = f64[0];
  if (op === ${STOP}) break;
  const f = fns[op];
  f(f64[1], f64[2], f64[3], f64[4], f64[5], f64[6], f64[7], f64[8], f64[9], f64[10], f64[11], f64[12], f64[13], f64[14], f64[15]);
  Atomics.store(i32, 1, seen);
  Atomics.notify(i32, 1);
}
`;

interface Slot {
  worker: Worker;
  i32: Int32Array;
  f64: Float64Array;
  seq: number;
}

export class ThreadPool {
  private readonly slots: Slot[] = [];
  private closed = false;

  /** Starts `workers` threads (0 is allowed: everything then runs on the calling thread). */
  constructor(module: WasmModule, memory: WasmMemory, workers: number) {
    const control = new SharedArrayBuffer(Math.max(1, workers) * SLOT_BYTES);
    for (let w = 0; w < workers; w++) {
      const slot = w * SLOT_BYTES;
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, control, slot, ops: POOL_OPS } });
      worker.unref();
      const i32 = new Int32Array(control, slot, 2);
      this.slots.push({ worker, i32, f64: new Float64Array(control, slot + 8, 16), seq: 0 });
    }
    // Wait (bounded) until every worker has instantiated the module: it stores done = -2.
    for (const s of this.slots) {
      if (Atomics.load(s.i32, 1) !== -2 && Atomics.wait(s.i32, 1, 0, 30_000) === "timed-out") {
        throw new InternalError("thread pool: a worker did not start within 30 s");
      }
    }
  }

  /** Number of threads a job list may use (workers + the calling thread). */
  get threads(): number {
    return this.slots.length + 1;
  }

  /**
   * Runs jobs[0] on the calling thread via `local`, jobs[1..] on workers, and returns when all are
   * done. Each job is [op, ...args]; jobs.length must be <= threads.
   */
  run(jobs: readonly (readonly number[])[], local: (job: readonly number[]) => void): void {
    if (this.closed) throw new InternalError("thread pool: used after close()");
    for (let w = 1; w < jobs.length; w++) {
      const s = this.slots[w - 1]!;
      const job = jobs[w]!;
      s.f64.fill(0);
      for (let a = 0; a < job.length; a++) s.f64[a] = job[a]!;
      s.seq = (s.seq + 1) | 0;
      if (s.seq === -2 || s.seq === 0) s.seq = 1;
      Atomics.store(s.i32, 0, s.seq);
      Atomics.notify(s.i32, 0);
    }
    if (jobs.length > 0) local(jobs[0]!);
    for (let w = 1; w < jobs.length; w++) {
      const s = this.slots[w - 1]!;
      let spins = 0;
      while (Atomics.load(s.i32, 1) !== s.seq) {
        if (++spins > SPIN) {
          const v = Atomics.load(s.i32, 1);
          if (v !== s.seq) Atomics.wait(s.i32, 1, v);
          spins = 0;
        }
      }
    }
  }

  /** Stops the workers. The pool cannot be used afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.slots) {
      s.f64[0] = STOP;
      s.seq = (s.seq + 1) | 0;
      Atomics.store(s.i32, 0, s.seq);
      Atomics.notify(s.i32, 0);
      void s.worker.terminate();
    }
  }
}

// Choosing the dense kernel for a run: `--kernel auto|js|wasm|native` and `--threads N`.
//   js      the reference kernel (readable, Math.fround per operation; single-threaded).
//   wasm    WebAssembly SIMD (portable; always available), threads via worker_threads.
//   native  the optional N-API addon (AVX-512/AVX2), threads via OpenMP; an error if it is missing.
//   auto    native when the addon loads, else wasm (the fallback is recorded in `note`).
// Every choice gives bit-identical weights (test/kernels/), so the choice affects speed only; the
// report should still record `name` so a reader sees what ran.
// threads defaults to 1: on the [784, 64, 10] batch-32 workload a batch is ~100-250 us of work, and
// measured on a 2-core machine a second thread did not pay for its handoffs (native 1.44x vs 1.53x
// NumPy; wasm within noise, often slower) — see bench/side-by-side.mjs.
// Not here: the kernels themselves.

import { ConfigError } from "../../errors.js";
import type { DenseKernel } from "./kernel.js";
import { createNativeKernel, loadNativeAddon } from "./native.js";
import { referenceKernel } from "./reference.js";
import { createWasmKernel } from "./wasm.js";

export const KERNEL_CHOICES = ["auto", "js", "wasm", "native"] as const;
export type KernelChoice = (typeof KERNEL_CHOICES)[number];

export interface SelectedKernel {
  kernel: DenseKernel;
  /** What actually runs, e.g. "native-avx512f(threads=2)", "wasm", "reference". */
  name: string;
  /** Why `auto` did not pick native, or that `js` ignores threads; "" otherwise. */
  note: string;
  /** Stops worker threads (a no-op for kernels without any). */
  dispose(): void;
}

/** Throws ConfigError for an unknown choice, a bad thread count, or `native` without the addon. */
export function selectKernel(choice: KernelChoice | string, threads = 1): SelectedKernel {
  if (!(KERNEL_CHOICES as readonly string[]).includes(choice)) {
    throw new ConfigError(`kernel: unknown ${JSON.stringify(choice)}; valid: ${KERNEL_CHOICES.join(", ")}`, { field: "kernel" });
  }
  if (!Number.isSafeInteger(threads) || threads < 1 || threads > 256) {
    throw new ConfigError(`threads: ${String(threads)} is not an integer in [1, 256]`, { field: "threads" });
  }
  if (choice === "js") {
    return { kernel: referenceKernel, name: referenceKernel.name, note: threads > 1 ? "the js reference kernel is single-threaded; --threads ignored" : "", dispose() {} };
  }
  if (choice === "native" || choice === "auto") {
    const k = createNativeKernel({ threads });
    if (k !== null) return { kernel: k, name: k.name, note: "", dispose: () => k.dispose() };
    if (choice === "native") throw new ConfigError(loadNativeAddon().reason, { field: "kernel" });
  }
  const k = createWasmKernel({ threads });
  return { kernel: k, name: k.name, note: choice === "auto" ? loadNativeAddon().reason : "", dispose: () => k.dispose() };
}

// The committed WebAssembly binary must be exactly what the committed AssemblyScript source compiles
// to (wasm/build.mjs with wasm/asconfig.json), so nobody can ship a kernel that differs from its
// reviewed source. Oracle: a fresh compile by the pinned compiler, compared byte for byte.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { WASM_MODULE_URL } from "../../src/nn/kernels/wasm-memory.js";

test("wasm/build/mlp.wasm equals a fresh build of wasm/assembly/mlp.ts", async () => {
  const dir = mkdtempSync(join(tmpdir(), "repro-audit-wasm-"));
  try {
    const out = join(dir, "mlp.wasm");
    // @ts-expect-error: plain .mjs build script without type declarations
    const { buildWasm } = (await import("../../wasm/build.mjs")) as { buildWasm(out: string): Promise<number> };
    expect(await buildWasm(out)).toBe(0);
    expect(Buffer.compare(readFileSync(out), readFileSync(WASM_MODULE_URL))).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the module uses no relaxed SIMD and imports only a shared memory", () => {
  const bytes = readFileSync(WASM_MODULE_URL);
  const WA = (globalThis as unknown as { WebAssembly: { Module: { new (b: Uint8Array): object; imports(m: object): unknown } } }).WebAssembly;
  const m = new WA.Module(bytes);
  expect(WA.Module.imports(m)).toEqual([{ module: "env", name: "memory", kind: "memory" }]);
  // Relaxed SIMD opcodes are 0xFD 0x80 0x02 .. 0xFD 0x93 0x02 (LEB128 0x100..0x113): none may occur.
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0xfd && bytes[i + 2] === 0x02 && bytes[i + 1]! >= 0x80 && bytes[i + 1]! <= 0x93) throw new Error(`relaxed SIMD opcode at byte ${i}`);
  }
});

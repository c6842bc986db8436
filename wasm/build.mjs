#!/usr/bin/env node
// Builds wasm/build/mlp.wasm from wasm/assembly/mlp.ts with the AssemblyScript compiler (a
// devDependency) using the options in wasm/asconfig.json. The binary is committed so installs need
// no compiler; test/kernels/wasm-build.test.ts rebuilds it and checks the committed bytes match.
//   node wasm/build.mjs [--out <file>]      (npm run build:wasm)

import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const i = process.argv.indexOf("--out");
const out = i >= 0 ? resolve(process.argv[i + 1]) : join(here, "build", "mlp.wasm");

/** Compiles to `outFile`; resolves to the compiler's exit code (0 = success). */
export async function buildWasm(outFile) {
  const asc = (await import("assemblyscript/asc")).default;
  const { error, stderr } = await asc.main([join(here, "assembly", "mlp.ts"), "--config", join(here, "asconfig.json"), "--target", "release", "--outFile", outFile]);
  if (error) {
    process.stderr.write(stderr.toString());
    return 1;
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await buildWasm(out);

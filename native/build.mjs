#!/usr/bin/env node
// Builds the optional native kernel (native/build/Release/repro_audit_mlp.node) with node-gyp.
//   node native/build.mjs              (npm run build:native) — fails loudly on error
//   node native/build.mjs --optional  (the package's install script) — never fails the install:
//       on any error it prints one line and the WASM kernel is used instead.
// Set REPRO_AUDIT_NO_NATIVE=1 to skip the build. Uses the node-gyp that npm itself runs
// (npm_config_node_gyp in lifecycle scripts), else one found next to npm, else `node-gyp` on PATH,
// against the running Node's installed headers when present (nothing is downloaded then).

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const optional = process.argv.includes("--optional");

function nodeGyp() {
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && existsSync(fromNpm)) return [process.execPath, fromNpm];
  const nextToNpm = join(dirname(process.execPath), "..", "lib", "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js");
  if (existsSync(nextToNpm)) return [process.execPath, nextToNpm];
  return ["node-gyp"];
}

if (process.env.REPRO_AUDIT_NO_NATIVE === "1") {
  console.log("repro-audit: native kernel build skipped (REPRO_AUDIT_NO_NATIVE=1); the WASM kernel will be used");
} else {
  const [cmd, ...pre] = nodeGyp();
  // Build against the running Node's own headers when they are installed beside it (no download).
  const prefix = join(dirname(process.execPath), "..");
  const nodedir = process.env.npm_config_nodedir ?? (existsSync(join(prefix, "include", "node", "node_api.h")) ? prefix : undefined);
  const r = spawnSync(cmd, [...pre, "rebuild", ...(nodedir ? [`--nodedir=${nodedir}`] : [])], { cwd: here, stdio: optional ? "pipe" : "inherit", encoding: "utf8" });
  if (r.status !== 0) {
    const why = r.error?.message ?? `node-gyp exited with ${r.status}`;
    if (!optional) {
      console.error(`repro-audit: native kernel build failed: ${why}`);
      process.exitCode = 1;
    } else {
      console.log(`repro-audit: optional native kernel not built (${why}); the WASM kernel will be used`);
    }
  }
}

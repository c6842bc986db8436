// A lint for DESIGN.md §2 and STYLE.md §4: the code that computes results and renders reports never
// reads a random source or the clock. (The clock lives in the harness and CLI, injected where
// timing is measured; run ids and sign-off times are the only wall-clock reads.)

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const PURE = ["src/nn", "src/rng", "src/data", "src/audit", "src/report", "src/checklist", "src/config", "wasm/assembly"];
const FORBIDDEN = [/\bMath\.random\b/, /\bDate\.now\b/, /\bnew Date\(/, /\bperformance\.now\b/, /\bprocess\.hrtime\b/, /\bcrypto\.random/, /\brandomBytes\b/];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mjs|js)$/.test(name) ? [p] : [];
  });
}

describe("determinism lint", () => {
  it.each(PURE)("%s reads no random source and no clock", (dir) => {
    const hits: string[] = [];
    for (const f of files(join(ROOT, dir))) {
      readFileSync(f, "utf8").split("\n").forEach((line, i) => {
        const trimmed = line.trim();
        if (trimmed.startsWith("*") || trimmed.startsWith("/*")) return; // doc comments
        const code = line.replace(/\/\/.*$/, "");
        if (FORBIDDEN.some((re) => re.test(code))) hits.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(hits).toEqual([]);
  });
});

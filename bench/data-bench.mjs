#!/usr/bin/env node
// Benchmark (not a test) for the data layer, run after `npm run build`:
//   node bench/data-bench.mjs            (REPRO_AUDIT_DIST=<folder> to use another build)
// 1. Streaming SHA-256 (sha256File) read-buffer sizes on a 256 MiB file, then sha256File vs
//    coreutils `sha256sum` on the same file: medians of 5 runs, alternating; the target is
//    node throughput >= 90% of sha256sum's.
// 2. Decoding a full 60,000-image gzip'd IDX file (the bundled 10k train images repeated 6 times,
//    header count 60000): read + gunzip + parse + scale to float32; the target is < 1 s (median of 5).
// Uses the wall clock on purpose (it is a benchmark); writes scratch files to the OS temp folder
// and removes them.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";

const dist = process.env.REPRO_AUDIT_DIST ?? new URL("../dist/", import.meta.url).pathname;
const { sha256File, HASH_READ_BYTES } = await import(join(dist, "data/hash-files.js"));
const { readDataFile, maybeGunzip } = await import(join(dist, "data/gzip.js"));
const { parseIdxImages } = await import(join(dist, "data/idx.js"));
const { scaleBytes } = await import(join(dist, "data/pixels.js"));
const { BUNDLED_DIR } = await import(join(dist, "data/resolve.js"));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;
async function timed(fn) {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}

const work = mkdtempSync(join(tmpdir(), "repro-audit-bench-"));
try {
  // --- 1. hashing -------------------------------------------------------------------------
  const big = join(work, "256MiB.bin");
  const block = Buffer.alloc(1 << 20);
  for (let i = 0; i < block.length; i += 32) createHash("sha256").update(String(i)).digest().copy(block, i);
  const fd = openSync(big, "w");
  for (let i = 0; i < 256; i++) writeSync(fd, block);
  closeSync(fd);
  const mib = 256;
  await sha256File(big); // warm the page cache

  console.log(`sha256File read-buffer sizes (256 MiB, median of 5; default ${HASH_READ_BYTES / 1024} KiB):`);
  for (const size of [1 << 16, 1 << 18, 1 << 20, 1 << 21, 1 << 22]) {
    const times = [];
    for (let r = 0; r < 5; r++) times.push((await timed(() => sha256File(big, size)))[0]);
    console.log(`  ${String(size / 1024).padStart(5)} KiB: ${ms(median(times))}  (${(mib / (median(times) / 1000)).toFixed(0)} MiB/s)`);
  }

  const nodeTimes = [];
  const coreTimes = [];
  let nodeHash = "", coreHash = "";
  for (let r = 0; r < 5; r++) {
    const [tn, h] = await timed(() => sha256File(big));
    nodeTimes.push(tn);
    nodeHash = h.sha256;
    const [tc, out] = await timed(() => execFileSync("sha256sum", [big], { encoding: "utf8" }));
    coreTimes.push(tc);
    coreHash = out.split(" ")[0];
  }
  if (nodeHash !== coreHash) throw new Error(`hash mismatch: node ${nodeHash} vs sha256sum ${coreHash}`);
  const ratio = median(coreTimes) / median(nodeTimes);
  console.log(`hash 256 MiB: sha256File ${ms(median(nodeTimes))} (${(mib / (median(nodeTimes) / 1000)).toFixed(0)} MiB/s), ` +
    `sha256sum ${ms(median(coreTimes))} (${(mib / (median(coreTimes) / 1000)).toFixed(0)} MiB/s) -> node throughput ${(ratio * 100).toFixed(1)}% of sha256sum ` +
    `[target >= 90%: ${ratio >= 0.9 ? "PASS" : "FAIL"}]`);
  rmSync(big);

  // --- 2. decoding 60,000 images ----------------------------------------------------------
  const tenK = gunzipSync(readFileSync(join(BUNDLED_DIR, "train-first10k-images-idx3-ubyte.gz")));
  const px = tenK.subarray(16);
  const raw = Buffer.alloc(16 + px.length * 6);
  raw.set(tenK.subarray(0, 16), 0);
  raw.writeUInt32BE(60000, 4);
  for (let k = 0; k < 6; k++) raw.set(px, 16 + k * px.length);
  const gzPath = join(work, "train-images-idx3-ubyte.gz");
  writeFileSync(gzPath, gzipSync(raw));

  const steps = { read: [], gunzip: [], parse: [], scale: [], total: [] };
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    const stored = readDataFile(gzPath, "images");
    const t1 = performance.now();
    const bytes = maybeGunzip(stored, gzPath, "images");
    const t2 = performance.now();
    const img = parseIdxImages(bytes, gzPath);
    const t3 = performance.now();
    const x = scaleBytes(img.pixels);
    const t4 = performance.now();
    if (x.length !== 60000 * 784) throw new Error("wrong decoded size");
    steps.read.push(t1 - t0); steps.gunzip.push(t2 - t1); steps.parse.push(t3 - t2); steps.scale.push(t4 - t3); steps.total.push(t4 - t0);
  }
  const total = median(steps.total);
  console.log(`decode 60,000 images (gz ${(readFileSync(gzPath).length / 2 ** 20).toFixed(1)} MiB -> ${(raw.length / 2 ** 20).toFixed(1)} MiB -> float32), median of 5: ` +
    `read ${ms(median(steps.read))}, gunzip ${ms(median(steps.gunzip))}, parse ${ms(median(steps.parse))}, scale ${ms(median(steps.scale))}, ` +
    `total ${ms(total)} [target < 1000 ms: ${total < 1000 ? "PASS" : "FAIL"}]`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

#!/usr/bin/env python3
"""NumPy float32 baseline for bench/side-by-side.mjs (a benchmark, not an oracle).

The same model and training step as the repro-audit core, written the way a NumPy user would:
[784, 64, 10] relu/softmax MLP, Glorot-uniform init, mean softmax cross-entropy, plain SGD
(alpha 0.1), batch 32, one epoch over n synthetic samples (X = default_rng(seed).standard_normal
as float32, y = integers(0, 10) — the same data as synthetic-v1), shuffled with permutation(n).
BLAS threads are whatever the environment says (the side-by-side script sets 1).
Prints one JSON line: {"samples_per_s": ..., "seconds": ..., "loss": ..., "blas": ...}.
"""
import argparse
import json
import math
import time

import numpy as np

F32 = np.float32


def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return [{k: d.get(k) for k in ("internal_api", "num_threads", "architecture", "version")} for d in threadpool_info()]
    except Exception:  # threadpoolctl is optional: fall back to NumPy's build info
        blas = np.show_config(mode="dicts").get("Build Dependencies", {}).get("blas", {})
        return {"name": blas.get("name"), "version": blas.get("version"), "openblas_config": blas.get("openblas configuration")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=60000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--alpha", type=float, default=0.1)
    a = ap.parse_args()
    sizes = [784, 64, 10]
    drng = np.random.default_rng(a.seed)
    X = drng.standard_normal((a.n, sizes[0])).astype(F32)
    y = drng.integers(0, sizes[-1], size=a.n, dtype=np.int32)
    rng = np.random.default_rng(a.seed)
    W, b = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        lim = math.sqrt(6 / (n_in + n_out))
        W.append(rng.uniform(-lim, lim, size=(n_in, n_out)).astype(F32))
        b.append(np.zeros(n_out, F32))
    alpha = a.alpha
    t0 = time.perf_counter()
    perm = rng.permutation(a.n)
    loss_sum, batches, correct = 0.0, 0, 0
    for s in range(0, a.n, a.batch):
        idx = perm[s:s + a.batch]
        xb, yb = X[idx], y[idx]
        B = len(idx)
        z1 = xb @ W[0] + b[0]
        a1 = np.maximum(z1, 0)
        z2 = a1 @ W[1] + b[1]
        e = np.exp(z2 - z2.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        loss_sum += float(-np.log(np.clip(p[np.arange(B), yb], 1e-12, 1)).mean())
        batches += 1
        correct += int((p.argmax(axis=1) == yb).sum())
        dz2 = p.copy()
        dz2[np.arange(B), yb] -= 1
        dz2 /= B
        dW2 = a1.T @ dz2
        db2 = dz2.sum(axis=0)
        da1 = dz2 @ W[1].T
        dz1 = da1 * (z1 > 0)
        dW1 = xb.T @ dz1
        db1 = dz1.sum(axis=0)
        W[0] -= alpha * dW1
        b[0] -= alpha * db1
        W[1] -= alpha * dW2
        b[1] -= alpha * db2
    dt = time.perf_counter() - t0
    print(json.dumps({"samples_per_s": a.n / dt, "seconds": dt, "loss": loss_sum / batches, "accuracy": correct / a.n, "blas": blas_info()}))


if __name__ == "__main__":
    main()

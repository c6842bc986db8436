#!/usr/bin/env python3
"""A small deterministic NumPy training script that follows repro-audit's manifest protocol.

Logistic regression (8 features -> 1) trained with mini-batch SGD on synthetic data. It writes, in
the output folder given by --out (repro-audit passes {outDir}):
  model.npy         the final weights [w..., b] as float32 (the artifact repro-audit hashes)
  metrics.json      final_loss, accuracy (averaged across repeats) and history (recorded only)
  repro-audit.json  the manifest: rngState {start, end}, trace[] per epoch, weight hashes, metrics

Hashes follow repro-audit's DESIGN.md section 4: weights as float32 little-endian bytes, the batch
order as int64, the RNG state as SHA-256 of its canonical JSON (RFC 8785; for these values
json.dumps(sort_keys=True, separators=(",", ":")) gives the same text), 128-bit integers written
as decimal strings.

--nondeterministic adds an unseeded draw (numpy.random.default_rng() with no seed) to the weights
from epoch 2 on: the bug repro-audit should catch, at epoch 2.
"""

import argparse
import hashlib
import json
import os

import numpy as np


def canonical_sha256(value):
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def rng_state(rng):
    """NumPy's bit_generator.state with the 128-bit integers as decimal strings."""
    s = rng.bit_generator.state
    return {
        "bit_generator": s["bit_generator"],
        "state": {"state": str(s["state"]["state"]), "inc": str(s["state"]["inc"])},
        "has_uint32": int(s["has_uint32"]),
        "uinteger": int(s["uinteger"]),
    }


def weights_sha256(w, b):
    return hashlib.sha256(w.astype("<f4").tobytes() + b.astype("<f4").tobytes()).hexdigest()


def write_json(path, value):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2)
    os.replace(tmp, path)  # atomic: a killed run never leaves half a file


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--out", required=True, help="output folder (repro-audit passes {outDir})")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--nondeterministic", action="store_true", help="add an unseeded draw (a deliberate bug)")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)

    # Two generators from the same seed, as in repro-audit's core: one for data, one for the model.
    data_rng = np.random.default_rng(a.seed)
    rng = np.random.default_rng(a.seed)
    start = rng_state(rng)

    n, d, batch, lr = 512, 8, 32, 0.5
    x = data_rng.standard_normal((n, d)).astype(np.float32)
    true_w = data_rng.standard_normal(d)
    y = (x @ true_w + 0.5 * data_rng.standard_normal(n) > 0).astype(np.float32)

    limit = np.sqrt(6.0 / (d + 1))
    w = rng.uniform(-limit, limit, d).astype(np.float32)
    b = np.zeros(1, dtype=np.float32)
    initial = weights_sha256(w, b)

    trace, history = [], []
    for epoch in range(1, a.epochs + 1):
        perm = rng.permutation(n)
        loss_sum, batches = 0.0, 0
        for i in range(0, n, batch):
            idx = perm[i : i + batch]
            xb, yb = x[idx], y[idx]
            z = xb @ w + b[0]
            pz = 1.0 / (1.0 + np.exp(-z))
            eps = np.float32(1e-7)
            loss_sum += float(-np.mean(yb * np.log(pz + eps) + (1 - yb) * np.log(1 - pz + eps)))
            batches += 1
            g = (pz - yb) / np.float32(len(idx))
            w = (w - np.float32(lr) * (xb.T @ g)).astype(np.float32)
            b = (b - np.float32(lr) * np.sum(g, dtype=np.float32)).astype(np.float32)
        if a.nondeterministic and epoch >= 2:
            noise = np.random.default_rng().standard_normal(d)  # unseeded: differs every run
            w = (w + np.float32(1e-4) * noise).astype(np.float32)
        acc = float(np.mean(((x @ w + b[0]) > 0) == (y > 0.5)))
        loss = loss_sum / batches
        history.append({"epoch": epoch, "loss": loss, "accuracy": acc})
        trace.append({
            "epoch": epoch,
            "loss": loss,
            "accuracy": acc,
            "weightsSha256": weights_sha256(w, b),
            "rngSha256": canonical_sha256(rng_state(rng)),
            "batchOrderSha256": hashlib.sha256(perm.astype("<i8").tobytes()).hexdigest(),
        })
        print(f"METRIC epoch={epoch} loss={loss!r} accuracy={acc!r}", flush=True)

    np.save(os.path.join(a.out, "model.npy"), np.concatenate([w, b]).astype(np.float32))
    metrics = {"final_loss": history[-1]["loss"], "accuracy": history[-1]["accuracy"], "history": history}
    write_json(os.path.join(a.out, "metrics.json"), metrics)
    write_json(os.path.join(a.out, "repro-audit.json"), {
        "rngState": {"start": start, "end": rng_state(rng)},
        "trace": trace,
        "initialWeightsSha256": initial,
        "weightsSha256": weights_sha256(w, b),
        "metrics": {"final_loss": metrics["final_loss"], "accuracy": metrics["accuracy"]},
    })


if __name__ == "__main__":
    main()

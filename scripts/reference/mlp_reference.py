#!/usr/bin/env python3
"""NumPy oracle for the repro-audit training core (src/nn/**). Fixture maker, not product code.

Implements exactly the model contract documented in src/nn/*.ts headers:
  * data (synthetic-v1): DATA rng = default_rng(seed); X = standard_normal((n, f)).astype(float32);
    y = integers(0, classes, size=n, dtype=int32).
  * MODEL rng = default_rng(seed): init W_l = uniform(-lim, lim, (n_in, n_out)).astype(float32),
    lim = sqrt(6/(n_in+n_out)); b_l = 0. Per epoch: perm = permutation(n), then per batch the
    dropout masks layer by layer: u = random((B, width)); mask = (u < keep).astype(float32) / keep.
  * float32 arithmetic throughout (NumPy 2 / NEP 50: Python scalars are weak, so `alpha * dW`,
    `(p - Y) / B`, `1 - a` stay float32). exp/log/tanh evaluated in float64 with the math module
    (libm), then cast to float32, as src/nn/math.ts does with V8's Math.*.

Two kernel modes:
  exact : every matrix product as a sequential float32 sum in the contract's order
          (z[i,j] = sum over k; dW[k,j] = sum over i; db[j] = sum over i; dA[i,k] = sum over j),
          softmax denominators summed sequentially. Gives the same bits as the TS reference kernel.
  blas  : plain NumPy (`@`, `.sum`), i.e. what a NumPy user would write; same semantics, different
          summation order, so final weights differ in low bits (informational).

Usage: python3 scripts/reference/mlp_reference.py [--out test/fixtures/reference/baseline.json]
"""
import argparse
import hashlib
import json
import math
import os

import numpy as np

F32 = np.float32


def sha(*arrays):
    h = hashlib.sha256()
    for a in arrays:
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()


def _exp(v):
    return math.exp(v) if v < 709.0 else math.inf


def exp32(x):
    """float32(exp(float64(x))) elementwise, libm exp."""
    flat = x.astype(np.float64).ravel()
    return np.array([_exp(v) for v in flat.tolist()], dtype=np.float64).reshape(x.shape).astype(F32)


def tanh32(x):
    flat = x.astype(np.float64).ravel()
    return np.array([math.tanh(v) for v in flat.tolist()], dtype=np.float64).reshape(x.shape).astype(F32)


# ---- kernels: B = batch, I = inputs, O = outputs -------------------------------------------------
class Exact:
    name = "exact"

    @staticmethod
    def forward(x, W, b):
        acc = np.zeros((x.shape[0], W.shape[1]), F32)
        for k in range(x.shape[1]):
            acc = acc + x[:, k, None] * W[None, k, :]
        return acc + b

    @staticmethod
    def weight_grad(a_prev, dZ):
        acc = np.zeros((a_prev.shape[1], dZ.shape[1]), F32)
        for i in range(a_prev.shape[0]):
            acc = acc + a_prev[i, :, None] * dZ[i, None, :]
        return acc

    @staticmethod
    def bias_grad(dZ):
        acc = np.zeros(dZ.shape[1], F32)
        for i in range(dZ.shape[0]):
            acc = acc + dZ[i]
        return acc

    @staticmethod
    def input_grad(dZ, W):
        acc = np.zeros((dZ.shape[0], W.shape[0]), F32)
        for j in range(dZ.shape[1]):
            acc = acc + dZ[:, j, None] * W[None, :, j]
        return acc

    @staticmethod
    def row_sum(e):
        s = np.zeros(e.shape[0], F32)
        for j in range(e.shape[1]):
            s = s + e[:, j]
        return s


class Blas:
    name = "blas"
    forward = staticmethod(lambda x, W, b: x @ W + b)
    weight_grad = staticmethod(lambda a_prev, dZ: a_prev.T @ dZ)
    bias_grad = staticmethod(lambda dZ: dZ.sum(axis=0))
    input_grad = staticmethod(lambda dZ, W: dZ @ W.T)
    row_sum = staticmethod(lambda e: e.sum(axis=1))


# ---- elementwise pieces ----------------------------------------------------------------------------
def act_forward(act, z):
    if act == "relu":
        return np.where((z > 0) | np.isnan(z), z, F32(0))
    if act == "sigmoid":
        return 1 / (1 + exp32(-z))
    if act == "tanh":
        return tanh32(z)
    if act == "linear":
        return z.copy()
    raise ValueError(act)


def act_backward(act, z, a, dA):
    if act == "relu":
        return dA * (z > 0)
    if act == "sigmoid":
        return dA * (a * (1 - a))
    if act == "tanh":
        return dA * (1 - a * a)
    if act == "linear":
        return dA.copy()
    raise ValueError(act)


def softmax(kernel, z):
    m = z.max(axis=1, keepdims=True)
    e = exp32(z - m)
    return e / kernel.row_sum(e)[:, None]


def cross_entropy_sum(p, y, start=0.0):
    """start + sum of float32 per-sample losses -log(clip(p, 1e-12, 1)), added sequentially in float64."""
    total = start
    q = np.clip(p[np.arange(len(y)), y], 1e-12, 1)  # float32 clip (NEP 50: bounds become float32)
    for v in q.astype(np.float64).tolist():
        total += float(F32(-math.log(v)))
    return total


def half(a):
    return a.astype(np.float16).astype(F32)


def quant_tensor(v):
    s = np.abs(v).max() / F32(127)
    if s == 0:
        return np.zeros_like(v)
    return (np.clip(np.rint(v / s), -127, 127) * s).astype(F32)


def quant_rows(a):
    s = np.abs(a).max(axis=1, keepdims=True) / F32(127)
    safe = np.where(s == 0, F32(1), s)
    out = (np.clip(np.rint(a / safe), -127, 127) * s).astype(F32)
    return np.where(s == 0, F32(0), out)


# ---- model -----------------------------------------------------------------------------------------
class MLP:
    def __init__(self, sizes, acts, rate, precision, rng, kernel):
        self.sizes, self.acts, self.rate, self.precision, self.kernel = sizes, acts, rate, precision, kernel
        self.W, self.b = [], []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            lim = math.sqrt(6 / (n_in + n_out))
            self.W.append(rng.uniform(-lim, lim, size=(n_in, n_out)).astype(F32))
            self.b.append(np.zeros(n_out, F32))
        if precision == "float16":
            self.W = [half(w) for w in self.W]
            self.b = [half(b) for b in self.b]

    def params(self):
        out = []
        for w, b in zip(self.W, self.b):
            out += [w, b]
        return out

    def forward(self, x, rng=None, W=None, quantize_inputs=False):
        W = self.W if W is None else W
        L = len(W)
        cache = {"in": [], "z": [], "a": [], "mask": []}
        inp = x
        for l in range(L):
            if quantize_inputs:
                inp = quant_rows(inp)
            z = self.kernel.forward(inp, W[l], self.b[l])
            a = softmax(self.kernel, z) if self.acts[l] == "softmax" else act_forward(self.acts[l], z)
            if self.precision == "float16":
                a = half(a)
            cache["in"].append(inp)
            cache["z"].append(z)
            cache["a"].append(a)
            inp = a
            if l < L - 1 and rng is not None and self.rate > 0:
                keep = 1 - self.rate
                u = rng.random(size=a.shape)
                mask = (u < keep).astype(F32) / keep
                cache["mask"].append(mask)
                inp = a * mask
        return inp, cache

    def train_step(self, x, y, alpha, rng):
        p, c = self.forward(x, rng)
        B = len(y)
        loss = cross_entropy_sum(p, y) / B
        correct = int((np.argmax(p, axis=1) == y).sum())
        Y = np.zeros_like(p)
        Y[np.arange(B), y] = 1
        dZ = (p - Y) / B
        L = len(self.W)
        gW, gb = [None] * L, [None] * L
        for l in range(L - 1, -1, -1):
            gW[l] = self.kernel.weight_grad(c["in"][l], dZ)
            gb[l] = self.kernel.bias_grad(dZ)
            if l == 0:
                break
            dA = self.kernel.input_grad(dZ, self.W[l])
            if c["mask"]:
                dA = dA * c["mask"][l - 1]
            dZ = act_backward(self.acts[l - 1], c["z"][l - 1], c["a"][l - 1], dA)
        for l in range(L):
            self.W[l] -= alpha * gW[l]
            self.b[l] -= alpha * gb[l]
            if self.precision == "float16":
                self.W[l][...] = half(self.W[l])
                self.b[l][...] = half(self.b[l])
        return loss, correct

    def evaluate(self, X, y, int8=False, chunk=256):
        W = [quant_tensor(w) for w in self.W] if int8 else None
        total, correct = 0.0, 0
        for s in range(0, len(y), chunk):
            p, _ = self.forward(X[s:s + chunk], None, W, quantize_inputs=int8)
            total = cross_entropy_sum(p, y[s:s + chunk], total)
            correct += int((np.argmax(p, axis=1) == y[s:s + chunk]).sum())
        return total / len(y), correct / len(y)


def synthetic(seed, n, features, classes):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal(size=(n, features)).astype(F32)
    y = rng.integers(0, classes, size=n, dtype=np.int32)
    return X, y


def run(case, kernel, precision=None):
    precision = precision or case["precision"]
    X, y = synthetic(case["seed"], case["n"], case["features"], case["classes"])
    rng = np.random.default_rng(case["seed"])
    m = MLP(case["layerSizes"], case["activations"], case["dropoutRate"], precision, rng, kernel)
    init_hash = sha(*m.params())
    history = []
    n, B = case["n"], case["batchSize"]
    for epoch in range(1, case["epochs"] + 1):
        perm = rng.permutation(n)
        loss_sum, batches, correct = 0.0, 0, 0
        for s in range(0, n, B):
            idx = perm[s:s + B]
            loss, c = m.train_step(X[idx], y[idx], case["alpha"], rng)
            loss_sum += loss
            batches += 1
            correct += c
        history.append({"epoch": epoch, "loss": loss_sum / batches, "accuracy": correct / n})
    final_loss, final_acc = m.evaluate(X, y, int8=(precision == "int8"))
    return {
        "xSha256": sha(X), "ySha256": sha(y), "initialWeightsSha256": init_hash,
        "history": history, "finalLoss": final_loss, "finalAccuracy": final_acc,
        "finalWeightsSha256": sha(*m.params()),
        "layerSha256": {f"{k}{l + 1}": sha(t) for l, (w, b) in enumerate(zip(m.W, m.b)) for k, t in (("W", w), ("b", b))},
        "model": m, "data": (X, y),
    }


def strip(r):
    return {k: v for k, v in r.items() if k not in ("model", "data")}


BASELINE = dict(layerSizes=[784, 64, 10], activations=["relu", "softmax"], epochs=2, alpha=0.1, batchSize=32,
                n=512, features=784, classes=10, precision="float32")
EXTRA = [
    dict(name="mixed-sigmoid-tanh-dropout", layerSizes=[20, 16, 12, 5], activations=["sigmoid", "tanh", "softmax"],
         epochs=3, alpha=0.5, batchSize=16, n=100, features=20, classes=5, precision="float32", seed=7, dropoutRate=0.3),
    dict(name="linear-float16-odd-batch", layerSizes=[8, 6, 3], activations=["linear", "softmax"],
         epochs=2, alpha=0.05, batchSize=7, n=50, features=8, classes=3, precision="float16", seed=3, dropoutRate=0.0),
    dict(name="relu-int8-dropout", layerSizes=[12, 10, 4], activations=["relu", "softmax"],
         epochs=2, alpha=0.2, batchSize=9, n=40, features=12, classes=4, precision="int8", seed=0, dropoutRate=0.5),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="test/fixtures/reference/baseline.json")
    args = ap.parse_args()
    cases = []
    for seed in (42, 0):
        for rate in (0.0, 0.2):
            case = dict(BASELINE, seed=seed, dropoutRate=rate, name=f"baseline-seed{seed}-dropout{rate}")
            exact = run(case, Exact)
            blas = run(case, Blas)
            m = exact["model"]
            X, y = exact["data"]
            i8_loss, i8_acc = m.evaluate(X, y, int8=True)
            f16 = run(case, Exact, precision="float16")
            cases.append({
                "case": {k: v for k, v in case.items()},
                "exact": strip(exact),
                "blas": {k: strip(blas)[k] for k in ("initialWeightsSha256", "history", "finalLoss", "finalAccuracy", "finalWeightsSha256")},
                "int8": {"finalLoss": i8_loss, "finalAccuracy": i8_acc},
                "float16": {k: strip(f16)[k] for k in ("initialWeightsSha256", "history", "finalLoss", "finalAccuracy", "finalWeightsSha256")},
            })
    extra = [{"case": c, "exact": strip(run(c, Exact))} for c in EXTRA]
    doc = {
        "generator": "scripts/reference/mlp_reference.py",
        "numpy": np.__version__,
        "note": "exact = sequential-order float32 kernel (must match TS bit for bit); blas = plain NumPy matmuls (final weights informational)",
        "baseline": cases,
        "extra": extra,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

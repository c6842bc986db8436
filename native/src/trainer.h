// The fused SGD step for an MLP with relu hidden layers and a softmax output, float32 (included by
// mlp.cc after the gemm). It performs, for one mini-batch, exactly the operations of the JS
// generic path — src/nn/network.ts forwardPass/backwardPass, src/nn/loss.ts, src/nn/dropout.ts
// applyMask and the SGD update in src/nn/train.ts — in the same order per element, so the same
// bits; what it saves is the JS<->native crossings and the JS elementwise loops.
// Reordering that cannot change bits (each output element's own operations are unchanged):
//   * dA_{l-1} = dZ_l @ W_l^T is computed BEFORE W_l is updated (the generic path also uses the old W);
//   * dW_l is never stored: the update W = r(W - r(alpha * dW)) runs on each finished sum (gemm upd=1);
//   * db_l likewise: b = r(b - r(alpha * db)) right after each column's sequential sum.
// Dropout masks are drawn in JS (the RNG stays there) and passed in.
// B = batch rows, n[l] = width of layer l (n[0] = features), L = number of dense layers.
#pragma once
#include <math.h>
#include "fdlibm.h"

#define MAX_LAYERS 16

struct Trainer {
  int L;
  long n[MAX_LAYERS + 1];
  long cap;
  long wOff[MAX_LAYERS + 1], bOff[MAX_LAYERS + 1];  // parameter offsets of W_l, b_l (1-based l)
  long maskOff[MAX_LAYERS + 1];                      // offset of layer l's mask in the mask buffer
  long paramCount, maskCount;                        // lengths the caller's buffers must have
  float* xb;
  int32_t* yb;
  float *z[MAX_LAYERS + 1], *a[MAX_LAYERS + 1], *drop[MAX_LAYERS + 1], *dZ[MAX_LAYERS + 1];
  float* wt;  // W_l^T scratch (largest n[l-1] * n[l] for l >= 2)
};

static float* falloc(long n) {
  float* p = (float*)aligned_alloc(64, ((n * 4 + 63) / 64) * 64 + 64);
  if (p) memset(p, 0, ((n * 4 + 63) / 64) * 64 + 64);
  return p;
}

static void trainer_free(Trainer* t) {
  for (int l = 1; l <= t->L; l++) { free(t->z[l]); free(t->a[l]); free(t->drop[l]); free(t->dZ[l]); }
  free(t->xb); free(t->yb); free(t->wt); free(t);
}

static Trainer* trainer_create(const int32_t* sizes, int count, long cap) {
  if (count < 2 || count - 1 > MAX_LAYERS || cap < 1) return nullptr;
  Trainer* t = (Trainer*)calloc(1, sizeof(Trainer));
  t->L = count - 1;
  t->cap = cap;
  long off = 0, moff = 0, wt = 1;
  for (int l = 0; l < count; l++) t->n[l] = sizes[l];
  for (int l = 1; l <= t->L; l++) {
    t->wOff[l] = off;
    off += t->n[l - 1] * t->n[l];
    t->bOff[l] = off;
    off += t->n[l];
    t->maskOff[l] = moff;
    if (l < t->L) moff += cap * t->n[l];
    t->z[l] = falloc(cap * t->n[l]);
    t->a[l] = falloc(cap * t->n[l]);
    t->drop[l] = falloc(cap * t->n[l]);
    t->dZ[l] = falloc(cap * t->n[l]);
    if (l >= 2 && t->n[l - 1] * t->n[l] > wt) wt = t->n[l - 1] * t->n[l];
  }
  t->xb = falloc(cap * t->n[0]);
  t->yb = (int32_t*)calloc(cap, 4);
  t->wt = falloc(wt);
  t->paramCount = off;
  t->maskCount = moff;
  bool ok = t->xb && t->yb && t->wt;
  for (int l = 1; l <= t->L; l++) ok = ok && t->z[l] && t->a[l] && t->drop[l] && t->dZ[l];
  if (!ok) { trainer_free(t); return nullptr; }
  return t;
}


// xb[i, :] = X[perm[start + i], :], yb[i] = y[perm[start + i]]; then hints the rows of the NEXT
// batch into L2 (rows are scattered over a large X, so the copy is otherwise a chain of cache and
// TLB misses; the hint overlaps them with this batch's arithmetic). Prefetching changes no value.
static void trainer_gather(Trainer* t, const float* X, const int32_t* y, const int32_t* perm, long permLen, long start, long B) {
  const long F = t->n[0];
  for (long i = 0; i < B; i++) {
    const long row = perm[start + i];
    memcpy(t->xb + i * F, X + row * F, F * 4);
    t->yb[i] = y[row];
  }
  const long end = start + 2 * B < permLen ? start + 2 * B : permLen;
  for (long i = start + B; i < end; i++) {
    const char* p = (const char*)(X + (long)perm[i] * F);
    for (long o = 0; o < F * 4; o += 64) __builtin_prefetch(p + o, 0, 2);
  }
}

// Forward pass, softmax, loss and argmax; out[0] = sum of per-row losses (float64, sequential from
// 0; the caller divides by B), out[1] = rows classified correctly.
static void trainer_forward(Trainer* t, const float* P, const float* masks, long B, int threads, double* out) {
  const int L = t->L;
  const float* in = t->xb;
  for (int l = 1; l <= L; l++) {
    const long I = t->n[l - 1], O = t->n[l], n = B * O;
    const int thr = B * I * O >= 32768 ? threads : 1;
    gemm_threads(in, I, 1, P + t->wOff[l], O, P + t->bOff[l], t->z[l], O, B, I, 0, O, 0, 0.0f, thr, B >= 16 * thr ? 1 : 0);
    if (l == L) break;
    const float* z = t->z[l];
    float* a = t->a[l];
    for (long i = 0; i < n; i++) { const float v = z[i]; a[i] = v > 0 || v != v ? v : 0.0f; }
    in = a;
    if (masks) {
      const float* m = masks + t->maskOff[l];
      float* d = t->drop[l];
      for (long i = 0; i < n; i++) d[i] = a[i] * m[i];
      in = d;
    }
  }
  // Max-shifted softmax, per-row loss r(-log(clip(p[y], r(1e-12), 1))), argmax (NaN wins, first max wins).
  const long O = t->n[L];
  const float* z = t->z[L];
  float* p = t->a[L];
  const float pMin = (float)1e-12;
  double total = 0;
  long correct = 0;
  for (long i = 0; i < B; i++) {
    const float* zr = z + i * O;
    float* pr = p + i * O;
    float m = zr[0];
    for (long j = 1; j < O; j++) { const float v = zr[j]; if (v > m || v != v) m = v; }
    float s = 0.0f;
    for (long j = 0; j < O; j++) { const float e = (float)fd_exp((double)(float)(zr[j] - m)); pr[j] = e; s = s + e; }
    for (long j = 0; j < O; j++) pr[j] = pr[j] / s;
    const float q = pr[t->yb[i]];
    const float c = q != q ? q : (q < pMin ? pMin : (q > 1.0f ? 1.0f : q));
    total += (double)(float)(-fd_log((double)c));
    long best = 0;
    float bestV = pr[0];
    if (bestV == bestV) {
      for (long j = 1; j < O; j++) {
        const float v = pr[j];
        if (v != v) { best = j; break; }
        if (v > bestV) { bestV = v; best = j; }
      }
    }
    if (best == t->yb[i]) correct++;
  }
  out[0] = total;
  out[1] = (double)correct;
}

// Backward pass with the SGD update fused in (see the header for why the bits are unchanged).
static void trainer_backward(Trainer* t, float* P, const float* masks, long B, float alpha, int threads) {
  const int L = t->L;
  {
    const long O = t->n[L];
    const float fb = (float)B;
    const float* p = t->a[L];
    float* dZ = t->dZ[L];
    for (long i = 0; i < B; i++) {
      const int32_t label = t->yb[i];
      for (long j = 0; j < O; j++) dZ[i * O + j] = (p[i * O + j] - (j == label ? 1.0f : 0.0f)) / fb;
    }
  }
  for (int l = L; l >= 1; l--) {
    const long I = t->n[l - 1], O = t->n[l];
    float* W = P + t->wOff[l];
    float* b = P + t->bOff[l];
    const float* dZ = t->dZ[l];
    const float* in = l == 1 ? t->xb : masks ? t->drop[l - 1] : t->a[l - 1];
    const int thr = B * I * O >= 32768 ? threads : 1;
    if (l > 1) {
      // dA = dZ @ W^T with the old W, then dropout mask, then relu': dZ_{l-1} = r(dA * (z > 0 ? 1 : 0)).
      float* wt = t->wt;
      for (long k = 0; k < I; k++)
        for (long j = 0; j < O; j++) wt[j * I + k] = W[k * O + j];
      float* dA = t->dZ[l - 1];
      gemm_threads(dZ, O, 1, wt, I, nullptr, dA, I, B, O, 0, I, 0, 0.0f, thr, 0);
      const long n = B * I;
      if (masks) {
        const float* m = masks + t->maskOff[l - 1];
        for (long i = 0; i < n; i++) dA[i] = dA[i] * m[i];
      }
      const float* z = t->z[l - 1];
      for (long i = 0; i < n; i++) dA[i] = dA[i] * (z[i] > 0 ? 1.0f : 0.0f);
    }
    // W -= alpha * (in^T @ dZ), each element updated as soon as its sum over the batch is final.
    gemm_threads(in, 1, I, dZ, O, nullptr, W, O, I, B, 0, O, 1, alpha, thr, 1);
    for (long j = 0; j < O; j++) {
      float acc = 0.0f;
      for (long i = 0; i < B; i++) acc = acc + dZ[i * O + j];
      b[j] = b[j] - alpha * acc;
    }
  }
}

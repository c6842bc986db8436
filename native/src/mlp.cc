// Optional native accelerator for the dense kernel (N-API addon, built at install by
// native/build.mjs; loaded by src/nn/kernels/native.ts, which falls back to WASM when it is missing).
// Same contract and operation order as wasm/assembly/mlp.ts and src/nn/kernels/reference.ts: every
// output element is ONE sequential float32 reduction from +0 with a separately rounded multiply and
// add. Compiled with -ffp-contract=off -fno-fast-math, so `acc + a * b` is never fused into an FMA;
// nothing here touches MXCSR, so there is no flush-to-zero. Vectors (GCC vector extensions) run
// across OUTPUT columns; OpenMP threads split output rows/columns, never a reduction.
// The ISA is chosen at run time (AVX-512F, AVX2, baseline SSE2 / non-x86): gemm_isa.h is compiled
// once per ISA under `#pragma GCC target` with that ISA's native vector width (32x784x64 forward,
// measured: AVX-512 35 us, AVX2 44 us, SSE2 92 us).
// Also the fused relu/softmax SGD step (trainer.h) and the shared exp/log (fdlibm.h).
// Not here: memory ownership of parameters (JS typed arrays are used in place).

#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef ROWS512
#define ROWS512 4
#endif
#ifndef NV512
#define NV512 4
#endif

#define INLINE static inline __attribute__((always_inline))

#define GEMM_ARGS const float *A, long ars, long ats, const float *Bm, long ldb, const float *bias, float *C, long ldc, long R, long T, long j0, long j1, int upd, float alpha
#define GEMM_PASS A, ars, ats, Bm, ldb, bias, C, ldc, R, T, j0, j1, upd, alpha

// Scratch for the last w < LN columns of a gemm, padded with zeros (one per thread).
static thread_local float* pad_buf = nullptr;
static thread_local long pad_cap = 0;
static float* pad_scratch(long n) {
  if (n > pad_cap) {
    free(pad_buf);
    pad_cap = n + 1024;
    pad_buf = (float*)aligned_alloc(64, ((pad_cap * 4 + 63) / 64) * 64);
  }
  return pad_buf;
}

// One copy of the gemm per ISA, each compiled for its target with its native vector width (GCC
// lowers a vector wider than the target's registers into slow piecewise code).
// Register budgets: AVX-512 32 zmm (4x4 accumulators), AVX2 16 ymm (4x2), SSE2 16 xmm (4x2).
#if defined(__x86_64__) || defined(__i386__)
#define HAVE_X86_ISAS 1
#pragma GCC push_options
#pragma GCC target("avx512f")
namespace isa_avx512 {
#define LN 16
#define GEMM_ROWS ROWS512
#define GEMM_NV NV512
#include "gemm_isa.h"
#undef LN
#undef GEMM_ROWS
#undef GEMM_NV
}  // namespace isa_avx512
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx2,tune=haswell")
namespace isa_avx2 {
#define LN 8
#define GEMM_ROWS 4
#define GEMM_NV 2
#include "gemm_isa.h"
#undef LN
#undef GEMM_ROWS
#undef GEMM_NV
}  // namespace isa_avx2
#pragma GCC pop_options
#endif

namespace isa_base {
#define LN 4
#define GEMM_ROWS 4
#define GEMM_NV 2
#include "gemm_isa.h"
#undef LN
#undef GEMM_ROWS
#undef GEMM_NV
}  // namespace isa_base

static void gemm_base(GEMM_ARGS) { isa_base::gemm(GEMM_PASS); }
#ifdef HAVE_X86_ISAS
static void gemm_avx512(GEMM_ARGS) { isa_avx512::gemm(GEMM_PASS); }
static void gemm_avx2(GEMM_ARGS) { isa_avx2::gemm(GEMM_PASS); }
#endif

typedef void (*gemm_fn)(GEMM_ARGS);
static gemm_fn pick_gemm(const char** name) {
#ifdef HAVE_X86_ISAS
  __builtin_cpu_init();
  // REPRO_AUDIT_NATIVE_ISA=avx2|baseline caps the choice (tests run every path on one machine).
  const char* cap = getenv("REPRO_AUDIT_NATIVE_ISA");
  const bool no512 = cap && (!strcmp(cap, "avx2") || !strcmp(cap, "baseline"));
  const bool no2 = cap && !strcmp(cap, "baseline");
  if (!no512 && __builtin_cpu_supports("avx512f")) { *name = "avx512f"; return gemm_avx512; }
  if (!no2 && __builtin_cpu_supports("avx2")) { *name = "avx2"; return gemm_avx2; }
#endif
  *name = "baseline";
  return gemm_base;
}
static const char* isa_name = nullptr;
static gemm_fn gemm_impl = nullptr;

// Splits [0, n) into `parts` ranges aligned to `align` and runs each on its own OpenMP thread.
static void gemm_threads(GEMM_ARGS, int threads, int split_rows) {
  long n = split_rows ? R : j1 - j0;
  if (threads <= 1 || n < 2) { gemm_impl(GEMM_PASS); return; }
  long align = split_rows ? 8 : 32;
#pragma omp parallel for num_threads(threads) schedule(static, 1)
  for (int p = 0; p < threads; p++) {
    long lo = (long)((double)n * p / threads / align + 0.5) * align;
    long hi = p == threads - 1 ? n : (long)((double)n * (p + 1) / threads / align + 0.5) * align;
    if (lo > n) lo = n;
    if (hi > n) hi = n;
    if (hi <= lo) continue;
    if (split_rows) gemm_impl(A + lo * ars, ars, ats, Bm, ldb, bias, C + lo * ldc, ldc, hi - lo, T, j0, j1, upd, alpha);
    else gemm_impl(A, ars, ats, Bm, ldb, bias, C, ldc, R, T, j0 + lo, j0 + hi, upd, alpha);
  }
}

#include "trainer.h"

// ---- N-API glue --------------------------------------------------------------------------------
static float* f32(napi_env env, napi_value v, size_t* len) {
  napi_typedarray_type type;
  size_t length;
  void* data;
  napi_value ab;
  size_t off;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, &ab, &off) != napi_ok || type != napi_float32_array) {
    napi_throw_type_error(env, nullptr, "expected a Float32Array");
    return nullptr;
  }
  if (len) *len = length;
  return (float*)data;
}
static long num(napi_env env, napi_value v) {
  double d = 0;
  napi_get_value_double(env, v, &d);
  return (long)d;
}

// gemm(A, aOff, ars, ats, Bm, ldb, bias|null, C, cOff, ldc, R, T, j0, j1, threads, splitRows)
static napi_value Gemm(napi_env env, napi_callback_info info) {
  size_t argc = 16;
  napi_value a[16];
  napi_get_cb_info(env, info, &argc, a, nullptr, nullptr);
  if (argc != 16) { napi_throw_error(env, nullptr, "gemm: expected 16 arguments"); return nullptr; }
  const float* A = f32(env, a[0], nullptr);
  const float* Bm = f32(env, a[4], nullptr);
  napi_valuetype bt;
  napi_typeof(env, a[6], &bt);
  const float* bias = bt == napi_null ? nullptr : f32(env, a[6], nullptr);
  float* C = f32(env, a[7], nullptr);
  if (!A || !Bm || !C || (bt != napi_null && !bias)) return nullptr;
  gemm_threads(A + num(env, a[1]), num(env, a[2]), num(env, a[3]), Bm, num(env, a[5]), bias, C + num(env, a[8]), num(env, a[9]),
               num(env, a[10]), num(env, a[11]), num(env, a[12]), num(env, a[13]), 0, 0.0f, (int)num(env, a[14]), (int)num(env, a[15]));
  return nullptr;
}

// biasGrad(dZ, db, B, O): db[j] = sequential sum over i of dZ[i*O + j].
static napi_value BiasGrad(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value a[4];
  napi_get_cb_info(env, info, &argc, a, nullptr, nullptr);
  const float* dZ = f32(env, a[0], nullptr);
  float* db = f32(env, a[1], nullptr);
  if (!dZ || !db) return nullptr;
  long B = num(env, a[2]), O = num(env, a[3]);
  for (long j = 0; j < O; j++) db[j] = 0.0f;
  for (long i = 0; i < B; i++)
    for (long j = 0; j < O; j++) db[j] = db[j] + dZ[i * O + j];
  return nullptr;
}

// sgd(p, g, alpha, threads): p[i] = p[i] - alpha * g[i], each operation rounded to float32.
static napi_value Sgd(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value a[4];
  napi_get_cb_info(env, info, &argc, a, nullptr, nullptr);
  size_t n = 0, ng = 0;
  float* p = f32(env, a[0], &n);
  const float* g = f32(env, a[1], &ng);
  if (!p || !g) return nullptr;
  double alpha_d = 0;
  napi_get_value_double(env, a[2], &alpha_d);
  const float alpha = (float)alpha_d;
  if (ng < n) n = ng;
  for (size_t i = 0; i < n; i++) p[i] = p[i] - alpha * g[i];
  return nullptr;
}


// ---- the fused trainer (trainer.h) ----
static void* typed(napi_env env, napi_value v, napi_typedarray_type want, size_t* len) {
  napi_typedarray_type type;
  size_t length;
  void* data;
  napi_value ab;
  size_t off;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, &ab, &off) != napi_ok || type != want) {
    napi_throw_type_error(env, nullptr, "trainer: unexpected argument type");
    return nullptr;
  }
  if (len) *len = length;
  return data;
}
static Trainer* trainer_of(napi_env env, napi_value v) {
  void* p = nullptr;
  if (napi_get_value_external(env, v, &p) != napi_ok || !p) napi_throw_type_error(env, nullptr, "trainer: not a trainer handle");
  return (Trainer*)p;
}
static const float* maybe_f32(napi_env env, napi_value v, bool* ok) {
  napi_valuetype t;
  napi_typeof(env, v, &t);
  *ok = true;
  if (t == napi_null) return nullptr;
  const float* p = (const float*)typed(env, v, napi_float32_array, nullptr);
  *ok = p != nullptr;
  return p;
}

// Parameter and mask buffers must have the trainer's lengths, and B must fit its capacity.
static bool check_sizes(napi_env env, Trainer* t, size_t paramLen, napi_value maskValue, const float* masks, long B) {
  size_t maskLen = 0;
  if (masks) typed(env, maskValue, napi_float32_array, &maskLen);
  if ((long)paramLen != t->paramCount || (masks && (long)maskLen < t->maskCount) || B < 1 || B > t->cap) {
    napi_throw_range_error(env, nullptr, "trainer: parameter/mask buffer size or batch size does not match the trainer");
    return false;
  }
  return true;
}

// trainerCreate(sizes: Int32Array, capacity) -> handle
static napi_value TrainerCreate(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value a[2];
  napi_get_cb_info(env, info, &argc, a, nullptr, nullptr);
  size_t count = 0;
  const int32_t* sizes = (const int32_t*)typed(env, a[0], napi_int32_array, &count);
  if (!sizes) return nullptr;
  Trainer* t = trainer_create(sizes, (int)count, num(env, a[1]));
  if (!t) { napi_throw_range_error(env, nullptr, "trainerCreate: bad sizes or capacity"); return nullptr; }
  napi_value h;
  napi_create_external(env, t, [](napi_env, void* p, void*) { trainer_free((Trainer*)p); }, nullptr, &h);
  return h;
}

// trainerGather(handle, X: Float32Array, y: Int32Array, perm: Int32Array, start, B)
static napi_value TrainerGather(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value a[6];
  napi_get_cb_info(env, info, &argc, a, nullptr, nullptr);
  Trainer* t = trainer_of(env, a[0]);
  size_t nx = 0, ny = 0, np = 0;
  const float* X = (const float*)typed(env, a[1], napi_float32_array, &nx);
  const int32_t* y = (const int32_t*)typed(env, a[2], napi_int32_array, &ny);
  const int32_t* perm = (const int32_t*)typed(env, a[3], napi_int32_array, &np);
  if (!t || !X || !y || !perm) return nullptr;
  const long start = num(env, a[4]), B = num(env, a[5]);
  if (start < 0 || B < 1 || B > t->cap || (size_t)(start + B) > np) { napi_throw_range_error(env, nullptr, "trainerGather: batch outside the permutation"); return nullptr; }
  for (long i = start; i < start + B; i++)
    if ((perm[i] < 0 || (size_t)perm[i] >= ny || (size_t)(perm[i] + 1) * t->n[0] > nx)) {
      napi_throw_range_error(env, nullptr, "trainerGather: row index outside the data");
      return nullptr;
    }
  trainer_gather(t, X, y, perm, (long)np, start, B);
  return nullptr;
}

// trainerForward(handle, params, masks | null, B, threads, out: Float64Array(2))
static napi_value TrainerForward(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value a[6];
  napi_get_cb_info(env, info, &argc, a, nullptr, nullptr);
  Trainer* t = trainer_of(env, a[0]);
  size_t np = 0, no = 0;
  const float* P = (const float*)typed(env, a[1], napi_float32_array, &np);
  bool ok;
  const float* masks = maybe_f32(env, a[2], &ok);
  double* out = (double*)typed(env, a[5], napi_float64_array, &no);
  if (!t || !P || !ok || !out) return nullptr;
  if (!check_sizes(env, t, np, a[2], masks, num(env, a[3])) || no < 2) return nullptr;
  trainer_forward(t, P, masks, num(env, a[3]), (int)num(env, a[4]), out);
  return nullptr;
}

// trainerBackward(handle, params, masks | null, B, alpha32, threads)
static napi_value TrainerBackward(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value a[6];
  napi_get_cb_info(env, info, &argc, a, nullptr, nullptr);
  Trainer* t = trainer_of(env, a[0]);
  size_t np = 0;
  float* P = (float*)typed(env, a[1], napi_float32_array, &np);
  bool ok;
  const float* masks = maybe_f32(env, a[2], &ok);
  if (!t || !P || !ok) return nullptr;
  if (!check_sizes(env, t, np, a[2], masks, num(env, a[3]))) return nullptr;
  double alpha = 0;
  napi_get_value_double(env, a[4], &alpha);
  trainer_backward(t, P, masks, num(env, a[3]), (float)alpha, (int)num(env, a[5]));
  return nullptr;
}

// exp / log (fdlibm.h) over a Float64Array in place, for the cross-implementation test.
static napi_value MathMap(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value a[2];
  napi_get_cb_info(env, info, &argc, a, nullptr, nullptr);
  size_t n = 0;
  double* v = (double*)typed(env, a[1], napi_float64_array, &n);
  if (!v) return nullptr;
  const long which = num(env, a[0]);
  for (size_t i = 0; i < n; i++) v[i] = which == 0 ? fd_exp(v[i]) : fd_log(v[i]);
  return nullptr;
}

static napi_value Isa(napi_env env, napi_callback_info) {
  napi_value s;
  napi_create_string_utf8(env, isa_name, NAPI_AUTO_LENGTH, &s);
  return s;
}

NAPI_MODULE_INIT() {
  if (!gemm_impl) gemm_impl = pick_gemm(&isa_name);
  napi_property_descriptor d[] = {
      {"gemm", nullptr, Gemm, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"biasGrad", nullptr, BiasGrad, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"sgd", nullptr, Sgd, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"isa", nullptr, Isa, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"trainerCreate", nullptr, TrainerCreate, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"trainerGather", nullptr, TrainerGather, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"trainerForward", nullptr, TrainerForward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"trainerBackward", nullptr, TrainerBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"mathMap", nullptr, MathMap, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(d) / sizeof(d[0]), d);
  return exports;
}

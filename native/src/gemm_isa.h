// The blocked float32 gemm of mlp.cc for ONE instruction set, included once per ISA inside a
// namespace and a `#pragma GCC target` region, with LN (lanes per vector), GEMM_ROWS and GEMM_NV
// (the main block: rows x vectors of accumulators) defined by the includer. No include guard on
// purpose. Every output element is one sequential sum from +0 of separately rounded products
// (mlp.cc is compiled with -ffp-contract=off); lanes run across output columns only.

typedef float V __attribute__((vector_size(LN * 4), aligned(4), may_alias));

#if LN == 16
#define SPLAT(x) {x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x}
#elif LN == 8
#define SPLAT(x) {x, x, x, x, x, x, x, x}
#else
#define SPLAT(x) {x, x, x, x}
#endif

// C[r, j] for r in [0,R), j in [j0,j1): acc = sum_t A[r*ars + t*ats] * Bm[t*ldb + j] (sequential),
// then C[r*ldc + j] = bias ? acc + bias[j] : acc, or with upd the SGD step C = C - alpha * acc.
// One block = ROWS rows x NV*LN columns.
template <int ROWS, int NV>
INLINE void block(const float* a, long ars, long ats, const float* b, long ldb, long T, float* c, long ldc, const float* bias, int upd, float alpha) {
  V acc[ROWS][NV];
  for (int q = 0; q < ROWS; q++)
    for (int v = 0; v < NV; v++) acc[q][v] = (V){0};
  for (long t = 0; t < T; t++) {
    V bv[NV];
    for (int v = 0; v < NV; v++) bv[v] = *(const V*)(b + t * ldb + LN * v);  // unaligned (V is aligned(4))
    for (int q = 0; q < ROWS; q++) {
      const float x = a[q * ars + t * ats];
      const V xv = SPLAT(x);
      for (int v = 0; v < NV; v++) acc[q][v] = acc[q][v] + xv * bv[v];
    }
  }
  for (int q = 0; q < ROWS; q++) {
    for (int v = 0; v < NV; v++) {
      if (bias) {
        acc[q][v] = acc[q][v] + *(const V*)(bias + LN * v);
      }
      if (upd) {  // SGD on the finished sum: c = r(c - r(alpha * acc))
        const V av = SPLAT(alpha);
        acc[q][v] = *(const V*)(c + q * ldc + LN * v) - av * acc[q][v];
      }
      *(V*)(c + q * ldc + LN * v) = acc[q][v];
    }
  }
}

// Columns [j, j + NV*LN) for every row: ROWS-row blocks, then single rows.
template <int ROWS, int NV>
INLINE void panel(GEMM_ARGS, long j) {
  const float* bj = bias ? bias + j : nullptr;
  long r = 0;
  for (; r + ROWS <= R; r += ROWS) block<ROWS, NV>(A + r * ars, ars, ats, Bm + j, ldb, T, C + r * ldc + j, ldc, bj, upd, alpha);
  for (; r < R; r++) block<1, NV>(A + r * ars, ars, ats, Bm + j, ldb, T, C + r * ldc + j, ldc, bj, upd, alpha);
}

// Columns [j, j1), fewer than LN: copy them into zero-padded LN-wide panels (Bm, bias and, for an
// update, C), run the same vector blocks, copy the w real columns back. Lanes never mix, so each
// real column gets exactly the operations the scalar contract prescribes.
template <int ROWS>
INLINE void narrow(GEMM_ARGS, long j) {
  const long w = j1 - j;
  float* s = pad_scratch(LN * (T + 1 + ROWS));
  float* bs = s;              // T x LN
  float* biasP = s + LN * T;  // LN
  float* cs = biasP + LN;     // ROWS x LN
  for (long t = 0; t < T; t++) {
    for (long q = 0; q < w; q++) bs[LN * t + q] = Bm[t * ldb + j + q];
    for (long q = w; q < LN; q++) bs[LN * t + q] = 0.0f;
  }
  for (long q = 0; q < LN; q++) biasP[q] = bias && q < w ? bias[j + q] : 0.0f;
  for (long r = 0; r < R; r += ROWS) {
    const long rows = R - r < ROWS ? R - r : ROWS;
    for (long q = 0; q < rows; q++)
      for (long v = 0; v < LN; v++) cs[LN * q + v] = upd && v < w ? C[(r + q) * ldc + j + v] : 0.0f;
    if (rows == ROWS) block<ROWS, 1>(A + r * ars, ars, ats, bs, LN, T, cs, LN, bias ? biasP : nullptr, upd, alpha);
    else
      for (long q = 0; q < rows; q++) block<1, 1>(A + (r + q) * ars, ars, ats, bs, LN, T, cs + LN * q, LN, bias ? biasP : nullptr, upd, alpha);
    for (long q = 0; q < rows; q++)
      for (long v = 0; v < w; v++) C[(r + q) * ldc + j + v] = cs[LN * q + v];
  }
}

// Wide panels of NV*LN columns, then LN-column panels, then the padded remainder.
static void gemm(GEMM_ARGS) {
  long j = j0;
  for (; j + LN * GEMM_NV <= j1; j += LN * GEMM_NV) panel<GEMM_ROWS, GEMM_NV>(GEMM_PASS, j);
  for (; j + LN <= j1; j += LN) panel<8, 1>(GEMM_PASS, j);
  if (j < j1) narrow<8>(GEMM_PASS, j);
}

#undef SPLAT

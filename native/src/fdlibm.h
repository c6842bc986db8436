// exp and log in float64: a line-for-line port of src/nn/math.ts (itself FreeBSD msun / Sun fdlibm
// 5.3 e_exp.c and e_log.c, K.C. Ng 1993), so native, WASM and JS give the same bits. Only IEEE
// double +, -, *, /, truncation and exponent-word edits; compiled with -ffp-contract=off so no
// operation is fused. Not the platform libm on purpose: libm versions differ in the last bit.
#pragma once
#include <stdint.h>
#include <string.h>

static inline uint32_t fd_hi(double x) { uint64_t u; memcpy(&u, &x, 8); return (uint32_t)(u >> 32); }
static inline uint32_t fd_lo(double x) { uint64_t u; memcpy(&u, &x, 8); return (uint32_t)u; }
static inline double fd_with_hi(double x, uint32_t h) {
  uint64_t u;
  memcpy(&u, &x, 8);
  u = ((uint64_t)h << 32) | (u & 0xffffffffu);
  memcpy(&x, &u, 8);
  return x;
}

static inline double fd_exp(double x) {
  const double O_THRESHOLD = 7.09782712893383973096e2, U_THRESHOLD = -7.45133219101941108420e2;
  const double LN2_HI = 6.93147180369123816490e-1, LN2_LO = 1.90821492927058770002e-10, INV_LN2 = 1.4426950408889634074;
  const double HUGE_ = 1.0e300, E = 2.718281828459045, TWOM1000 = 9.33263618503218878990e-302;
  const double P1 = 1.66666666666666019037e-1, P2 = -2.77777777770155933842e-3, P3 = 6.61375632143793436117e-5,
               P4 = -1.65339022054652515390e-6, P5 = 4.13813679705723846039e-8;
  int32_t hx = (int32_t)fd_hi(x);
  const int xsb = (int)(((uint32_t)hx >> 31) & 1);
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | fd_lo(x)) != 0) return x + x;
      return xsb == 0 ? x : 0.0;
    }
    if (x > O_THRESHOLD) return HUGE_ * HUGE_;
    if (x < U_THRESHOLD) return TWOM1000 * TWOM1000;
  }
  double hi = 0, lo = 0;
  int32_t k = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (x == 1.0) return E;
      hi = xsb == 0 ? x - LN2_HI : x + LN2_HI;
      lo = xsb == 0 ? LN2_LO : -LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = (int32_t)(INV_LN2 * x + (xsb == 0 ? 0.5 : -0.5));
      hi = x - (double)k * LN2_HI;
      lo = (double)k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x;
  }
  const double t = x * x;
  const double c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1 - ((x * c) / (c - 2.0) - x);
  const double y = 1 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) return fd_with_hi(y, fd_hi(y) + ((uint32_t)k << 20));
  return fd_with_hi(y, fd_hi(y) + ((uint32_t)(k + 1000) << 20)) * TWOM1000;
}

static inline double fd_log(double x) {
  const double LN2_HI = 6.93147180369123816490e-1, LN2_LO = 1.90821492927058770002e-10, TWO54 = 1.8014398509481984e16;
  const double LG1 = 6.666666666666735130e-1, LG2 = 3.999999999940941908e-1, LG3 = 2.857142874366239149e-1,
               LG4 = 2.222219843214978396e-1, LG5 = 1.818357216161805012e-1, LG6 = 1.531383769920937332e-1,
               LG7 = 1.479819860511658591e-1;
  int32_t hx = (int32_t)fd_hi(x);
  const uint32_t lx = fd_lo(x);
  int32_t k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) == 0) return -__builtin_inf();
    if (hx < 0) return __builtin_nan("");
    k -= 54;
    x *= TWO54;
    hx = (int32_t)fd_hi(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  int32_t i = (hx + 0x95f64) & 0x100000;
  x = fd_with_hi(x, (uint32_t)(hx | (i ^ 0x3ff00000)));
  k += i >> 20;
  const double f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f == 0) return k == 0 ? 0 : (double)k * LN2_HI + (double)k * LN2_LO;
    const double R = f * f * (0.5 - 0.33333333333333333 * f);
    return k == 0 ? f - R : (double)k * LN2_HI - ((R - (double)k * LN2_LO) - f);
  }
  const double s = f / (2.0 + f);
  const double dk = (double)k;
  const double z = s * s;
  i = hx - 0x6147a;
  const double w = z * z;
  const int32_t j = 0x6b851 - hx;
  const double t1 = w * (LG2 + w * (LG4 + w * LG6));
  const double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const double R = t2 + t1;
  if (i > 0) {
    const double hfsq = 0.5 * f * f;
    return k == 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  return k == 0 ? f - s * (f - R) : dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}

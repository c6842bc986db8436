// exp and log in float64 for the WASM kernel: a line-for-line port of src/nn/math.ts (FreeBSD msun /
// Sun fdlibm 5.3 e_exp.c and e_log.c, K.C. Ng 1993), so WASM, native (native/src/fdlibm.h) and JS
// give the same bits. WASM f64 arithmetic is IEEE with no contraction, so the port is exact.

// @ts-ignore: decorator
@inline
function hiWord(x: f64): i32 {
  return <i32>(reinterpret<u64>(x) >> 32);
}
// @ts-ignore: decorator
@inline
function loWord(x: f64): u32 {
  return <u32>(reinterpret<u64>(x) & 0xffffffff);
}
// @ts-ignore: decorator
@inline
function withHi(x: f64, h: i32): f64 {
  return reinterpret<f64>((<u64><u32>h << 32) | (reinterpret<u64>(x) & 0xffffffff));
}

export function fdExp(x: f64): f64 {
  const O_THRESHOLD: f64 = 7.09782712893383973096e2;
  const U_THRESHOLD: f64 = -7.45133219101941108420e2;
  const LN2_HI: f64 = 6.93147180369123816490e-1;
  const LN2_LO: f64 = 1.90821492927058770002e-10;
  const INV_LN2: f64 = 1.4426950408889634074;
  const HUGE: f64 = 1.0e300;
  const E: f64 = 2.718281828459045;
  const TWOM1000: f64 = 9.33263618503218878990e-302;
  const P1: f64 = 1.66666666666666019037e-1;
  const P2: f64 = -2.77777777770155933842e-3;
  const P3: f64 = 6.61375632143793436117e-5;
  const P4: f64 = -1.65339022054652515390e-6;
  const P5: f64 = 4.13813679705723846039e-8;
  let hx = hiWord(x);
  const xsb = (hx >>> 31) & 1;
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((<u32>(hx & 0xfffff)) | loWord(x)) != 0) return x + x;
      return xsb == 0 ? x : 0.0;
    }
    if (x > O_THRESHOLD) return HUGE * HUGE;
    if (x < U_THRESHOLD) return TWOM1000 * TWOM1000;
  }
  let hi: f64 = 0;
  let lo: f64 = 0;
  let k: i32 = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (x == 1.0) return E;
      hi = xsb == 0 ? x - LN2_HI : x + LN2_HI;
      lo = xsb == 0 ? LN2_LO : -LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = <i32>(INV_LN2 * x + (xsb == 0 ? 0.5 : -0.5));
      hi = x - <f64>k * LN2_HI;
      lo = <f64>k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) return withHi(y, hiWord(y) + (k << 20));
  return withHi(y, hiWord(y) + ((k + 1000) << 20)) * TWOM1000;
}

export function fdLog(x: f64): f64 {
  const LN2_HI: f64 = 6.93147180369123816490e-1;
  const LN2_LO: f64 = 1.90821492927058770002e-10;
  const TWO54: f64 = 1.8014398509481984e16;
  const LG1: f64 = 6.666666666666735130e-1;
  const LG2: f64 = 3.999999999940941908e-1;
  const LG3: f64 = 2.857142874366239149e-1;
  const LG4: f64 = 2.222219843214978396e-1;
  const LG5: f64 = 1.818357216161805012e-1;
  const LG6: f64 = 1.531383769920937332e-1;
  const LG7: f64 = 1.479819860511658591e-1;
  let hx = hiWord(x);
  const lx = loWord(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((<u32>(hx & 0x7fffffff)) | lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = hiWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = withHi(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f == 0) return k == 0 ? 0 : <f64>k * LN2_HI + <f64>k * LN2_LO;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k == 0 ? f - R : <f64>k * LN2_HI - ((R - <f64>k * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  const dk = <f64>k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k == 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  return k == 0 ? f - s * (f - R) : dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}

/** v[i] = exp(v[i]) (which 0) or log(v[i]) (which 1) over n float64 values at p (for tests). */
export function mathMap(which: i32, p: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const a = p + ((<usize>i) << 3);
    store<f64>(a, which == 0 ? fdExp(load<f64>(a)) : fdLog(load<f64>(a)));
  }
}

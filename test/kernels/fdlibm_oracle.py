#!/usr/bin/env python3
"""Independent oracle for test/kernels/exp-log.test.ts: fdlibm 5.3 e_exp.c / e_log.c (FreeBSD msun,
K.C. Ng 1993) ported to Python floats (IEEE double, no fused operations), evaluated on the same
inputs the test builds, printing the SHA-256 of the outputs (canonical NaN, little-endian float64).
The test pins these two hashes; this script is how they were made:  python3 test/kernels/fdlibm_oracle.py
Same algorithm as src/nn/math.ts but a separate implementation, so a porting slip shows up as a mismatch.
"""
import hashlib
import math
import struct

import numpy as np


def hi(x):
    return struct.unpack("<q", struct.pack("<d", x))[0] >> 32  # signed high word


def lo(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0] & 0xFFFFFFFF


def with_hi(x, h):
    return struct.unpack("<d", struct.pack("<Q", ((h & 0xFFFFFFFF) << 32) | lo(x)))[0]


def fd_exp(x):
    hx = hi(x) & 0xFFFFFFFF
    xsb = (hx >> 31) & 1
    hx &= 0x7FFFFFFF
    if hx >= 0x40862E42:
        if hx >= 0x7FF00000:
            if ((hx & 0xFFFFF) | lo(x)) != 0:
                return x + x
            return x if xsb == 0 else 0.0
        if x > 7.09782712893383973096e2:
            return math.inf
        if x < -7.45133219101941108420e2:
            return 0.0
    LN2_HI, LN2_LO = 6.93147180369123816490e-1, 1.90821492927058770002e-10
    hi_ = lo_ = 0.0
    k = 0
    if hx > 0x3FD62E42:
        if hx < 0x3FF0A2B2:
            if x == 1.0:
                return 2.718281828459045
            hi_ = x - LN2_HI if xsb == 0 else x + LN2_HI
            lo_ = LN2_LO if xsb == 0 else -LN2_LO
            k = 1 - xsb - xsb
        else:
            k = int(1.4426950408889634074 * x + (0.5 if xsb == 0 else -0.5))  # truncates toward 0
            hi_ = x - k * LN2_HI
            lo_ = k * LN2_LO
        x = hi_ - lo_
    elif hx < 0x3E300000:
        return 1 + x
    t = x * x
    c = x - t * (1.66666666666666019037e-1 + t * (-2.77777777770155933842e-3 + t * (6.61375632143793436117e-5 + t * (-1.65339022054652515390e-6 + t * 4.13813679705723846039e-8))))
    if k == 0:
        return 1 - ((x * c) / (c - 2.0) - x)
    y = 1 - ((lo_ - (x * c) / (2.0 - c)) - hi_)
    if k >= -1021:
        return with_hi(y, hi(y) + (k << 20))
    return with_hi(y, hi(y) + ((k + 1000) << 20)) * 9.33263618503218878990e-302


def fd_log(x):
    LN2_HI, LN2_LO = 6.93147180369123816490e-1, 1.90821492927058770002e-10
    hx = hi(x)
    lx = lo(x)
    k = 0
    if hx < 0x00100000:
        if ((hx & 0x7FFFFFFF) | lx) == 0:
            return -math.inf
        if hx < 0:
            return math.nan
        k -= 54
        x *= 1.8014398509481984e16
        hx = hi(x)
    if hx >= 0x7FF00000:
        return x + x
    k += (hx >> 20) - 1023
    hx &= 0x000FFFFF
    i = (hx + 0x95F64) & 0x100000
    x = with_hi(x, hx | (i ^ 0x3FF00000))
    k += i >> 20
    f = x - 1.0
    if (0x000FFFFF & (2 + hx)) < 3:
        if f == 0:
            return 0.0 if k == 0 else k * LN2_HI + k * LN2_LO
        R = f * f * (0.5 - 0.33333333333333333 * f)
        return f - R if k == 0 else k * LN2_HI - ((R - k * LN2_LO) - f)
    s = f / (2.0 + f)
    dk = float(k)
    z = s * s
    i = hx - 0x6147A
    w = z * z
    j = 0x6B851 - hx
    t1 = w * (3.999999999940941908e-1 + w * (2.222219843214978396e-1 + w * 1.531383769920937332e-1))
    t2 = z * (6.666666666666735130e-1 + w * (2.857142874366239149e-1 + w * (1.818357216161805012e-1 + w * 1.479819860511658591e-1)))
    i |= j
    R = t2 + t1
    if i > 0:
        hfsq = 0.5 * f * f
        return f - (hfsq - s * (hfsq + R)) if k == 0 else dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f)
    return f - s * (f - R) if k == 0 else dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f)


def inputs():
    out = []
    s = 0x9E3779B9

    def nxt():
        nonlocal s
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        return s

    for _ in range(200_000):
        a = nxt()
        b = nxt()
        out.append(struct.unpack("<d", struct.pack("<II", a, b))[0])
    f32 = lambda v: float(np.float32(v))
    x = -110.0
    while x <= 1:
        out.append(f32(x))
        out.append(f32(x + 1 / 4096) * 0.999)
        x += 1 / 2048
    x = 1e-12
    while x <= 1:
        out.append(f32(x))
        x *= 1.0002
    out += [0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, -5e-324, 2.2250738585072014e-308, 709.78, 709.79, -745.13, -745.14, 1.0, -1.0, 2.0, 0.5, 1e-300, 1e300]
    return out


def sha(vals):
    canon = [math.nan if v != v else v for v in vals]
    return hashlib.sha256(struct.pack("<%dd" % len(canon), *canon)).hexdigest()


if __name__ == "__main__":
    X = inputs()
    print(len(X), "inputs")
    print("PINNED_EXP", sha([fd_exp(v) for v in X]))
    print("PINNED_LOG", sha([fd_log(v) for v in X]))

// Standard normal draws exactly as NumPy's Generator makes them: `random_standard_normal` in
// numpy/random/src/distributions/distributions.c, a 256-level ziggurat (Marsaglia & Tsang, "The
// Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000) in the variant
// NumPy took from Julia: one uint64 gives the strip index (8 bits), the sign (1 bit) and a 52-bit
// magnitude; the tail uses Marsaglia's exponential method with log1p(-u) (NumPy GH 13361).
//
// Math.log1p/Math.exp are V8's fdlibm ports; glibc's log1p is the same fdlibm algorithm, and exp
// only feeds a comparison, so the stream matches NumPy bit for bit (checked on 100k draws/seed).
//
// Not here: the float32 ziggurat (`random_standard_normal_f`), legacy RandomState's Box-Muller.

import type { Pcg64 } from "./pcg64.js";
import { FI_DOUBLE, KI_DOUBLE, WI_DOUBLE, ZIGGURAT_NOR_INV_R, ZIGGURAT_NOR_R } from "./ziggurat-tables.js";

/** `random_standard_normal`: one N(0, 1) double. */
export function standardNormal(bg: Pcg64): number {
  for (;;) {
    bg.nextUint64();
    const lo = bg.lo;
    const idx = lo & 0xff;
    // r >>= 8; sign = r & 1; rabs = (r >> 1) & (2**52 - 1)  ==  bits 9..60 of the draw.
    const sign = (lo >>> 8) & 1;
    const rabs = (bg.hi & 0x1fffffff) * 8388608 + (lo >>> 9);
    let x = rabs * WI_DOUBLE[idx]!;
    if (sign === 1) x = -x;
    if (rabs < KI_DOUBLE[idx]!) return x; // about 99.3% of draws end here
    if (idx === 0) {
      for (;;) {
        const xx = -ZIGGURAT_NOR_INV_R * Math.log1p(-bg.nextDouble());
        const yy = -Math.log1p(-bg.nextDouble());
        if (yy + yy > xx * xx) {
          // (rabs >> 8) & 1 is bit 17 of the low word.
          return ((lo >>> 17) & 1) === 1 ? -(ZIGGURAT_NOR_R + xx) : ZIGGURAT_NOR_R + xx;
        }
      }
    } else {
      const f1 = FI_DOUBLE[idx]!;
      if ((FI_DOUBLE[idx - 1]! - f1) * bg.nextDouble() + f1 < Math.exp(-0.5 * x * x)) return x;
    }
  }
}

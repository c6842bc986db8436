// PCG64 as NumPy implements it (numpy/random/src/pcg64/pcg64.h, pcg64.c; _pcg64.pyx): a 128-bit
// LCG with NumPy's default multiplier 0x2360ED051FC65DA4_4385DF649FCCF645 and the XSL-RR 128/64
// output (M. E. O'Neill, "PCG: A Family of Simple Fast Space-Efficient Statistically Good
// Algorithms for Random Number Generation", 2014). Known output: for
// `numpy.random.default_rng(42)`, the first `random()` is 0.7739560485559633 and the first
// `bit_generator.random_raw()` is 14276969152011380360 (asserted in test/rng/pcg64.test.ts).
//
// The hot path uses no BigInt: the 128-bit state and increment are six 24-bit limbs in plain
// number fields (limb 0 least significant, limb 5 holds the top 8 bits). Every partial product is
// below 2**48 and a column sums at most six of them, so all arithmetic stays exact in doubles
// (< 2**53). BigInt is used only to import/export state. Measured: ~55 ns per double on Node 20.
//
// Not here: advance/jumped, PCG64DXSM, the distributions (see ./generator.ts).

const MASK64 = (1n << 64n) - 1n;
const MASK128 = (1n << 128n) - 1n;
/** PCG_DEFAULT_MULTIPLIER_128 (PCG_DEFAULT_MULTIPLIER_HIGH << 64 | PCG_DEFAULT_MULTIPLIER_LOW). */
export const PCG64_MULTIPLIER = (2549297995355413924n << 64n) | 4865540595714422341n;

const M = limbsOf(PCG64_MULTIPLIER);
const M0 = M[0], M1 = M[1], M2 = M[2], M3 = M[3], M4 = M[4], M5 = M[5];
const TWO_POW_MINUS_24 = 1 / 16777216;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

type Limbs = [number, number, number, number, number, number];

function limbsOf(x: bigint): Limbs {
  const out: number[] = [];
  for (let i = 0; i < 6; i++) out.push(Number((x >> BigInt(24 * i)) & 0xffffffn));
  return out as Limbs;
}

/** The PCG64 state with BigInt fields (not the hot path): NumPy's state dict, numerically. */
export interface Pcg64RawState {
  state: bigint;
  inc: bigint;
  hasUint32: boolean;
  uinteger: number;
}

export class Pcg64 {
  // 128-bit state, 24-bit limbs, s0 least significant (s5: bits 120..127).
  private s0 = 0; private s1 = 0; private s2 = 0; private s3 = 0; private s4 = 0; private s5 = 0;
  // 128-bit increment (odd after seeding), same layout.
  private c0 = 0; private c1 = 0; private c2 = 0; private c3 = 0; private c4 = 0; private c5 = 0;
  /** NumPy's has_uint32 / uinteger: the buffered high half of a split uint64 draw. */
  private hasUint32 = false;
  private uinteger = 0;
  /** The last nextUint64() result as two uint32 halves (avoids allocating per draw). */
  hi = 0;
  lo = 0;

  /**
   * `pcg64_set_seed` / `pcg_setseq_128_srandom_r`: state = 0, inc = (initseq << 1) | 1, step,
   * state += initstate, step. `words` are SeedSequence.generate_state(4, uint64):
   * initstate = words[0] << 64 | words[1], initseq = words[2] << 64 | words[3].
   */
  static fromSeedWords(words: readonly bigint[]): Pcg64 {
    if (words.length !== 4) throw new RangeError("PCG64 needs 4 uint64 seed words");
    const initstate = (words[0]! << 64n) | words[1]!;
    const initseq = (words[2]! << 64n) | words[3]!;
    const g = new Pcg64();
    const inc = ((initseq << 1n) | 1n) & MASK128;
    g.setRaw({ state: 0n, inc, hasUint32: false, uinteger: 0 });
    g.step();
    const s = (g.getRaw().state + initstate) & MASK128;
    g.setRaw({ state: s, inc, hasUint32: false, uinteger: 0 });
    g.step();
    return g;
  }

  static fromRaw(raw: Pcg64RawState): Pcg64 {
    const g = new Pcg64();
    g.setRaw(raw);
    return g;
  }

  getRaw(): Pcg64RawState {
    const s = [this.s0, this.s1, this.s2, this.s3, this.s4, this.s5];
    const c = [this.c0, this.c1, this.c2, this.c3, this.c4, this.c5];
    let state = 0n;
    let inc = 0n;
    for (let i = 5; i >= 0; i--) {
      state = (state << 24n) | BigInt(s[i]!);
      inc = (inc << 24n) | BigInt(c[i]!);
    }
    return { state, inc, hasUint32: this.hasUint32, uinteger: this.uinteger };
  }

  setRaw(raw: Pcg64RawState): void {
    if (raw.state < 0n || raw.state > MASK128 || raw.inc < 0n || raw.inc > MASK128) {
      throw new RangeError("PCG64 state and inc must be integers in [0, 2**128)");
    }
    if (!Number.isInteger(raw.uinteger) || raw.uinteger < 0 || raw.uinteger > 0xffffffff) {
      throw new RangeError("PCG64 uinteger must be an integer in [0, 2**32)");
    }
    [this.s0, this.s1, this.s2, this.s3, this.s4, this.s5] = limbsOf(raw.state);
    [this.c0, this.c1, this.c2, this.c3, this.c4, this.c5] = limbsOf(raw.inc);
    this.hasUint32 = raw.hasUint32;
    this.uinteger = raw.uinteger;
  }

  /** `pcg_setseq_128_step_r`: state = state * MULT + inc (mod 2**128), schoolbook on 24-bit limbs. */
  step(): void {
    const a0 = this.s0, a1 = this.s1, a2 = this.s2, a3 = this.s3, a4 = this.s4, a5 = this.s5;
    // Column k: sum of a_i * M_(k-i) + c_k + carry; `t & mask` is exact (ToInt32 is mod 2**32).
    let t = a0 * M0 + this.c0;
    const r0 = t & 0xffffff;
    t = (t - r0) * TWO_POW_MINUS_24 + a0 * M1 + a1 * M0 + this.c1;
    const r1 = t & 0xffffff;
    t = (t - r1) * TWO_POW_MINUS_24 + a0 * M2 + a1 * M1 + a2 * M0 + this.c2;
    const r2 = t & 0xffffff;
    t = (t - r2) * TWO_POW_MINUS_24 + a0 * M3 + a1 * M2 + a2 * M1 + a3 * M0 + this.c3;
    const r3 = t & 0xffffff;
    t = (t - r3) * TWO_POW_MINUS_24 + a0 * M4 + a1 * M3 + a2 * M2 + a3 * M1 + a4 * M0 + this.c4;
    const r4 = t & 0xffffff;
    t = (t - r4) * TWO_POW_MINUS_24 + a0 * M5 + a1 * M4 + a2 * M3 + a3 * M2 + a4 * M1 + a5 * M0 + this.c5;
    this.s5 = t & 0xff; // bits 120..127; the rest overflows 2**128
    this.s0 = r0; this.s1 = r1; this.s2 = r2; this.s3 = r3; this.s4 = r4;
  }

  /**
   * `pcg64_next64`: step, then XSL-RR output rotr64(hi ^ lo, state >> 122). The result is left in
   * `this.hi` / `this.lo` (uint32 halves).
   */
  nextUint64(): void {
    this.step();
    const r0 = this.s0, r1 = this.s1, r2 = this.s2, r3 = this.s3, r4 = this.s4, r5 = this.s5;
    // 32-bit words of the state: w3 = bits 96..127, w2 = 64..95, w1 = 32..63, w0 = 0..31.
    let xh = (r4 | (r5 << 24)) ^ ((r1 >>> 8) | ((r2 & 0xffff) << 16)); // w3 ^ w1
    let xl = ((r2 >>> 16) | (r3 << 8)) ^ (r0 | ((r1 & 0xff) << 24)); // w2 ^ w0
    let rot = r5 >>> 2;
    if (rot >= 32) {
      const tmp = xh; xh = xl; xl = tmp;
      rot -= 32;
    }
    if (rot === 0) {
      this.hi = xh >>> 0;
      this.lo = xl >>> 0;
    } else {
      this.hi = ((xh >>> rot) | (xl << (32 - rot))) >>> 0;
      this.lo = ((xl >>> rot) | (xh << (32 - rot))) >>> 0;
    }
  }

  /** `pcg64_next32`: a buffered high half if there is one, else a new uint64's low half. */
  nextUint32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    this.nextUint64();
    this.hasUint32 = true;
    this.uinteger = this.hi;
    return this.lo;
  }

  /** `pcg64_next_double`: (next_uint64 >> 11) * 2**-53, a double in [0, 1). */
  nextDouble(): number {
    this.nextUint64();
    return (this.hi * 2097152 + (this.lo >>> 11)) * TWO_POW_MINUS_53;
  }

  /** The last nextUint64() as a bigint (tests and debugging only). */
  lastUint64(): bigint {
    return ((BigInt(this.hi) << 32n) | BigInt(this.lo)) & MASK64;
  }
}

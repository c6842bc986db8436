// NumPy's SeedSequence (numpy/random/bit_generator.pyx, `SeedSequence`), for an integer seed with
// no spawn key: the seed becomes little-endian uint32 words, `mix_entropy` hashes them into a
// 4-word pool, and `generate_state` expands the pool into as many words as a bit generator needs.
// Algorithm: Melissa O'Neill's seed_seq design ("Developing a seed_seq Alternative", 2015), as
// NumPy implements it. Bit for bit: `SeedSequence(42).pool` is [1662858758, 128880814,
// 1875164712, 753753205] (asserted in test/rng/seed-sequence.test.ts).
//
// Not here: spawn keys, entropy from the OS (a reproducibility tool never wants it), dtype
// handling beyond uint32/uint64 words. All arithmetic is uint32 (Math.imul + `>>> 0`).

const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;
/** NumPy's DEFAULT_POOL_SIZE. */
export const POOL_SIZE = 4;

/** A seed as the user may give it: a non-negative integer (number or bigint). */
export type Seed = number | bigint;

/**
 * The seed as NumPy's `_int_to_uint32_array` splits it: little-endian 32-bit words, [0] for 0.
 * Throws RangeError for negative, non-integer, non-finite or unsafe-integer numbers (pass a
 * bigint for seeds above 2**53 - 1, so no precision is silently lost).
 */
export function seedToWords(seed: Seed): Uint32Array {
  let n: bigint;
  if (typeof seed === "bigint") {
    n = seed;
  } else if (typeof seed === "number") {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(
        `seed must be a non-negative integer (got ${String(seed)}); use a bigint for seeds above 2**53 - 1`,
      );
    }
    n = BigInt(seed);
  } else {
    throw new RangeError(`seed must be a number or bigint (got ${typeof seed})`);
  }
  if (n < 0n) throw new RangeError(`seed must be non-negative (got ${n.toString()})`);
  if (n === 0n) return Uint32Array.of(0);
  const words: number[] = [];
  while (n > 0n) {
    words.push(Number(n & 0xffffffffn));
    n >>= 32n;
  }
  return Uint32Array.from(words);
}

/** `hashmix`: one step of the entropy hash; `h` is the running hash constant (mutated). */
function hashmix(value: number, h: { c: number }): number {
  value = (value ^ h.c) >>> 0;
  h.c = Math.imul(h.c, MULT_A) >>> 0;
  value = Math.imul(value, h.c) >>> 0;
  return (value ^ (value >>> XSHIFT)) >>> 0;
}

/** `mix`: combines two hashed words. */
function mix(x: number, y: number): number {
  const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
  return (r ^ (r >>> XSHIFT)) >>> 0;
}

/** `mix_entropy`: hashes the entropy words into a pool of POOL_SIZE words. */
export function mixEntropy(entropy: Uint32Array): Uint32Array {
  const pool = new Uint32Array(POOL_SIZE);
  const h = { c: INIT_A };
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < entropy.length ? entropy[i]! : 0, h);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst]!, hashmix(pool[src]!, h));
    }
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst]!, hashmix(entropy[src]!, h));
  }
  return pool;
}

/** NumPy's `SeedSequence(seed)` for an integer seed. */
export class SeedSequence {
  readonly pool: Uint32Array;

  constructor(seed: Seed) {
    this.pool = mixEntropy(seedToWords(seed));
  }

  /** `generate_state(nWords, np.uint32)`. */
  generateState32(nWords: number): Uint32Array {
    const out = new Uint32Array(nWords);
    let h = INIT_B;
    for (let i = 0; i < nWords; i++) {
      let v = (this.pool[i % POOL_SIZE]! ^ h) >>> 0;
      h = Math.imul(h, MULT_B) >>> 0;
      v = Math.imul(v, h) >>> 0;
      out[i] = (v ^ (v >>> XSHIFT)) >>> 0;
    }
    return out;
  }

  /** `generate_state(nWords, np.uint64)`: pairs of uint32 words read little-endian. */
  generateState64(nWords: number): bigint[] {
    const w = this.generateState32(2 * nWords);
    const out: bigint[] = [];
    for (let i = 0; i < nWords; i++) out.push((BigInt(w[2 * i + 1]!) << 32n) | BigInt(w[2 * i]!));
    return out;
  }
}

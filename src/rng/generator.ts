// `Generator`: the training core's random source, bit for bit `numpy.random.default_rng(seed)`
// (SeedSequence -> PCG64 -> numpy.random.Generator, NumPy 2.x) for the draws the core uses:
// random, uniform, standard_normal, integers(dtype=int32) and permutation. Its state is NumPy's
// own `bit_generator.state` dict (128-bit numbers as decimal strings), so a state printed by NumPy
// loads here and continues the same stream, and vice versa.
// Known output: Generator.fromSeed(42).random() === 0.7739560485559633, as NumPy prints it.
//
// Not here: other distributions, other bit generators, spawning, float32 draws.

import { ArtifactError } from "../errors.js";
import { sha256Canonical, sha256Hex } from "../io/hash.js";
import { boundedUint32, fillBoundedInt32, int32Range, intervalUint32 } from "./bounded.js";
import { standardNormal } from "./normal.js";
import { Pcg64 } from "./pcg64.js";
import type { RandomSource } from "./random-source.js";
import { SeedSequence, type Seed } from "./seed-sequence.js";
import type { Pcg64State } from "./state.js";

const MAX_U128 = (1n << 128n) - 1n;

function parseU128(text: unknown, field: string): bigint {
  if (typeof text !== "string" || !/^[0-9]{1,39}$/.test(text)) {
    throw new ArtifactError(`RNG state field ${field} must be a decimal string of a 128-bit integer (got ${JSON.stringify(text)})`);
  }
  const v = BigInt(text);
  if (v > MAX_U128) throw new ArtifactError(`RNG state field ${field} exceeds 2**128 - 1`);
  return v;
}

/** Checks a NumPy-form PCG64 state and converts it to the bit generator's numeric form. */
function toRaw(s: Pcg64State): { state: bigint; inc: bigint; hasUint32: boolean; uinteger: number } {
  if (typeof s !== "object" || s === null || s.bit_generator !== "PCG64") {
    throw new ArtifactError(`RNG state must have bit_generator "PCG64" (got ${JSON.stringify((s as { bit_generator?: unknown } | null)?.bit_generator)})`);
  }
  if (typeof s.state !== "object" || s.state === null) throw new ArtifactError("RNG state is missing its state.state / state.inc block");
  if (s.has_uint32 !== 0 && s.has_uint32 !== 1) throw new ArtifactError(`RNG state has_uint32 must be 0 or 1 (got ${JSON.stringify(s.has_uint32)})`);
  const u = s.uinteger;
  if (typeof u !== "number" || !Number.isInteger(u) || u < 0 || u > 0xffffffff) {
    throw new ArtifactError(`RNG state uinteger must be an integer in [0, 2**32) (got ${JSON.stringify(u)})`);
  }
  return { state: parseU128(s.state.state, "state.state"), inc: parseU128(s.state.inc, "state.inc"), hasUint32: s.has_uint32 === 1, uinteger: u };
}

export class Generator implements RandomSource {
  private readonly bg: Pcg64;

  private constructor(bg: Pcg64) {
    this.bg = bg;
  }

  /** `numpy.random.default_rng(seed)`; seed is a non-negative integer (RangeError otherwise). */
  static fromSeed(seed: Seed): Generator {
    return new Generator(Pcg64.fromSeedWords(new SeedSequence(seed).generateState64(4)));
  }

  /** A generator continuing from a NumPy-form state (ArtifactError if the state is malformed). */
  static fromState(s: Pcg64State): Generator {
    return new Generator(Pcg64.fromRaw(toRaw(s)));
  }

  /** `rng.random()`. */
  random(): number {
    return this.bg.nextDouble();
  }

  fillRandom(out: Float64Array): void {
    const bg = this.bg;
    for (let i = 0; i < out.length; i++) out[i] = bg.nextDouble();
  }

  /** `rng.uniform(low, high)` = low + (high - low) * random() (`random_uniform`). */
  uniform(low: number, high: number): number {
    return low + checkedRange(low, high) * this.bg.nextDouble();
  }

  fillUniform(out: Float64Array, low: number, high: number): void {
    const range = checkedRange(low, high);
    const bg = this.bg;
    for (let i = 0; i < out.length; i++) out[i] = low + range * bg.nextDouble();
  }

  /** `rng.standard_normal()`. */
  standardNormal(): number {
    return standardNormal(this.bg);
  }

  fillStandardNormal(out: Float64Array): void {
    const bg = this.bg;
    for (let i = 0; i < out.length; i++) out[i] = standardNormal(bg);
  }

  /** `int(rng.integers(low, high, dtype=np.int32))`: one integer in [low, high). */
  integers32(low: number, high: number): number {
    return (low + boundedUint32(this.bg, int32Range(low, high))) | 0;
  }

  fillIntegers32(out: Int32Array, low: number, high: number): void {
    fillBoundedInt32(this.bg, out, low, high);
  }

  /**
   * `rng.permutation(n)`: arange(n) shuffled by `Generator.shuffle` (`_shuffle_raw`: for i from
   * n-1 down to 1, j = random_interval(i), swap). NumPy returns int64; the values are the same
   * (hash them with hashPermutationInt64). Unlike NumPy (which returns an empty array), a negative n is a RangeError.
   */
  permutation(n: number): Int32Array {
    if (!Number.isSafeInteger(n) || n < 0 || n > 0x7fffffff) {
      throw new RangeError(`permutation size must be an integer in [0, 2**31 - 1] (got ${n})`);
    }
    const a = new Int32Array(n);
    for (let i = 0; i < n; i++) a[i] = i;
    const bg = this.bg;
    for (let i = n - 1; i >= 1; i--) {
      const j = intervalUint32(bg, i);
      const tmp = a[j]!;
      a[j] = a[i]!;
      a[i] = tmp;
    }
    return a;
  }

  /** NumPy's `rng.bit_generator.state`, with 128-bit numbers as decimal strings. */
  getState(): Pcg64State {
    const r = this.bg.getRaw();
    return {
      bit_generator: "PCG64",
      state: { state: r.state.toString(), inc: r.inc.toString() },
      has_uint32: r.hasUint32 ? 1 : 0,
      uinteger: r.uinteger,
    };
  }

  /** `rng.bit_generator.state = s` (ArtifactError if the state is malformed). */
  setState(s: Pcg64State): void {
    this.bg.setRaw(toRaw(s));
  }
}

function checkedRange(low: number, high: number): number {
  const range = high - low;
  if (!Number.isFinite(range)) {
    throw new RangeError(`uniform bounds must be finite with a finite high - low (got low=${low}, high=${high})`);
  }
  return range;
}

/** SHA-256 of the RFC 8785 canonical JSON of an RNG state (DESIGN.md §4). */
export function hashRngState(state: Pcg64State): string {
  return sha256Canonical(state);
}

/** SHA-256 of a permutation as little-endian int64 bytes, = sha256(rng.permutation(n).tobytes()). */
export function hashPermutationInt64(perm: Int32Array): string {
  // Sign-extend each int32 into an int64 as (low word, high word) pairs: no BigInt needed.
  const wide = new Int32Array(2 * perm.length);
  for (let i = 0; i < perm.length; i++) {
    const v = perm[i]!;
    wide[2 * i] = v;
    wide[2 * i + 1] = v < 0 ? -1 : 0;
  }
  return sha256Hex(wide);
}

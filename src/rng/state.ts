// The serialised state of a PCG64 generator in NumPy's own form, so that a state printed by
// `numpy.random.default_rng(s).bit_generator.state` loads here and vice versa. 128-bit numbers
// are decimal strings because JSON numbers cannot hold them exactly.

export interface Pcg64State {
  bit_generator: "PCG64";
  state: { state: string; inc: string };
  has_uint32: 0 | 1;
  uinteger: number;
}

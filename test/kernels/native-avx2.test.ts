// The native kernel with AVX-512 disabled (AVX2 path, or baseline where the CPU lacks AVX2): see native-isa.ts.
import { describeNativeIsa } from "./native-isa.js";

describeNativeIsa("avx2", ["avx2", "baseline"]);

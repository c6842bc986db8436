// The native kernel on its baseline (SSE2 / non-x86) path: see native-isa.ts.
import { describeNativeIsa } from "./native-isa.js";

describeNativeIsa("baseline", ["baseline"]);

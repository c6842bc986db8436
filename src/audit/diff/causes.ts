// Likely causes: which recorded differences plausibly changed the numbers, as hints, most plausible
// first. A typed, ordered table (STYLE.md §8: threats as data — id, matcher, why, hint); the
// table's order is the ranking. Config and data changes come first (they are expected to change
// results), then the code (tool version, git commit), the JavaScript engine (Node/V8 major), the
// instruction set (architecture, SIMD/FMA flags), the kernel choice, dependencies, numerics-related
// environment variables, and last the cosmetic ones (time zone, locale) and memory size.
// Host identifiers are redacted hashes that only tell machines apart: they are never a cause.
// Hints are worded as hints: a difference that is listed can explain a divergence, not prove it.

import type { Report } from "../../report/schema.js";
import type { DiffSection, LikelyCause, SectionId } from "./model.js";

export interface CauseContext {
  a: Report;
  b: Report;
  sections: ReadonlyMap<SectionId, DiffSection>;
}

export interface CauseRule {
  id: string;
  plausibility: LikelyCause["plausibility"];
  title: string;
  /** Evidence lines when the rule applies; empty when it does not. */
  match: (c: CauseContext) => string[];
  why: string;
  hint: string;
}

const lines = (c: CauseContext, id: SectionId, keep: (key: string) => boolean = () => true): string[] =>
  (c.sections.get(id)?.differences ?? []).filter((d) => keep(d.key)).map((d) => `${d.key}: ${d.a ?? "unset"} → ${d.b ?? "unset"}`);

const major = (v: string) => v.split(".")[0] ?? v;

/** SIMD / FMA / precision-relevant CPU flags (x86 and Arm names as Linux reports them). */
const NUMERIC_FLAG = /^(avx|fma|f16c|sse|ssse3|amx|neon|asimd|sve|fphp|asimdhp|fp16|bf16|vnni)/i;

/** Variables that change numerics or threading of math libraries (vs. locale/time zone). */
const NUMERIC_VAR = /^(OMP_|KMP_|OPENBLAS_|MKL_|BLIS_|VECLIB_|NUMEXPR_|XLA_FLAGS$|TF_|CUDA_|CUBLAS_|NVIDIA_TF32_OVERRIDE$|PYTHONHASHSEED$|NODE_OPTIONS$|UV_THREADPOOL_SIZE$)/;
const COSMETIC_VAR = /^(TZ$|LANG$|LANGUAGE$|LC_)/;

export const CAUSE_RULES: readonly CauseRule[] = [
  {
    id: "config-change",
    plausibility: "high",
    title: "The experiment configuration differs",
    match: (c) => lines(c, "config"),
    why: "A different seed, size, learning rate or precision is expected to give different weights and metrics; this is not a reproducibility failure.",
    hint: "Compare runs of the same config to judge reproducibility; diff without --allow-config-change refuses mixed configs.",
  },
  {
    id: "data",
    plausibility: "high",
    title: "The training data differs",
    match: (c) => lines(c, "data", (k) => /sha256|\.passed$|\.ok$/i.test(k)),
    why: "Different input bytes change every gradient from the first step.",
    hint: "Pin the dataset with dataset_sha256 in the experiment config and use the same files on both machines.",
  },
  {
    id: "tool-version",
    plausibility: "high",
    title: "Different repro-audit versions",
    match: (c) => lines(c, "tool", (k) => k === "repro-audit version" || k === "tool.version"),
    why: "The training core (kernels, initialisation, update order) is part of the tool; another version may compute differently.",
    hint: "Install the same repro-audit version on both machines (package-lock.json pins it).",
  },
  {
    id: "project-code",
    plausibility: "high",
    title: "The audited project's code differs",
    match: (c) => lines(c, "git"),
    why: "A different commit or uncommitted changes can change the training program itself.",
    hint: "Check out the same commit on both sides with a clean work tree (git status).",
  },
  {
    id: "runtime-major",
    plausibility: "high",
    title: "Different Node.js / V8 major version",
    match: (c) => {
      const a = c.a.environment.runtime;
      const b = c.b.environment.runtime;
      const out: string[] = [];
      if (major(a.node) !== major(b.node)) out.push(`node ${a.node} → ${b.node}`);
      if (major(a.v8) !== major(b.v8)) out.push(`v8 ${a.v8} → ${b.v8}`);
      return out;
    },
    why: "V8's Math.exp/log/pow (used by softmax and cross-entropy) and its JIT change between major versions; a last-bit change in one exp compounds through training.",
    hint: "Run both sides on the same Node.js major version (see the tool's engines.node).",
  },
  {
    id: "architecture",
    plausibility: "high",
    title: "Different CPU architecture or platform",
    match: (c) => [...lines(c, "runtime", (k) => k === "runtime.arch" || k === "runtime.platform"), ...lines(c, "os", (k) => k === "os.arch")],
    why: "Another instruction set means other code paths in V8, native kernels and math libraries, with their own rounding.",
    hint: "Compare machines of the same architecture, or accept equivalence within a tolerance instead of bit-identity.",
  },
  {
    id: "kernel-threads",
    plausibility: "medium",
    title: "Different compute kernel, thread count or precision mode",
    match: (c) => lines(c, "run", (k) => /^run\.(kernel|threads|runner)$|^run\.precision\./.test(k)),
    why: "The kernels are built to agree bit for bit and never split a reduction across threads, but a different kernel or precision path is the first place to look when they do not.",
    hint: "Re-run with the same --kernel and --threads on both machines to rule this out.",
  },
  {
    id: "cpu-flags",
    plausibility: "medium",
    title: "SIMD / FMA instruction-set flags present on one side only",
    match: (c) => {
      const fa = c.a.environment.cpu.flags;
      const fb = c.b.environment.cpu.flags;
      const onlyA = fa.filter((f) => !fb.includes(f) && NUMERIC_FLAG.test(f));
      const onlyB = fb.filter((f) => !fa.includes(f) && NUMERIC_FLAG.test(f));
      return [...(onlyA.length > 0 ? [`only in A: ${onlyA.join(" ")}`] : []), ...(onlyB.length > 0 ? [`only in B: ${onlyB.join(" ")}`] : [])];
    },
    why: "Native code and math libraries pick code paths by these flags (e.g. AVX-512 vs AVX2 changes summation order; FMA rounds a·b+c once instead of twice).",
    hint: "Pin the code path (e.g. the reference kernel, or MKL_CBWR / OPENBLAS_CORETYPE for BLAS) or compare on the same CPU generation.",
  },
  {
    id: "cpu-model",
    plausibility: "medium",
    title: "Different CPU model",
    match: (c) => lines(c, "cpu", (k) => /^cpu\.(manufacturer|brand|family|model|stepping)$/.test(k)),
    why: "A different CPU may select other library code paths even with the same flags (vendor-specific dispatch in BLAS).",
    hint: "If results must match bit for bit, compare on identical hardware; otherwise judge equivalence within a tolerance.",
  },
  {
    id: "dependencies",
    plausibility: "medium",
    title: "Different dependency versions",
    match: (c) => [...lines(c, "dependencies"), ...lines(c, "external")],
    why: "Installed packages are part of the program; another version of a numerical or data-loading package can change results.",
    hint: "Install from the same package-lock.json with `npm ci` (and, for external programs, the same pip/conda lock) on both machines.",
  },
  {
    id: "numerics-variables",
    plausibility: "medium",
    title: "Numerics-related environment variables differ",
    match: (c) => lines(c, "variables", (k) => NUMERIC_VAR.test(k)),
    why: "Thread counts and determinism switches of OpenMP/BLAS/CUDA change reduction order in external training programs (NumPy, PyTorch); NODE_OPTIONS can pass V8 flags. The embedded core reads none of the BLAS/OpenMP ones.",
    hint: "Set these variables to the same values on both machines (e.g. OMP_NUM_THREADS=1, CUBLAS_WORKSPACE_CONFIG=:4096:8).",
  },
  {
    id: "runtime-minor",
    plausibility: "low",
    title: "Different Node.js / V8 minor or patch version",
    match: (c) => {
      const a = c.a.environment.runtime;
      const b = c.b.environment.runtime;
      if (major(a.node) !== major(b.node) || major(a.v8) !== major(b.v8)) return [];
      return lines(c, "runtime", (k) => k === "runtime.node" || k === "runtime.v8");
    },
    why: "Patch releases rarely change floating-point results, but a V8 update within a major version can change JIT decisions.",
    hint: "Use the same exact Node.js version (e.g. via .nvmrc or a container image) to rule it out.",
  },
  {
    id: "os",
    plausibility: "low",
    title: "Different operating system or kernel",
    match: (c) => lines(c, "os", (k) => k !== "os.arch"),
    why: "The system math library (libm) used by external programs comes with the OS; Node's own Math functions do not depend on it.",
    hint: "For external commands, compare in the same container image.",
  },
  {
    id: "locale-timezone",
    plausibility: "low",
    title: "Locale or time zone differs (cosmetic)",
    match: (c) => lines(c, "variables", (k) => COSMETIC_VAR.test(k)),
    why: "Time zone and locale change how dates and numbers are printed, not arithmetic; they matter only if the program parses or formats numbers locale-dependently.",
    hint: "Usually safe to ignore; set LANG=C.UTF-8 and TZ=UTC on both sides to rule it out.",
  },
  {
    id: "memory",
    plausibility: "low",
    title: "Different amount of memory",
    match: (c) => lines(c, "memory"),
    why: "Memory size matters only if a program adapts batch sizes or chunking to the memory it finds.",
    hint: "Unlikely to matter for the embedded core.",
  },
];

/** The rules that match, in table order, ranked 1, 2, …; host identifiers are never considered. */
export function likelyCauses(c: CauseContext): LikelyCause[] {
  const out: LikelyCause[] = [];
  for (const r of CAUSE_RULES) {
    const evidence = r.match(c);
    if (evidence.length === 0) continue;
    out.push({ rank: out.length + 1, id: r.id, plausibility: r.plausibility, title: r.title, evidence, why: r.why, hint: r.hint });
  }
  return out;
}

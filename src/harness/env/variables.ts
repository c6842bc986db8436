// Which environment variables a fingerprint records: an allow-list of those that change
// numerical results or thread scheduling (BLAS/OpenMP thread counts, locale, time zone, CUDA
// determinism switches, hash seeds). Every other variable is left out, so tokens and passwords
// can never reach a report (DESIGN.md §7). Cosmetic ones (NO_COLOR, TERM) are left out on purpose.

/** Exact names recorded when set. */
const EXACT = new Set([
  "NODE_OPTIONS",
  "TZ",
  "LANG",
  "LANGUAGE",
  "UV_THREADPOOL_SIZE",
  "CUDA_VISIBLE_DEVICES",
  "CUDA_LAUNCH_BLOCKING",
  "CUBLAS_WORKSPACE_CONFIG",
  "NVIDIA_TF32_OVERRIDE",
  "PYTHONHASHSEED",
  "XLA_FLAGS",
  "NUMEXPR_NUM_THREADS",
]);

/** Prefixes recorded when set: locale, OpenMP (GNU and Intel), BLAS libraries, TensorFlow. */
const PREFIXES = ["LC_", "OMP_", "KMP_", "OPENBLAS_", "MKL_", "BLIS_", "VECLIB_", "TF_"];

/**
 * Excluded even when a prefix matches: Terraform also uses TF_ (TF_VAR_* carries input values,
 * TF_TOKEN_* API tokens), and any name that looks like a credential is refused as a backstop.
 */
/** Names that look like a credential (also used to redact an experiment's `env` in reports). */
export const SECRET_NAME = /TOKEN|SECRET|PASSW|CREDENTIAL|API_?KEY|PRIVATE/i;
const DENY = [/^TF_VAR_/, /^TF_TOKEN_/, /^TF_CLI_/, SECRET_NAME];

export function isRecordedVariable(name: string): boolean {
  if (DENY.some((re) => re.test(name))) return false;
  return EXACT.has(name) || PREFIXES.some((p) => name.startsWith(p));
}

/** The allow-listed subset of `env`, keys sorted by UTF-16 code unit order (stable JSON). */
export function recordedVariables(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const names = Object.keys(env).filter((k) => env[k] !== undefined && isRecordedVariable(k));
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, string> = {};
  for (const k of names) out[k] = env[k] as string;
  return out;
}

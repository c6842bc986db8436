// The library's public names, listed explicitly (STYLE.md §12). Everything else is internal.

export { EXIT, ReproAuditError, UsageError, ConfigError, DataError, ArtifactError, ConstraintError, InternalError } from "./errors.js";
export { TOOL_NAME, TOOL_VERSION } from "./version.js";

// Random numbers, bit-identical to numpy.random.default_rng.
export { Generator, hashRngState, hashPermutationInt64 } from "./rng/generator.js";
export type { Pcg64State } from "./rng/state.js";
export type { RandomSource } from "./rng/random-source.js";

// The training core.
export * from "./nn/index.js";
export { syntheticV1 } from "./data/synthetic.js";

// Experiments.
export { loadExperiment, type ResolvedExperiment, type ValueSource } from "./config/load.js";
export { resolvedConfigSchema, experimentFileSchema, type ExperimentConfig, type ExperimentFile } from "./config/schema.js";
export { DEFAULTS, NAMED_EXPERIMENTS } from "./config/experiments.js";

// Data.
export { loadRealData, verifyRealData } from "./data/real.js";
export { realDataSpecFromConfig, type RealDataSpec } from "./data/spec.js";
export { dataRecordSchema, type DataRecord, type DataCheck } from "./data/record.js";
export { hashFiles, sha256File } from "./data/hash-files.js";

// Harness.
export { trainOnce, prepareTraining, loadCheckpoint, type TrainRecord, type TraceEntry } from "./harness/train-once.js";
export { executeRun, parseSeeds, type RunPlan, type RunOptions } from "./harness/run.js";
export { collectEnvironment, verifyEnvironment, environmentSchema, type Environment } from "./harness/fingerprint.js";

// Audit and report.
export { describe, welchDifference, tost, studentTQuantile, studentTCdf } from "./audit/statistics.js";
export { madOutliers } from "./audit/outliers.js";
export { computeVerdict, withinTolerance } from "./audit/verdict.js";
export { firstDivergence } from "./audit/divergence.js";
export { reportSchema, REPORT_SCHEMA, type Report, type RepeatRecord } from "./report/schema.js";
export { readReport, parseReport } from "./report/read.js";

// Files.
export { sha256Hex, canonicalJson, sha256Canonical } from "./io/hash.js";
export { encodeNpz, decodeNpz } from "./io/npz.js";
export { writeFileAtomic, writeJsonAtomic } from "./io/atomic.js";

// What the loader needs to know about a real dataset, and its mapping from the experiment config's
// snake_case keys (dataset_path, dataset_test_path, dataset_min_rows, dataset_auto_prepare,
// dataset_sha256, layer_sizes). Not here: the config schema itself (src/config/).

export interface RealDataSpec {
  /** IDX folder or CSV file; null = auto-prepare (Debian package, then the bundled subset). */
  datasetPath: string | null;
  /** Optional test-split CSV (IDX folders carry t10k-* files). */
  testPath?: string | null;
  autoPrepare: boolean;
  minRows: number;
  /** Expected SHA-256: of a file as stored or decompressed, or of the decoded x or y. */
  sha256: string | null;
  /** Expected features per row (the experiment's layer_sizes[0]). */
  features: number;
  /** Labels must lie in 0..classes-1 (the experiment's last layer size). */
  classes: number;
  /** Folder that relative paths are resolved against: the experiment file's folder, or the cwd. */
  baseDir: string;
}

/** The config keys this module reads (a structural subset of the resolved experiment config). */
export interface RealDataConfig {
  layer_sizes: number[];
  dataset_path: string | null;
  dataset_test_path?: string | null;
  dataset_min_rows: number;
  dataset_auto_prepare: boolean;
  dataset_sha256: string | null;
}

/** Maps a resolved experiment config to a RealDataSpec; relative paths resolve against `baseDir`
 *  (ResolvedExperiment.baseDir: the experiment file's folder, else the cwd). */
export function realDataSpecFromConfig(config: RealDataConfig, baseDir: string): RealDataSpec {
  const sizes = config.layer_sizes;
  return {
    datasetPath: config.dataset_path,
    testPath: config.dataset_test_path ?? null,
    autoPrepare: config.dataset_auto_prepare,
    minRows: config.dataset_min_rows,
    sha256: config.dataset_sha256 === null ? null : config.dataset_sha256.toLowerCase(),
    features: sizes[0] ?? 0,
    classes: sizes[sizes.length - 1] ?? 0,
    baseDir,
  };
}

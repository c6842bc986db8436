// Typed errors with stable codes and exit codes. Library code throws these; only the CLI entry
// (src/cli/main.ts) prints them and exits. Exit codes follow DESIGN.md §6:
// 0 success, 1 audit failed, 2 usage or input error, 3 internal error.

export const EXIT = { ok: 0, auditFailed: 1, input: 2, internal: 3 } as const;

/** Base of every error repro-audit raises on purpose; `code` is stable and documented. */
export class ReproAuditError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, exitCode: number = EXIT.input, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** A command line that cannot be carried out as written (unknown flag value, missing argument). */
export class UsageError extends ReproAuditError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("E_USAGE", message, EXIT.input, options);
  }
}

/** An experiment config that does not validate: names the file, the field and the fix. */
export class ConfigError extends ReproAuditError {
  readonly file: string | undefined;
  readonly field: string | undefined;
  constructor(message: string, details: { file?: string; field?: string; cause?: unknown } = {}) {
    super("E_CONFIG", message, EXIT.input, { cause: details.cause });
    this.file = details.file;
    this.field = details.field;
  }
}

/** A dataset that is missing, corrupt, or not what the experiment expects. */
export class DataError extends ReproAuditError {
  readonly file: string | undefined;
  constructor(message: string, details: { file?: string; cause?: unknown } = {}) {
    super("E_DATA", message, EXIT.input, { cause: details.cause });
    this.file = details.file;
  }
}

/** A report, checkpoint or other artifact that cannot be read or trusted. */
export class ArtifactError extends ReproAuditError {
  readonly file: string | undefined;
  constructor(message: string, details: { file?: string; cause?: unknown } = {}) {
    super("E_ARTIFACT", message, EXIT.input, { cause: details.cause });
    this.file = details.file;
  }
}

/** A hardware-constraint profile that the model does not fit into. */
export class ConstraintError extends ReproAuditError {
  constructor(message: string) {
    super("E_CONSTRAINT", message, EXIT.input);
  }
}

/** A bug in repro-audit itself: printed with its stack and a request to report it. */
export class InternalError extends ReproAuditError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("E_INTERNAL", message, EXIT.internal, options);
  }
}

/** Short human description of a Node system error code, for messages about files. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "it does not exist";
    case "EISDIR":
      return "it is a directory, not a file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

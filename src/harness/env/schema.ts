// The environment fingerprint's one schema (zod 4); the TypeScript type is inferred from it.
// It is the `environment` block of report.json (DESIGN.md §5). It says what is recorded, not
// how it is collected (probe.ts) or judged (verify.ts).

import { z } from "zod";

const text = z.string();
const nullableText = z.string().nullable();

export const lockedPackageSchema = z.object({
  name: text.describe("package name as installed (the lock entry's `name`, else its folder)"),
  path: text.describe("the lockfile key, e.g. node_modules/yargs"),
  locked: text.describe("version recorded in package-lock.json"),
  installed: nullableText.describe("version in node_modules/<name>/package.json; null when missing or unreadable"),
});

export const externalFingerprintSchema = z.object({
  command: z.array(text).describe("argv as run"),
  exitCode: z.number().int().nullable(),
  error: nullableText.describe("why it could not run or did not finish (not found, timeout, signal)"),
  stdout: text.describe("trimmed; cut to 64 KiB"),
  stdoutSha256: text.describe("SHA-256 of the full stdout as produced"),
  stderr: text.describe("trimmed; cut to 4 KiB (python2-era tools print versions on stderr)"),
});

export const environmentSchema = z.object({
  tool: z.object({
    name: text,
    version: text,
    enginesNode: nullableText.describe("`engines.node` range of the tool's package.json"),
  }),
  runtime: z.object({
    node: text.describe("process.versions.node, e.g. 20.19.0"),
    v8: text,
    uv: text,
    icu: nullableText,
    openssl: nullableText,
    platform: text,
    arch: text,
  }),
  os: z.object({
    platform: text,
    distro: text,
    release: text,
    kernel: text,
    arch: text,
  }),
  cpu: z.object({
    manufacturer: text,
    brand: text,
    family: text,
    model: text,
    stepping: text,
    cores: z.number().int().nonnegative().describe("logical processors"),
    physicalCores: z.number().int().nonnegative(),
    flags: z.array(text).describe("instruction-set flags, sorted; decide which SIMD paths math libraries take"),
    caches: z.object({
      l1d: z.number().nullable().describe("bytes"),
      l1i: z.number().nullable(),
      l2: z.number().nullable(),
      l3: z.number().nullable(),
    }),
  }),
  memory: z.object({ totalBytes: z.number().nonnegative() }),
  virtualization: z.object({
    virtual: z.boolean(),
    host: nullableText.describe("hypervisor or container host as systeminformation names it"),
  }),
  host: z
    .object({
      redacted: z.boolean(),
      hostname: nullableText,
      macs: z.array(text),
      machineId: nullableText,
      systemSerial: nullableText,
      systemUuid: nullableText,
      hardwareUuid: nullableText,
    })
    .describe("host identifiers; `redacted:sha256:<hex>` unless collected with --no-redact"),
  dependencies: z.object({
    lockfileSha256: nullableText.describe("SHA-256 of the tool's package-lock.json as stored; null when absent"),
    lockfileVersion: z.number().nullable(),
    problem: nullableText.describe("why the lock could not be checked, if it could not"),
    checked: z.number().int().nonnegative().describe("lock entries compared with node_modules"),
    skippedOptional: z.number().int().nonnegative().describe("optional entries not installed (other platforms)"),
    mismatches: z.array(lockedPackageSchema),
    missing: z.array(lockedPackageSchema),
  }),
  git: z
    .object({
      commit: nullableText.describe("HEAD commit; null in a repository without commits"),
      dirty: z.boolean().describe("tracked changes or untracked files present"),
    })
    .nullable()
    .describe("the audited project's git state; null when it is not a git work tree"),
  variables: z
    .record(z.string(), z.string())
    .describe("allow-listed environment variables that change numerics or scheduling, sorted by name"),
  warnings: z.array(text).describe("probes that did not answer; their fields hold placeholders"),
  external: z
    .array(externalFingerprintSchema)
    .optional()
    .describe("runner: command — output of the experiment's `fingerprint` commands (e.g. python3 --version, pip freeze)"),
});

export type Environment = z.infer<typeof environmentSchema>;
export type LockedPackage = z.infer<typeof lockedPackageSchema>;
export type ExternalFingerprint = z.infer<typeof externalFingerprintSchema>;
export type DependencyCheck = Environment["dependencies"];
export type GitState = NonNullable<Environment["git"]>;

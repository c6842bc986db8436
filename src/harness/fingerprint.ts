// The environment fingerprint of a run (DESIGN.md §5 `environment`): runtime, OS, CPU, memory,
// virtualisation, tool version, dependency lock check, git state of the audited project and the
// allow-listed environment variables, with host identifiers redacted by default. It collects
// facts through an injectable probe (env/probe.ts) and shapes them; it does not judge them
// (env/verify.ts) or print them (cli/commands/env.ts). The parts live in src/harness/env/.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InternalError } from "../errors.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import { checkLockedDependencies } from "./env/lockfile.js";
import { createSystemProbe, type EnvProbe } from "./env/probe.js";
import { hostIdentifier, macList } from "./env/redact.js";
import { environmentSchema, type Environment } from "./env/schema.js";
import { recordedVariables } from "./env/variables.js";

export { environmentSchema, type Environment, type GitState, type LockedPackage } from "./env/schema.js";
export { createSystemProbe, type EnvProbe, type ProcessFacts, type RawSystem } from "./env/probe.js";
export { verifyEnvironment, type EnvironmentCheck } from "./env/verify.js";
export { hashIdentifier, HOST_ID_SALT, REDACTED_PREFIX } from "./env/redact.js";

export interface CollectEnvironmentOptions {
  /** Hash host identifiers (hostname, MACs, serials, UUIDs, machine-id); the default in the CLI. */
  redact: boolean;
  /** The audited project's folder, for its git commit and dirty flag. */
  projectDir: string;
  /** Where facts come from; the real machine when omitted. */
  probe?: EnvProbe;
}

function enginesNode(toolRoot: string): string | null {
  try {
    const pkg = JSON.parse(readFileSync(join(toolRoot, "package.json"), "utf8")) as { engines?: { node?: unknown } };
    return typeof pkg.engines?.node === "string" ? pkg.engines.node : null;
  } catch {
    return null;
  }
}

function cacheBytes(v: number | null | undefined): number | null {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null;
}

/** Fingerprints the environment; the result validates against `environmentSchema`. */
export async function collectEnvironment(opts: CollectEnvironmentOptions): Promise<Environment> {
  const probe = opts.probe ?? createSystemProbe();
  const proc = probe.process();
  const [sys, git] = await Promise.all([probe.system(), probe.git(opts.projectDir)]);
  const v = proc.versions;
  const flags = [...new Set(sys.cpu.flags.split(/\s+/).filter((f) => f !== ""))].sort();
  const env: Environment = {
    tool: { name: TOOL_NAME, version: TOOL_VERSION, enginesNode: enginesNode(probe.toolRoot) },
    runtime: {
      node: v["node"] ?? "unknown",
      v8: v["v8"] ?? "unknown",
      uv: v["uv"] ?? "unknown",
      icu: v["icu"] ?? null,
      openssl: v["openssl"] ?? null,
      platform: proc.platform,
      arch: proc.arch,
    },
    os: { ...sys.os },
    cpu: {
      manufacturer: sys.cpu.manufacturer,
      brand: sys.cpu.brand,
      family: sys.cpu.family,
      model: sys.cpu.model,
      stepping: sys.cpu.stepping,
      cores: sys.cpu.cores,
      physicalCores: sys.cpu.physicalCores,
      flags,
      caches: {
        l1d: cacheBytes(sys.cpu.cache.l1d),
        l1i: cacheBytes(sys.cpu.cache.l1i),
        l2: cacheBytes(sys.cpu.cache.l2),
        l3: cacheBytes(sys.cpu.cache.l3),
      },
    },
    memory: { totalBytes: sys.memoryTotalBytes },
    virtualization: { virtual: sys.virtualization.virtual, host: sys.virtualization.host || null },
    host: {
      redacted: opts.redact,
      hostname: hostIdentifier(sys.hostIds.hostname, opts.redact),
      macs: macList(sys.hostIds.macs, opts.redact),
      machineId: hostIdentifier(sys.hostIds.machineId, opts.redact),
      systemSerial: hostIdentifier(sys.hostIds.systemSerial, opts.redact),
      systemUuid: hostIdentifier(sys.hostIds.systemUuid, opts.redact),
      hardwareUuid: hostIdentifier(sys.hostIds.hardwareUuid, opts.redact),
    },
    dependencies: checkLockedDependencies(probe.toolRoot),
    git,
    variables: recordedVariables(proc.env),
    warnings: [...sys.warnings],
  };
  const checked = environmentSchema.safeParse(env);
  if (!checked.success) {
    throw new InternalError(`environment fingerprint does not match its schema: ${checked.error.message}`);
  }
  return checked.data;
}

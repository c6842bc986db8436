// Where fingerprint facts come from, behind one injectable interface (STYLE.md §10): tests pass
// a fake probe with fixed answers; the real probe asks Node (process, os), systeminformation and
// git. The probe returns raw facts, identifiers unredacted; shaping and redaction happen in
// fingerprint.ts.
//
// Speed: only five systeminformation calls, all in parallel (cpu, osInfo, system, mem, uuid;
// cpu() already carries flags and caches, uuid() the MACs without si.networkInterfaces()'s
// default-route probing). Measured ~110 ms on a 2-core Linux VM. Each call has a time limit;
// a call that does not answer is replaced by placeholders and named in `warnings`.

import { hostname } from "node:os";
import si from "systeminformation";
import { PACKAGE_ROOT } from "../../version.js";
import { readGitState } from "./git.js";
import type { GitState } from "./schema.js";

export interface RawSystem {
  os: { platform: string; distro: string; release: string; kernel: string; arch: string };
  cpu: {
    manufacturer: string;
    brand: string;
    family: string;
    model: string;
    stepping: string;
    cores: number;
    physicalCores: number;
    /** Space-separated, as /proc/cpuinfo and systeminformation give them. */
    flags: string;
    cache: { l1d?: number | null; l1i?: number | null; l2?: number | null; l3?: number | null };
  };
  memoryTotalBytes: number;
  virtualization: { virtual: boolean; host: string | null };
  /** Raw host identifiers; fingerprint.ts hashes them unless redaction is off. */
  hostIds: {
    hostname: string;
    macs: string[];
    machineId: string;
    systemSerial: string;
    systemUuid: string;
    hardwareUuid: string;
  };
  /** Probes that failed or timed out. */
  warnings: string[];
}

export interface ProcessFacts {
  versions: Readonly<Record<string, string | undefined>>;
  platform: string;
  arch: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface EnvProbe {
  process(): ProcessFacts;
  system(): Promise<RawSystem>;
  git(dir: string): Promise<GitState | null>;
  /** Folder holding the tool's package.json, package-lock.json and node_modules. */
  toolRoot: string;
}

const PROBE_TIMEOUT_MS = 1500;

/** Resolves to `fallback` (and records a warning) if `work` fails or takes longer than `ms`. */
async function bounded<T>(name: string, work: () => Promise<T>, fallback: T, warnings: string[]): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), PROBE_TIMEOUT_MS);
  });
  try {
    const r = await Promise.race([work(), timeout]);
    if (r === "timeout") {
      warnings.push(`systeminformation.${name}() did not answer within ${PROBE_TIMEOUT_MS} ms`);
      return fallback;
    }
    return r;
  } catch (err) {
    warnings.push(`systeminformation.${name}() failed: ${err instanceof Error ? err.message : String(err)}`);
    return fallback;
  } finally {
    clearTimeout(timer);
  }
}

async function probeSystem(): Promise<RawSystem> {
  const w: string[] = [];
  const [cpu, os, system, mem, uuid] = await Promise.all([
    bounded("cpu", () => si.cpu(), null, w),
    bounded("osInfo", () => si.osInfo(), null, w),
    bounded("system", () => si.system(), null, w),
    bounded("mem", () => si.mem(), null, w),
    bounded("uuid", () => si.uuid(), null, w),
  ]);
  w.sort(); // completion order varies; the report must not
  return {
    os: {
      platform: os?.platform ?? process.platform,
      distro: os?.distro ?? "unknown",
      release: os?.release ?? "unknown",
      kernel: os?.kernel ?? "unknown",
      arch: os?.arch ?? process.arch,
    },
    cpu: {
      manufacturer: cpu?.manufacturer ?? "unknown",
      brand: cpu?.brand ?? "unknown",
      family: cpu?.family ?? "",
      model: cpu?.model ?? "",
      stepping: cpu?.stepping ?? "",
      cores: cpu?.cores ?? 0,
      physicalCores: cpu?.physicalCores ?? 0,
      flags: cpu?.flags ?? "",
      cache: cpu?.cache ?? {},
    },
    memoryTotalBytes: mem?.total ?? 0,
    virtualization: { virtual: system?.virtual ?? false, host: system?.virtualHost ?? null },
    hostIds: {
      hostname: hostname(),
      macs: uuid?.macs ?? [],
      machineId: uuid?.os ?? "",
      systemSerial: system?.serial ?? "",
      systemUuid: system?.uuid ?? "",
      hardwareUuid: uuid?.hardware ?? "",
    },
    warnings: w,
  };
}

/** The real probe: this process, this machine, git on PATH, the installed tool's folder. */
export function createSystemProbe(): EnvProbe {
  return {
    process: () => ({ versions: process.versions, platform: process.platform, arch: process.arch, env: process.env }),
    system: probeSystem,
    git: readGitState,
    toolRoot: PACKAGE_ROOT,
  };
}

// Environment sections of a diff: tool versions, then the fingerprint grouped as runtime, OS, CPU
// (model, flags), memory, dependencies (lockfile hash and per-package versions), environment
// variables, host identifiers and git state. One line per difference. Which of these plausibly
// changed the numbers is decided in causes.ts, not here.

import type { Report } from "../../report/schema.js";
import type { Environment, ExternalFingerprint, LockedPackage } from "../../harness/env/schema.js";
import { bytesText, compareFields } from "./fields.js";
import { difference, type DiffSection, type Difference } from "./model.js";

type Section = Omit<DiffSection, "note"> & { note?: string | null };
const section = (s: Section): DiffSection => ({ ...s, note: s.note ?? null });

/** CPU flags present on one side only: two lines at most (A-only, B-only). */
export function flagDifferences(a: readonly string[], b: readonly string[]): Difference[] {
  const sa = new Set(a);
  const sb = new Set(b);
  const onlyA = a.filter((f) => !sb.has(f));
  const onlyB = b.filter((f) => !sa.has(f));
  const out: Difference[] = [];
  if (onlyA.length > 0) out.push(difference("cpu.flags only in A", onlyA.join(" "), null, `${onlyA.length} flag(s) missing on B`));
  if (onlyB.length > 0) out.push(difference("cpu.flags only in B", null, onlyB.join(" "), `${onlyB.length} flag(s) missing on A`));
  return out;
}

function packageState(p: LockedPackage | undefined, kind: "mismatch" | "missing" | undefined): string {
  if (p === undefined) return "as locked";
  if (kind === "missing") return `missing (locked ${p.locked})`;
  return `${p.installed ?? "?"} (locked ${p.locked})`;
}

/** Per-package lines: packages whose installed state (mismatch, missing, as locked) differs. */
export function packageDifferences(a: Environment["dependencies"], b: Environment["dependencies"]): Difference[] {
  const index = (d: Environment["dependencies"]) => {
    const m = new Map<string, [LockedPackage, "mismatch" | "missing"]>();
    for (const p of d.mismatches) m.set(p.path, [p, "mismatch"]);
    for (const p of d.missing) m.set(p.path, [p, "missing"]);
    return m;
  };
  const ia = index(a);
  const ib = index(b);
  const paths = [...new Set([...ia.keys(), ...ib.keys()])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const out: Difference[] = [];
  for (const path of paths) {
    const [pa, ka] = ia.get(path) ?? [undefined, undefined];
    const [pb, kb] = ib.get(path) ?? [undefined, undefined];
    const sa = packageState(pa, ka);
    const sb = packageState(pb, kb);
    if (sa !== sb) out.push(difference(`package ${(pa ?? pb)!.name}`, sa, sb, path));
  }
  return out;
}

/** Fingerprint commands (runner: command) by argv: output that differs, or a command on one side only. */
export function externalDifferences(a: readonly ExternalFingerprint[], b: readonly ExternalFingerprint[]): Difference[] {
  const name = (x: ExternalFingerprint) => x.command.join(" ");
  const summary = (x: ExternalFingerprint | undefined) => {
    if (x === undefined) return null;
    if (x.error !== null) return `error: ${x.error}`;
    const first = x.stdout.split("\n")[0] ?? "";
    const lines = x.stdout === "" ? 0 : x.stdout.split("\n").length;
    return lines > 1 ? `${first} … (${lines} lines, stdout sha256 ${x.stdoutSha256})` : first || `(no output, exit ${x.exitCode})`;
  };
  const mb = new Map(b.map((x) => [name(x), x]));
  const ma = new Map(a.map((x) => [name(x), x]));
  const out: Difference[] = [];
  for (const x of a) {
    const o = mb.get(name(x));
    if (o === undefined || o.stdoutSha256 !== x.stdoutSha256 || o.exitCode !== x.exitCode || o.error !== x.error) out.push(difference(name(x), summary(x), summary(o), o === undefined ? "only in A" : null));
  }
  for (const x of b) if (!ma.has(name(x))) out.push(difference(name(x), null, summary(x), "only in B"));
  return out;
}

/** Environment variables (the fingerprint's allow-list), union of names in code-unit order. */
export function variableDifferences(a: Record<string, string>, b: Record<string, string>): Difference[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const out: Difference[] = [];
  for (const n of names) if (a[n] !== b[n]) out.push(difference(n, a[n] ?? null, b[n] ?? null));
  return out;
}

/** The tool and environment sections, in the order they are shown. */
export function environmentSections(ra: Report, rb: Report): DiffSection[] {
  const a = ra.environment;
  const b = rb.environment;
  const tool = [
    ...(ra.tool.version !== rb.tool.version ? [difference("repro-audit version", ra.tool.version, rb.tool.version)] : []),
    ...compareFields("tool", a.tool, b.tool, ["name", "version", "enginesNode"]).filter((d) => d.key !== "tool.version" || ra.tool.version === rb.tool.version),
  ];
  const memory = a.memory.totalBytes === b.memory.totalBytes ? [] : [difference("memory.totalBytes", bytesText(a.memory.totalBytes), bytesText(b.memory.totalBytes))];
  const hostKeys = ["redacted", "hostname", "macs", "machineId", "systemSerial", "systemUuid", "hardwareUuid"] as const;
  return [
    section({ id: "tool", group: "tool", title: "Tool versions", differences: tool }),
    section({ id: "runtime", group: "environment", title: "Runtime", differences: compareFields("runtime", a.runtime, b.runtime, ["node", "v8", "uv", "icu", "openssl", "platform", "arch"]) }),
    section({
      id: "os",
      group: "environment",
      title: "Operating system",
      differences: [
        ...compareFields("os", a.os, b.os, ["platform", "distro", "release", "kernel", "arch"]),
        ...compareFields("virtualization", a.virtualization, b.virtualization, ["virtual", "host"]),
      ],
    }),
    section({
      id: "cpu",
      group: "environment",
      title: "CPU",
      differences: [
        ...compareFields("cpu", a.cpu, b.cpu, ["manufacturer", "brand", "family", "model", "stepping", "cores", "physicalCores"]),
        ...compareFields("cpu.caches", a.cpu.caches, b.cpu.caches, ["l1d", "l1i", "l2", "l3"]),
        ...flagDifferences(a.cpu.flags, b.cpu.flags),
      ],
    }),
    section({ id: "memory", group: "environment", title: "Memory", differences: memory }),
    section({
      id: "dependencies",
      group: "environment",
      title: "Dependencies",
      differences: [
        ...compareFields("lockfile", a.dependencies, b.dependencies, ["lockfileSha256", "lockfileVersion", "problem"]),
        ...packageDifferences(a.dependencies, b.dependencies),
      ],
      note: "Per-package versions are recorded where installed differs from locked; equal lock hashes with no mismatches mean the same versions.",
    }),
    section({
      id: "external",
      group: "environment",
      title: "External fingerprints",
      differences: externalDifferences(a.external ?? [], b.external ?? []),
      note: "runner: command — output of the experiment's fingerprint commands (e.g. python3 --version, pip freeze).",
    }),
    section({
      id: "variables",
      group: "environment",
      title: "Environment variables",
      differences: variableDifferences(a.variables, b.variables),
      note: "Only the allow-listed variables a fingerprint records (numerics, threads, locale, time zone).",
    }),
    section({
      id: "host",
      group: "environment",
      title: "Host identifiers",
      differences: compareFields("host", a.host, b.host, hostKeys),
      note: "Redacted hashes unless run with --no-redact; they tell machines apart and are never a cause.",
    }),
    section({
      id: "git",
      group: "environment",
      title: "Project git state",
      differences: [
        ...((a.git === null) !== (b.git === null) ? [difference("git", a.git === null ? "not a git work tree" : "git work tree", b.git === null ? "not a git work tree" : "git work tree")] : []),
        ...(a.git !== null && b.git !== null ? compareFields("git", a.git, b.git, ["commit", "dirty"]) : []),
      ],
    }),
  ];
}

// `repro-audit env`: prints the environment fingerprint (grouped sections, or JSON) and, with
// --verify, checks it against the tool's engines range and dependency lock. Exit code 1 when a
// check fails (DESIGN.md §6). Collection and checks live in src/harness/fingerprint.ts; this
// file only parses flags and formats text.

import { formatBytes } from "../../io/format.js";
import type { Argv, CommandModule } from "yargs";
import {
  collectEnvironment,
  verifyEnvironment,
  type EnvProbe,
  type Environment,
  type EnvironmentCheck,
} from "../../harness/fingerprint.js";
import { EXIT } from "../../errors.js";
import { paint } from "../output.js";

export interface EnvArgs {
  json: boolean;
  verify: boolean;
  redact: boolean;
  project: string;
}

export interface EnvDeps {
  probe?: EnvProbe;
  write?: (text: string) => void;
}

function bytes(n: number | null): string {
  return n === null ? "?" : formatBytes(n);
}

function section(title: string, lines: string[]): string {
  return `${paint(title, "bold")}\n${lines.map((l) => `  ${l}`).join("\n")}\n`;
}

/** Readable, grouped text of a fingerprint (not a stable format: use --json for machines). */
export function formatEnvironment(env: Environment): string {
  const { runtime: r, os, cpu, host, dependencies: d, git } = env;
  const parts: string[] = [];
  parts.push(section("Tool", [`${env.tool.name} ${env.tool.version} (engines.node ${env.tool.enginesNode ?? "not set"})`]));
  parts.push(section("Runtime", [
    `node ${r.node} on ${r.platform}/${r.arch}`,
    `v8 ${r.v8} · uv ${r.uv} · icu ${r.icu ?? "-"} · openssl ${r.openssl ?? "-"}`,
  ]));
  parts.push(section("Operating system", [`${os.distro} ${os.release} (${os.platform}/${os.arch}), kernel ${os.kernel}`]));
  parts.push(section("CPU", [
    `${cpu.manufacturer} ${cpu.brand} — family ${cpu.family || "?"}, model ${cpu.model || "?"}, stepping ${cpu.stepping || "?"}`,
    `${cpu.cores} logical / ${cpu.physicalCores} physical cores`,
    `caches: L1d ${bytes(cpu.caches.l1d)}, L1i ${bytes(cpu.caches.l1i)}, L2 ${bytes(cpu.caches.l2)}, L3 ${bytes(cpu.caches.l3)}`,
    `${cpu.flags.length} flags: ${cpu.flags.join(" ")}`,
  ]));
  parts.push(section("Memory", [`${bytes(env.memory.totalBytes)} total`]));
  parts.push(section("Virtualisation", [env.virtualization.virtual ? `yes (${env.virtualization.host ?? "unknown host"})` : "no"]));
  parts.push(section(`Host identifiers (${host.redacted ? "redacted; --no-redact shows raw values" : "NOT redacted"})`, [
    `hostname: ${host.hostname ?? "-"}`,
    `MACs: ${host.macs.length === 0 ? "-" : host.macs.join(", ")}`,
    `machine-id: ${host.machineId ?? "-"}`,
    `system serial: ${host.systemSerial ?? "-"} · system UUID: ${host.systemUuid ?? "-"} · hardware UUID: ${host.hardwareUuid ?? "-"}`,
  ]));
  const depLines = d.lockfileSha256 === null || d.problem !== null
    ? [`not checked: ${d.problem ?? "no lockfile"}`]
    : [
        `package-lock.json sha256 ${d.lockfileSha256} (lockfileVersion ${d.lockfileVersion})`,
        `${d.checked} locked packages checked, ${d.skippedOptional} optional skipped; ` +
          `${d.mismatches.length} version mismatches, ${d.missing.length} missing`,
        ...d.mismatches.map((p) => `mismatch: ${p.path} locked ${p.locked}, installed ${p.installed ?? "?"}`),
        ...d.missing.map((p) => `missing: ${p.path} (locked ${p.locked})`),
      ];
  parts.push(section("Dependencies", depLines));
  parts.push(section("Project git state", [git === null ? "not a git work tree" : `commit ${git.commit ?? "(no commits yet)"}${git.dirty ? ", dirty (uncommitted or untracked changes)" : ", clean"}`]));
  const vars = Object.entries(env.variables);
  parts.push(section("Environment variables (allow-listed)", vars.length === 0 ? ["none set"] : vars.map(([k, v]) => `${k}=${v}`)));
  if (env.warnings.length > 0) parts.push(section("Warnings", env.warnings));
  return parts.join("\n");
}

export function formatChecks(checks: readonly EnvironmentCheck[]): string {
  return checks
    .map((c) => {
      const mark = c.passed ? paint("PASS", "green") : paint("FAIL", "red");
      const head = `${mark} ${c.check}: expected ${c.expected}; actual ${c.actual}`;
      return c.passed || c.hint === "" ? head : `${head}\n     hint: ${c.hint}`;
    })
    .join("\n") + "\n";
}

/** The command's work, with the probe and output injectable for tests; returns the exit code. */
export async function runEnv(args: EnvArgs, deps: EnvDeps = {}): Promise<number> {
  const write = deps.write ?? ((t: string) => void process.stdout.write(t));
  const env = await collectEnvironment({ redact: args.redact, projectDir: args.project, ...(deps.probe ? { probe: deps.probe } : {}) });
  const checks = args.verify ? verifyEnvironment(env) : [];
  const failed = checks.some((c) => !c.passed);
  if (args.json) {
    write(JSON.stringify(args.verify ? { environment: env, checks } : env, null, 2) + "\n");
  } else {
    write(formatEnvironment(env));
    if (args.verify) write(`\n${paint("Verification", "bold")}\n${formatChecks(checks)}`);
  }
  return failed ? EXIT.auditFailed : EXIT.ok;
}

export const envCommand: CommandModule<object, EnvArgs> = {
  command: "env",
  describe: "Fingerprint this machine and runtime (host identifiers hashed); --verify checks it against the lock",
  builder: (y: Argv<object>) =>
    y
      .option("json", { type: "boolean", default: false, describe: "print JSON (with --verify: {environment, checks})" })
      .option("verify", { type: "boolean", default: false, describe: "check Node against engines.node and node_modules against package-lock.json; exit 1 on a mismatch" })
      .option("redact", { type: "boolean", default: true, describe: "hash host identifiers; --no-redact records raw hostname, MACs, serials" })
      .option("project", { type: "string", default: ".", describe: "folder of the audited project, for its git commit and dirty flag" })
      .example("$0 env --verify", "print the fingerprint and check the installed dependencies")
      .example("$0 env --json > env.json", "save the fingerprint as JSON") as unknown as Argv<EnvArgs>,
  handler: async (argv) => {
    const code = await runEnv({ json: argv.json, verify: argv.verify, redact: argv.redact, project: argv.project });
    if (code !== EXIT.ok) process.exitCode = code;
  },
};

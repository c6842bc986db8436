// Environment fingerprint: a fake probe gives deterministic facts; a temp tool folder holds a
// fake package-lock.json + node_modules; a temp git repository gives the dirty flag. Oracles:
// digests from `sha256sum` (hard-coded below), git itself, node-semver's documented semantics.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import yargs from "yargs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envCommand, runEnv } from "../../src/cli/commands/env.js";
import { satisfiesNodeRange } from "../../src/harness/env/node-range.js";
import { readGitState } from "../../src/harness/env/git.js";
import {
  collectEnvironment,
  environmentSchema,
  hashIdentifier,
  verifyEnvironment,
  type EnvProbe,
  type RawSystem,
} from "../../src/harness/fingerprint.js";

const RAW_HOSTNAME = "host-zebra-4471";
const RAW_MAC = "02:42:AC:11:00:02";
const SECRET = "s3cr3t-token-value-9931";

// Exact bytes; digest from `printf '…' | sha256sum`.
const LOCK_TEXT = `{
  "name": "fake-tool",
  "lockfileVersion": 3,
  "packages": {
    "": { "name": "fake-tool", "version": "1.0.0" },
    "node_modules/x": { "version": "1.0.0" },
    "node_modules/y": { "version": "2.0.0" },
    "node_modules/z": { "version": "3.0.0" },
    "node_modules/opt": { "version": "1.0.0", "optional": true },
    "node_modules/y/node_modules/w": { "version": "0.1.0" },
    "node_modules/alias": { "name": "real-name", "version": "4.0.0" }
  }
}
`;
const LOCK_SHA256 = "e409ec5e6dac3aebeb8e75623dd71a3828e9291b48a57af7f61f57e9b6edfd59";

let root: string;
let toolRoot: string;

function writeJson(path: string, value: unknown): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, JSON.stringify(value));
}

function system(): RawSystem {
  return {
    os: { platform: "linux", distro: "Debian GNU/Linux", release: "12", kernel: "6.1.0-test", arch: "x64" },
    cpu: {
      manufacturer: "AMD", brand: "EPYC 7B13", family: "25", model: "1", stepping: "0", cores: 4, physicalCores: 2,
      flags: "sse2 avx2 fma  avx avx2 sse",
      cache: { l1d: 32768, l1i: 32768, l2: 524288, l3: 0 },
    },
    memoryTotalBytes: 8 * 1024 ** 3,
    virtualization: { virtual: true, host: "KVM" },
    hostIds: { hostname: RAW_HOSTNAME, macs: [RAW_MAC, "00:00:00:00:00:00"], machineId: "0123456789abcdef", systemSerial: "-", systemUuid: "", hardwareUuid: "HW-UUID-1" },
    warnings: [],
  };
}

function fakeProbe(over: { node?: string; git?: EnvProbe["git"] } = {}): EnvProbe {
  return {
    process: () => ({
      versions: { node: over.node ?? "20.19.1", v8: "11.3.244.8", uv: "1.46.0", icu: "74.1", openssl: "3.0.13" },
      platform: "linux",
      arch: "x64",
      env: {
        SECRET_TOKEN: SECRET, AWS_SECRET_ACCESS_KEY: SECRET, TF_VAR_password: SECRET, MKL_API_KEY: SECRET,
        PATH: "/usr/bin", HOME: "/home/alice", NO_COLOR: "1",
        TZ: "UTC", OMP_NUM_THREADS: "1", LC_ALL: "C", TF_DETERMINISTIC_OPS: "1", CUBLAS_WORKSPACE_CONFIG: ":4096:8",
      },
    }),
    system: () => Promise.resolve(system()),
    git: over.git ?? (() => Promise.resolve({ commit: "a".repeat(40), dirty: false })),
    toolRoot,
  };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "repro-audit-env-"));
  toolRoot = join(root, "tool");
  mkdirSync(toolRoot, { recursive: true });
  writeJson(join(toolRoot, "package.json"), { name: "fake-tool", version: "1.0.0", engines: { node: ">=20.19.0" } });
  writeFileSync(join(toolRoot, "package-lock.json"), LOCK_TEXT);
  writeJson(join(toolRoot, "node_modules/x/package.json"), { name: "x", version: "1.0.1" }); // mismatch
  writeJson(join(toolRoot, "node_modules/y/package.json"), { name: "y", version: "2.0.0" });
  writeJson(join(toolRoot, "node_modules/y/node_modules/w/package.json"), { name: "w", version: "0.1.0" });
  writeJson(join(toolRoot, "node_modules/alias/package.json"), { name: "real-name", version: "4.0.0" });
  // node_modules/z missing (required), node_modules/opt missing (optional: skipped)
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("collectEnvironment with a fake probe", () => {
  it("is deterministic and validates against environmentSchema", async () => {
    const a = await collectEnvironment({ redact: true, projectDir: root, probe: fakeProbe() });
    const b = await collectEnvironment({ redact: true, projectDir: root, probe: fakeProbe() });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(environmentSchema.parse(JSON.parse(JSON.stringify(a)))).toEqual(a);
    expect(a.runtime).toEqual({ node: "20.19.1", v8: "11.3.244.8", uv: "1.46.0", icu: "74.1", openssl: "3.0.13", platform: "linux", arch: "x64" });
    expect(a.os.platform).toBe("linux");
    expect(a.cpu.brand).toBe("EPYC 7B13");
    expect(a.cpu.flags).toEqual(["avx", "avx2", "fma", "sse", "sse2"]); // sorted, deduplicated
    expect(a.cpu.caches).toEqual({ l1d: 32768, l1i: 32768, l2: 524288, l3: null });
    expect(a.tool.enginesNode).toBe(">=20.19.0");
    expect(a.git).toEqual({ commit: "a".repeat(40), dirty: false });
  });

  it("hashes host identifiers with the documented salt and never leaks them", async () => {
    const env = await collectEnvironment({ redact: true, projectDir: root, probe: fakeProbe() });
    const json = JSON.stringify(env);
    expect(json).not.toContain(RAW_HOSTNAME);
    expect(json.toLowerCase()).not.toContain(RAW_MAC.toLowerCase());
    expect(json).not.toContain("0123456789abcdef");
    expect(json).not.toContain("HW-UUID-1");
    // printf 'repro-audit/host-id/v1:host-zebra-4471' | sha256sum
    expect(env.host.hostname).toBe("redacted:sha256:8b594a3a78395e32b0ec1c92402207d50afcdf910a0685f7e81aa41b32cb9ad5");
    expect(hashIdentifier(RAW_HOSTNAME)).toBe(env.host.hostname);
    // MACs are lowercased before hashing; the all-zero MAC is dropped.
    expect(env.host.macs).toEqual(["redacted:sha256:4e2f2860afa2a6a157bc2f706e33e191c45e221b3462bc4a7ecd26ccbfdf9ffe"]);
    expect(env.host.systemSerial).toBeNull(); // "-" placeholder
    expect(env.host.systemUuid).toBeNull();
    expect(env.host.redacted).toBe(true);
  });

  it("records raw identifiers with redact: false", async () => {
    const env = await collectEnvironment({ redact: false, projectDir: root, probe: fakeProbe() });
    expect(env.host).toMatchObject({ redacted: false, hostname: RAW_HOSTNAME, macs: ["02:42:ac:11:00:02"], hardwareUuid: "HW-UUID-1" });
  });

  it("records only allow-listed variables, sorted; secrets never appear", async () => {
    const env = await collectEnvironment({ redact: true, projectDir: root, probe: fakeProbe() });
    expect(env.variables).toEqual({ CUBLAS_WORKSPACE_CONFIG: ":4096:8", LC_ALL: "C", OMP_NUM_THREADS: "1", TF_DETERMINISTIC_OPS: "1", TZ: "UTC" });
    expect(Object.keys(env.variables)).toEqual(["CUBLAS_WORKSPACE_CONFIG", "LC_ALL", "OMP_NUM_THREADS", "TF_DETERMINISTIC_OPS", "TZ"]);
    const json = JSON.stringify(env);
    for (const s of [SECRET, "SECRET_TOKEN", "TF_VAR_password", "MKL_API_KEY", "/home/alice", "NO_COLOR"]) expect(json).not.toContain(s);
  });

  it("hashes the lockfile as stored and finds the mismatch and the missing package", async () => {
    const env = await collectEnvironment({ redact: true, projectDir: root, probe: fakeProbe() });
    const d = env.dependencies;
    expect(d.lockfileSha256).toBe(LOCK_SHA256);
    expect(d.lockfileVersion).toBe(3);
    expect(d.problem).toBeNull();
    expect(d.checked).toBe(5); // x, y, z, w, alias
    expect(d.skippedOptional).toBe(1);
    expect(d.mismatches).toEqual([{ name: "x", path: "node_modules/x", locked: "1.0.0", installed: "1.0.1" }]);
    expect(d.missing).toEqual([{ name: "z", path: "node_modules/z", locked: "3.0.0", installed: null }]);
  });

  it("verifyEnvironment lists each failed check and passes a matching tree", async () => {
    const env = await collectEnvironment({ redact: true, projectDir: root, probe: fakeProbe({ node: "20.18.3" }) });
    const checks = verifyEnvironment(env);
    expect(checks.map((c) => [c.check, c.passed])).toEqual([
      ["node-version", false],
      ["lockfile", true],
      ["dependency:node_modules/z", false],
      ["dependency:node_modules/x", false],
    ]);
    expect(checks[3]).toMatchObject({ expected: "x@1.0.0", actual: "x@1.0.1" });
    expect(checks[0]?.hint).toContain(">=20.19.0");
    const fixed = { ...env, runtime: { ...env.runtime, node: "22.1.0" }, dependencies: { ...env.dependencies, mismatches: [], missing: [] } };
    expect(verifyEnvironment(fixed).every((c) => c.passed)).toBe(true);
    const noLock = { ...env, dependencies: { ...env.dependencies, lockfileSha256: null, problem: "no package-lock.json" } };
    expect(verifyEnvironment(noLock).find((c) => c.check === "lockfile")?.passed).toBe(false);
  });

  it("the real probe answers within 2 s, validates, and redacts this host's name", async () => {
    const t0 = performance.now();
    const env = await collectEnvironment({ redact: true, projectDir: root });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(2000);
    expect(env.runtime.node).toBe(process.versions.node);
    expect(env.host.hostname).toBe(hashIdentifier(hostname()));
    expect(env.git).toBeNull(); // a temp folder outside any repository
  });
});

describe("satisfiesNodeRange (node-semver semantics)", () => {
  const cases: [string, string, boolean | null][] = [
    ["20.19.0", ">=20.19.0", true], ["20.18.9", ">=20.19.0", false], ["v22.0.0", ">=20.19.0", true],
    ["20.19.5", "^20.19.0", true], ["21.0.0", "^20.19.0", false], ["0.2.9", "^0.2.3", true], ["0.3.0", "^0.2.3", false],
    ["20.19.9", "~20.19.0", true], ["20.20.0", "~20.19.0", false],
    ["20.1.0", ">=18 <21", true], ["21.0.0", ">=18 <21", false], ["20.0.0", ">= 20", true],
    ["19.9.0", "^18 || ^20", false], ["20.5.0", "^18 || ^20", true],
    ["20.9.9", "20", true], ["21.0.0", "20", false], ["20.5.0", ">20", false], ["21.0.0", ">20", true],
    ["20.9.0", "<=20", true], ["21.0.0", "<=20", false], ["20.1.2", "=20.1.2", true], ["20.1.3", "20.1.2", false],
    ["1.0.0", "*", true], ["1.0.0", "1.2 - 2.3", null], ["banana", ">=1", null],
  ];
  it.each(cases)("%s satisfies %s -> %s", (version, range, expected) => {
    expect(satisfiesNodeRange(version, range)).toBe(expected);
  });
});

let gitAvailable = true;
try {
  execFileSync("git", ["--version"], { stdio: "ignore" });
} catch {
  gitAvailable = false;
}

describe.skipIf(!gitAvailable)("readGitState on a temp repository (skipped: git not installed)", () => {
  it("null outside a repo, commit + clean after a commit, dirty on a change or an untracked file", async () => {
    const repo = join(root, "repo");
    mkdirSync(repo, { recursive: true });
    expect(await readGitState(repo)).toBeNull();
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], { encoding: "utf8" }).trim();
    git("init", "-q");
    writeFileSync(join(repo, "train.py"), "print(1)\n");
    expect(await readGitState(repo)).toEqual({ commit: null, dirty: true }); // no commits yet
    git("add", "train.py");
    git("commit", "-q", "-m", "first");
    const head = git("rev-parse", "HEAD");
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    expect(await readGitState(repo)).toEqual({ commit: head, dirty: false });
    writeFileSync(join(repo, "train.py"), "print(2)\n");
    expect(await readGitState(repo)).toEqual({ commit: head, dirty: true });
    git("checkout", "-q", "--", "train.py");
    writeFileSync(join(repo, "notes.txt"), "untracked\n");
    expect(await readGitState(repo)).toEqual({ commit: head, dirty: true });
    // Through collectEnvironment with the real git reader.
    const env = await collectEnvironment({ redact: true, projectDir: repo, probe: fakeProbe({ git: readGitState }) });
    expect(env.git).toEqual({ commit: head, dirty: true });
  });
});

describe("repro-audit env (command)", () => {
  function capture(): { write: (t: string) => void; text: () => string } {
    let out = "";
    return { write: (t) => void (out += t), text: () => out };
  }

  it("--json prints the schema-valid fingerprint without secrets or the raw hostname", async () => {
    const c = capture();
    const code = await runEnv({ json: true, verify: false, redact: true, project: root }, { probe: fakeProbe(), write: c.write });
    expect(code).toBe(0);
    const parsed = environmentSchema.parse(JSON.parse(c.text()));
    expect(parsed.runtime.node).toBe("20.19.1");
    expect(c.text()).not.toContain(RAW_HOSTNAME);
    expect(c.text()).not.toContain(SECRET);
  });

  it("--verify returns exit code 1 and lists each mismatch; --json --verify gives {environment, checks}", async () => {
    const c = capture();
    const code = await runEnv({ json: false, verify: true, redact: true, project: root }, { probe: fakeProbe(), write: c.write });
    expect(code).toBe(1);
    const text = c.text();
    for (const section of ["Runtime", "CPU", "Dependencies", "Environment variables", "Verification"]) expect(text).toContain(section);
    expect(text).toContain("FAIL dependency:node_modules/x: expected x@1.0.0; actual x@1.0.1");
    expect(text).toContain("FAIL dependency:node_modules/z: expected z@3.0.0; actual not installed");
    expect(text).toContain("PASS node-version");
    expect(text).not.toContain(RAW_HOSTNAME);
    const j = capture();
    await runEnv({ json: true, verify: true, redact: true, project: root }, { probe: fakeProbe(), write: j.write });
    const doc = JSON.parse(j.text()) as { environment: unknown; checks: { passed: boolean }[] };
    expect(environmentSchema.safeParse(doc.environment).success).toBe(true);
    expect(doc.checks.filter((x) => !x.passed)).toHaveLength(2);
  });

  it("--no-redact prints the raw hostname", async () => {
    const c = capture();
    await runEnv({ json: false, verify: false, redact: false, project: root }, { probe: fakeProbe(), write: c.write });
    expect(c.text()).toContain(`hostname: ${RAW_HOSTNAME}`);
  });

  it("--help shows the options and an example; --no-redact parses to redact=false", async () => {
    const parser = yargs().scriptName("repro-audit").command(envCommand).exitProcess(false).strict();
    const help = await new Promise<string>((resolve) => {
      void parser.parse(["env", "--help"], {}, (_err: unknown, _argv: unknown, output: string) => resolve(output));
    });
    for (const s of ["--json", "--verify", "--no-redact", "repro-audit env --verify"]) expect(help).toContain(s);
    const argv = await yargs()
      .command({ ...envCommand, handler: () => undefined })
      .exitProcess(false)
      .parseAsync(["env", "--no-redact", "--json"]);
    expect(argv["redact"]).toBe(false);
    expect(argv["json"]).toBe(true);
  });
});

// `repro-audit env --verify` on a real install: exit 0 as installed, exit 1 after a dependency is
// changed by hand. The changed install is a temporary copy of the tool whose node_modules links to
// the real packages except one, copied and edited, so the real checkout is never touched.

import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "../helpers/cli.js";
import { spawnSync } from "node:child_process";

describe("repro-audit env --verify", () => {
  it("passes on this install", () => {
    const r = runCli(["env", "--verify"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PASS dependencies/);
  });

  it("fails and names the package after a dependency is changed by hand", () => {
    const tool = tempDir("tool-copy-");
    for (const f of ["package.json", "package-lock.json"]) cpSync(join(ROOT, f), join(tool, f));
    cpSync(join(ROOT, "dist"), join(tool, "dist"), { recursive: true });
    mkdirSync(join(tool, "node_modules"));
    for (const name of readdirSync(join(ROOT, "node_modules"))) {
      if (name === "yaml") continue;
      symlinkSync(join(ROOT, "node_modules", name), join(tool, "node_modules", name));
    }
    cpSync(join(ROOT, "node_modules", "yaml"), join(tool, "node_modules", "yaml"), { recursive: true });
    const pkgPath = join(tool, "node_modules", "yaml", "package.json");
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
    const locked = pkg.version;
    pkg.version = "0.0.1-edited";
    writeFileSync(pkgPath, JSON.stringify(pkg));

    const r = spawnSync(process.execPath, [join(tool, "dist", "cli", "main.js"), "env", "--verify"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/FAIL/);
    expect(r.stdout).toContain("yaml");
    expect(r.stdout).toContain(locked);
    expect(r.stdout).toContain("0.0.1-edited");
  });
});

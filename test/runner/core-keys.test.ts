// A command experiment that sets keys only the built-in trainer reads gets a warning naming them:
// they are recorded in the config but never reach the external program.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";

describe("core-only keys on runner: command", () => {
  it("are named in a core-keys-ignored warning", () => {
    const dir = tempDir();
    const exp = join(dir, "cmd.json");
    writeFileSync(exp, JSON.stringify({ runner: "command", command: ["sh", "-c", `echo '{"loss": 0.25}' > "$REPRO_AUDIT_OUT_DIR/m.json"`], metrics: "m.json", epochs: 3, alpha: 0.5, seed: 7 }));
    const r = runCli(["run", "-e", exp, "--repeats", "2", "--quiet"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const id = readdirSync(join(dir, "reports"))[0]!;
    const report = JSON.parse(readFileSync(join(dir, "reports", id, "report.json"), "utf8"));
    const w = report.warnings.find((x: { id: string }) => x.id === "core-keys-ignored");
    expect(w?.message).toMatch(/^epochs, alpha are set/);
    expect(w.message).not.toContain("seed");
  });
});

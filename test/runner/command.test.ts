import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../../src/config/experiments.js";
import type { ExperimentConfig } from "../../src/config/schema.js";
import { fillPlaceholders, resolveCommand } from "../../src/runner/command.js";

const ctx = { seed: 0, repeat: 2, outDir: "/runs/r/repeat-2" };

describe("placeholders and the program's environment", () => {
  it("fills {seed} {repeat} {outDir} anywhere in a word; seed 0 is a seed", () => {
    expect(fillPlaceholders("--seed={seed}", ctx)).toBe("--seed=0");
    expect(fillPlaceholders("{outDir}/model-{repeat}.npy", ctx)).toBe("/runs/r/repeat-2/model-2.npy");
    expect(fillPlaceholders("{{seed}} {other} {}", ctx)).toBe("{seed} {other} {}");
  });

  it("resolves argv, cwd against the experiment folder, and adds REPRO_AUDIT_* and env", () => {
    const config: ExperimentConfig = { ...DEFAULTS, runner: "command", command: "python3 train.py --seed {seed} --out '{outDir}'", cwd: "sub", env: { RUN_TAG: "r{repeat}" } };
    const r = resolveCommand(config, "/exp", ctx, { PATH: "/bin", RUN_TAG: "parent" });
    expect(r.argv).toEqual(["python3", "train.py", "--seed", "0", "--out", "/runs/r/repeat-2"]);
    expect(r.cwd).toBe("/exp/sub");
    expect(r.env).toEqual({ PATH: "/bin", RUN_TAG: "r2", REPRO_AUDIT_SEED: "0", REPRO_AUDIT_REPEAT: "2", REPRO_AUDIT_OUT_DIR: "/runs/r/repeat-2" });
    expect(resolveCommand({ ...config, cwd: null }, "/exp", ctx, {}).cwd).toBe("/exp");
  });
});

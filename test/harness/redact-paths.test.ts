import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isSecretName, redactHomePaths } from "../../src/harness/redact-paths.js";
import { sha256Canonical } from "../../src/io/hash.js";
import { runCli, tempDir } from "../helpers/cli.js";

describe("home paths in reports", () => {
  it("replaces the home folder by ~ in strings and keys, and leaves other paths", () => {
    const v = { a: "/home/alice/data/x.gz", b: ["/home/alice", "/home/alicex/y", "/usr/share/z"], ["file:/home/alice/e.yaml"]: 1 };
    expect(redactHomePaths(v, "/home/alice/")).toEqual({ a: "~/data/x.gz", b: ["~", "/home/alicex/y", "/usr/share/z"], ["file:~/e.yaml"]: 1 });
  });

  it("keeps the user's home out of a real report, and its config hash consistent", () => {
    const home = tempDir("home-alice-");
    const project = join(home, "project");
    mkdirSync(project);
    writeFileSync(join(project, "exp.yaml"), "extends: baseline\nname: mine\n");
    const r = runCli(["run", "-e", "exp.yaml", "--repeats", "2", "--quiet"], { cwd: project, env: { HOME: home } });
    expect(r.code, r.stderr).toBe(0);
    const id = readdirSync(join(project, "reports"))[0]!;
    const text = readFileSync(join(project, "reports", id, "report.json"), "utf8");
    expect(text).not.toContain(home);
    expect(JSON.parse(text).experiment.file).toBe("~/project/exp.yaml");
    const checklist = JSON.parse(text).checklist as { id: string; status: string }[];
    expect(checklist.find((i) => i.id === "config.captured")?.status).toBe("pass");
    for (const f of ["report.md", "report.html"]) expect(readFileSync(join(project, "reports", id, f), "utf8")).not.toContain(home);
  });
});

describe("secrets in an experiment's env", () => {
  it("are hashed in report.json/md/html, while the program still gets the value", () => {
    const secret = "hf_SuperSecret_0123456789abcdef";
    const project = tempDir("redact-env-");
    writeFileSync(
      join(project, "exp.yaml"),
      [
        "runner: command",
        `command: ["sh", "-c", "printf %s \\"$HF_TOKEN\\" > \\"$REPRO_AUDIT_OUT_DIR/token.txt\\"; echo METRIC loss=0.5"]`,
        "metrics: stdout:METRIC",
        `env: {HF_TOKEN: "${secret}", DB_PASSWORD: "pw-${secret}", OMP_NUM_THREADS: "1"}`,
        "",
      ].join("\n"),
    );
    const r = runCli(["run", "-e", "exp.yaml", "--repeats", "1", "--quiet"], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    const id = readdirSync(join(project, "reports"))[0]!;
    for (const f of ["report.json", "report.md", "report.html"]) expect(readFileSync(join(project, "reports", id, f), "utf8")).not.toContain(secret);
    const report = JSON.parse(readFileSync(join(project, "reports", id, "report.json"), "utf8"));
    // Oracle: the documented scheme, "redacted:sha256:" + SHA-256("repro-audit/host-id/v1:" + value).
    const expected = (v: string) => `redacted:sha256:${createHash("sha256").update(`repro-audit/host-id/v1:${v}`).digest("hex")}`;
    expect(report.experiment.config.env).toEqual({ HF_TOKEN: expected(secret), DB_PASSWORD: expected(`pw-${secret}`), OMP_NUM_THREADS: "1" });
    expect(report.experiment.configSha256).toBe(sha256Canonical(report.experiment.config));
    expect(report.checklist.find((i: { id: string }) => i.id === "config.captured").status).toBe("pass");
    expect(readFileSync(join(project, "runs", id, "repeat-0", "token.txt"), "utf8")).toBe(secret);
  });

  it("knows which names look secret", () => {
    for (const n of ["HF_TOKEN", "AWS_SECRET_ACCESS_KEY", "DB_PASSWORD", "OPENAI_API_KEY", "GCP_CREDENTIALS", "SSH_PRIVATE", "WANDB_KEY", "BASIC_AUTH"]) expect(isSecretName(n), n).toBe(true);
    for (const n of ["OMP_NUM_THREADS", "CUDA_VISIBLE_DEVICES", "PYTHONHASHSEED", "DATA_DIR"]) expect(isSecretName(n), n).toBe(false);
  });
});

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { redactHomePaths } from "../../src/harness/redact-paths.js";
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

// The evaluators on real reports: a command run's precision is n/a unless the run states one (the
// config's default precision is not evidence about an external program); a core run's is still
// evidence. Logs recorded in repeats[].logs satisfy the training-logs item.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluators, type AuditedReport } from "../../src/checklist/evaluators.js";
import { runCli, tempDir } from "../helpers/cli.js";

function report(args: string[]): AuditedReport {
  const t = tempDir("checklist-eval-");
  const r = runCli(["run", "--out-dir", join(t, "runs"), "--reports-dir", join(t, "reports"), "--quiet", ...args]);
  expect(r.code, r.stderr).toBe(0);
  const reports = join(t, "reports");
  expect(existsSync(reports)).toBe(true);
  return JSON.parse(readFileSync(join(reports, readdirSync(reports)[0]!, "report.json"), "utf8")) as AuditedReport;
}

describe("config.precision-explicit", () => {
  const command = report(["--cmd", "sh -c 'echo METRIC loss=0.5'", "--metrics", "stdout:METRIC", "--repeats", "1"]);

  it("is n/a for an external program whose precision repro-audit cannot see", () => {
    const res = evaluators["config.precision-explicit"](command);
    expect(res.status).toBe("n/a");
    expect(res.evidence).toHaveLength(1);
    expect(res.evidence[0]).toMatchObject({ label: "reason", where: "run.precision" });
  });

  it("passes for a command run that states its precision", () => {
    const stated = { ...command, run: { ...command.run, precision: { trainDtype: "float16", inferencePrecision: "float16", description: "stated by the program" } } };
    const res = evaluators["config.precision-explicit"](stated);
    expect(res.status).toBe("pass");
    expect(res.evidence.find((e) => e.where === "run.precision")?.value).toBe("float16 / float16");
  });

  it("training logs: pass from repeats[].logs, n/a for a report without any", () => {
    expect(evaluators["artifacts.training-logs"](command).status).toBe("pass");
    const without = { ...command, repeats: command.repeats.map(({ logs: _logs, ...x }) => x) };
    expect(evaluators["artifacts.training-logs"](without)).toMatchObject({ status: "n/a", evidence: [{ value: "no training log was recorded for this run" }] });
  });

  it("still passes on the core runner with the configured precision as evidence", () => {
    const core = report(["--repeats", "1", "--epochs", "1"]);
    const res = evaluators["config.precision-explicit"](core);
    expect(res.status).toBe("pass");
    expect(res.evidence[0]).toMatchObject({ label: "precision", value: "float32" });
  });
});

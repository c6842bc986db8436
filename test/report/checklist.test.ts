// The checklist as data: the default file holds the issue's items (oracle: the item texts listed
// in the issue), each automatic item's evaluator reads the report and gives evidence with where
// it is; broken reports make the right items fail; unknown evaluator ids are errors naming them.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateChecklist } from "../../src/checklist/evaluate.js";
import { EVALUATOR_IDS, evaluators } from "../../src/checklist/evaluators.js";
import { loadChecklist, parseChecklist } from "../../src/checklist/load.js";
import { effectiveChecklist, overallStatus } from "../../src/checklist/status.js";
import { ConfigError } from "../../src/errors.js";
import { tempDir } from "../helpers/cli.js";
import { clone, fixture } from "./helpers.js";

const ISSUE_ITEMS = [
  "Runtime version recorded",
  "Dependencies come from the lockfile (installed = locked)",
  "`repro-audit env --verify` passes",
  "CPU model, memory size and OS recorded",
  "Dataset source and version recorded",
  "Dataset SHA-256 archived",
  "Shape checks pass (784 features, minimum rows)",
  "Label range checks pass (0..9)",
  "Global seed fixed",
  "Experiment configuration captured (name or JSON)",
  "Precision mode explicit",
  "Statistical repeat count fixed and logged",
  "Training logs saved",
  "Model checkpoints saved",
  "Benchmark outputs saved",
  "Hardware and scaling outputs saved",
  "Profiling reports saved",
  "Means and confidence intervals reported for repeated runs",
  "Hardware assumptions documented alongside results",
  "Skipped optional dependency paths explicitly marked",
  "Any failed run includes a root-cause note and rerun status",
];

const byId = <T extends { id: string }>(items: T[], id: string): T => items.find((i) => i.id === id)!;

describe("the default checklist", () => {
  const checklist = loadChecklist();
  const items = checklist.sections.flatMap((s) => s.items);

  it("holds exactly the issue's items, in order, in five sections", () => {
    expect(items.map((i) => i.text)).toEqual(ISSUE_ITEMS);
    expect(checklist.sections.map((s) => s.title)).toEqual(["Environment", "Data", "Randomness and configuration", "Artifacts", "Statistics and reporting"]);
  });

  it("has one manual item (hardware assumptions) and an evaluator for every other", () => {
    expect(items.filter((i) => i.manual === true).map((i) => i.id)).toEqual(["reporting.hardware-assumptions"]);
    for (const i of items) if (i.manual !== true) expect(EVALUATOR_IDS).toContain(i.evaluator);
    expect(Object.keys(evaluators).sort()).toEqual([...EVALUATOR_IDS].sort());
  });

  it("evaluates a real 3-repeat run: every item has a status, evidence with a report path, the manual one pending", () => {
    const results = evaluateChecklist(fixture("identical"), checklist);
    expect(results).toHaveLength(ISSUE_ITEMS.length);
    for (const r of results) {
      if (r.manual) expect(r.status).toBe("pending");
      else {
        expect(["pass", "n/a"]).toContain(r.status);
        expect(r.evidence.length).toBeGreaterThan(0);
        for (const e of r.evidence) expect(e.where).toMatch(/^(environment|data|experiment|run|repeats|statistics)/);
      }
    }
    expect(byId(results, "artifacts.benchmarks")).toMatchObject({ status: "n/a" });
    expect(byId(results, "reporting.failed-runs").status).toBe("n/a");
    expect(byId(results, "artifacts.logs").status).toBe("pass");
    expect(byId(results, "env.runtime").evidence[0]).toEqual({ label: "node", value: fixture("identical").environment.runtime.node, where: "environment.runtime.node" });
  });
});

describe("evaluators fail on broken evidence", () => {
  const checklist = loadChecklist();
  it("a dependency that drifted from the lock fails the lock and verify items", () => {
    const r = clone(fixture("identical"));
    r.environment.dependencies.mismatches.push({ name: "zod", path: "node_modules/zod", locked: "4.0.0", installed: "4.0.1" });
    const res = evaluateChecklist(r, checklist);
    expect(byId(res, "env.locked-dependencies").status).toBe("fail");
    expect(byId(res, "env.verify").status).toBe("fail");
    expect(byId(res, "env.runtime").status).toBe("pass");
  });
  it("an edited config no longer matches its hash", () => {
    const r = clone(fixture("identical"));
    r.experiment.config.alpha = 0.2;
    expect(byId(evaluateChecklist(r, checklist), "config.captured").status).toBe("fail");
  });
  it("a failed repeat needs a root cause; a missing checkpoint fails", () => {
    const r = clone(fixture("identical"));
    r.repeats[1]!.status = "failed";
    r.repeats[1]!.error = { message: "boom", rootCause: "" };
    r.repeats[0]!.artifacts = r.repeats[0]!.artifacts.filter((a) => !a.path.startsWith("checkpoints/"));
    const res = evaluateChecklist(r, checklist);
    expect(byId(res, "reporting.failed-runs").status).toBe("fail");
    expect(byId(res, "artifacts.checkpoints").status).toBe("fail");
    r.repeats[1]!.error = { message: "boom", rootCause: "Error: boom at train.ts:1" };
    expect(byId(evaluateChecklist(r, checklist), "reporting.failed-runs").status).toBe("pass");
  });
  it("one repeat: means and CIs are n/a, not pass", () => {
    const r = clone(fixture("identical"));
    for (const s of Object.values(r.statistics)) s.n = 1;
    expect(byId(evaluateChecklist(r, checklist), "stats.mean-ci").status).toBe("n/a");
  });
});

describe("status derivation", () => {
  it("is awaiting sign-off while the manual item is pending, reproducible after a pass, failed after a fail", () => {
    const r = clone(fixture("identical"));
    expect(overallStatus(r).label).toBe("awaiting sign-off");
    const so = { by: "A", role: null, at: "2026-01-01T00:00:00.000Z", reportDigest: "0".repeat(64), publicKey: null, signature: null };
    r.signoffs = [{ ...so, items: [{ id: "reporting.hardware-assumptions", status: "pass", note: null }] }];
    expect(overallStatus(r).label).toBe("reproducible");
    r.signoffs.push({ ...so, by: "B", items: [{ id: "reporting.hardware-assumptions", status: "fail", note: "not stated" }] });
    expect(overallStatus(r).label).toBe("checklist failed");
    const eff = effectiveChecklist(r.checklist!, r.signoffs);
    expect(byId(eff, "reporting.hardware-assumptions").status).toBe("fail");
    expect(r.checklist!.find((i) => i.manual)!.status).toBe("pending"); // stored value never changes
  });
  it("a not-reproducible verdict wins over everything", () => {
    expect(overallStatus(fixture("diverged")).label).toBe("not reproducible");
  });
});

describe("checklist files", () => {
  const base = { schema: "repro-audit/checklist@1", id: "lab", title: "Lab", sections: [{ id: "s", title: "S", items: [{ id: "a", text: "t", why: "w", hint: "h", evaluator: "env.runtime-recorded" }] }] };
  it("accepts a custom checklist with the same schema", () => {
    expect(parseChecklist(base, "lab.yaml").sections[0]!.items[0]!.id).toBe("a");
  });
  it("refuses an unknown evaluator id, naming it", () => {
    const bad = clone(base);
    bad.sections[0]!.items[0]!.evaluator = "env.telepathy";
    expect(() => parseChecklist(bad, "lab.yaml")).toThrow(ConfigError);
    expect(() => parseChecklist(bad, "lab.yaml")).toThrow(/"env\.telepathy".*not a known evaluator/);
  });
  it("refuses an item with neither or both of evaluator/manual, and duplicate ids", () => {
    const neither = clone(base) as { sections: { items: Record<string, unknown>[] }[] };
    delete neither.sections[0]!.items[0]!["evaluator"];
    expect(() => parseChecklist(neither, "x.yaml")).toThrow(/exactly one of/);
    const dup = clone(base);
    dup.sections[0]!.items.push({ ...dup.sections[0]!.items[0]! });
    expect(() => parseChecklist(dup, "x.yaml")).toThrow(/used twice/);
  });
  it("reports unreadable and non-YAML files as ConfigError", () => {
    const dir = tempDir();
    const p = join(dir, "bad.yaml");
    writeFileSync(p, "sections: [unclosed");
    expect(() => loadChecklist(p)).toThrow(ConfigError);
    expect(() => loadChecklist(join(dir, "none.yaml"))).toThrow(/does not exist/);
  });
});

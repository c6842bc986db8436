// Reading reports: SemVer precedence (oracle: the ordered list in semver.org 2.0.0 §11.4) and
// refusing a report made by a newer release of the tool, with the message naming file and versions.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ArtifactError } from "../../src/errors.js";
import { compareVersions, parseReport } from "../../src/report/read.js";
import { ROOT } from "../helpers/cli.js";
import { fixtureText } from "./helpers.js";

const PKG_VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

describe("compareVersions", () => {
  it("orders semver.org §11's example list strictly, each pair both ways", () => {
    const ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.10.0", "2.0.0", "10.0.0"];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(compareVersions(ordered[i]!, ordered[j]!), `${ordered[i]} vs ${ordered[j]}`).toBe(Math.sign(i - j));
      }
    }
  });
  it("compares numerically, not as text, ignores build metadata, and rejects non-versions", () => {
    expect(compareVersions("0.10.0", "0.9.0")).toBe(1);
    expect(compareVersions("1.2.3+build.7", "1.2.3")).toBe(0);
    expect(compareVersions("1.2", "1.2.0")).toBeNull();
    expect(compareVersions("v1.2.3", "1.2.3")).toBeNull();
    expect(compareVersions("01.2.3", "1.2.3")).toBeNull();
  });
});

describe("parseReport and the tool version", () => {
  const withVersion = (v: unknown) => {
    const r = JSON.parse(fixtureText("identical")) as { tool: { version: unknown } };
    r.tool.version = v;
    return JSON.stringify(r);
  };
  it("reads a report from this version, an older one, and a prerelease of this one", () => {
    expect(parseReport(withVersion(PKG_VERSION), "r.json").tool.version).toBe(PKG_VERSION);
    expect(parseReport(withVersion("0.0.1"), "r.json").tool.version).toBe("0.0.1");
    expect(parseReport(withVersion(`${PKG_VERSION}-beta.1`), "r.json").tool.version).toBe(`${PKG_VERSION}-beta.1`);
  });
  it("refuses a report from a newer release with the same schema (ArtifactError, exit 2)", () => {
    const [major, minor, patch] = PKG_VERSION.split(".").map(Number) as [number, number, number];
    for (const v of ["9.0.0", `${major}.${minor}.${patch + 1}`, `${major}.${minor + 1}.0-alpha`]) {
      let err: unknown;
      try {
        parseReport(withVersion(v), "dir/r.json");
      } catch (e) {
        err = e;
      }
      expect(err, v).toBeInstanceOf(ArtifactError);
      expect((err as ArtifactError).exitCode).toBe(2);
      expect((err as Error).message).toBe(`dir/r.json was made by repro-audit ${v}, newer than this tool (${PKG_VERSION}); upgrade repro-audit to read it.`);
    }
  });
  it("refuses a version it cannot compare, naming the field", () => {
    expect(() => parseReport(withVersion("latest"), "r.json")).toThrow(/r\.json: tool\.version "latest" is not a version/);
  });
  it("the not-JSON message points at the report `run` wrote, not at `run --resume`", () => {
    expect(() => parseReport("{ nope", "r.json")).toThrow(/r\.json is not valid JSON.*report\.json that `repro-audit run` wrote/);
    try {
      parseReport("{ nope", "r.json");
    } catch (e) {
      expect((e as Error).message).not.toContain("--resume");
    }
  });
});

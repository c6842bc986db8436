// Shared fixtures for the report tests: the committed reports made by
// test/fixtures/report/make-fixtures.sh from real runs.

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseReport } from "../../src/report/read.js";
import type { Report } from "../../src/report/schema.js";

export const FIXTURES = resolve(import.meta.dirname, "..", "fixtures", "report");

export function fixtureText(name: "identical" | "diverged"): string {
  return readFileSync(join(FIXTURES, `${name}.json`), "utf8");
}

export function fixture(name: "identical" | "diverged"): Report {
  return parseReport(fixtureText(name), `${name}.json`);
}

/** A deep copy (fixtures are shared between tests). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

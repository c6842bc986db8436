// Checks that the running environment is the one the tool was built and locked for (the
// reference project's verify_environment): Node satisfies package.json engines.node, and every
// locked package is installed at its locked version. Each check is data — id, pass/fail,
// expected, actual and a hint — so the CLI, the checklist and the report render the same facts.

import type { Environment } from "./schema.js";
import { satisfiesNodeRange } from "./node-range.js";

export interface EnvironmentCheck {
  check: string;
  passed: boolean;
  expected: string;
  actual: string;
  hint: string;
}

const REINSTALL = "reinstall the exact locked dependency tree with `npm ci` in the tool's folder";

function nodeCheck(env: Environment): EnvironmentCheck {
  const range = env.tool.enginesNode;
  const actual = env.runtime.node;
  if (range === null) {
    return { check: "node-version", passed: true, expected: "any (package.json has no engines.node)", actual, hint: "" };
  }
  const ok = satisfiesNodeRange(actual, range);
  return {
    check: "node-version",
    passed: ok === true,
    expected: `node ${range}`,
    actual,
    hint:
      ok === null
        ? `cannot evaluate the range "${range}" (supported: >=, >, <=, <, =, ^, ~, partial versions, ||)`
        : ok
          ? ""
          : `run with a Node.js release matching ${range} (e.g. via nvm or your package manager)`,
  };
}

/** One entry per check, in a fixed order: node version, lockfile, then each package problem. */
export function verifyEnvironment(env: Environment): EnvironmentCheck[] {
  const checks: EnvironmentCheck[] = [nodeCheck(env)];
  const deps = env.dependencies;
  const lockOk = deps.lockfileSha256 !== null && deps.problem === null;
  checks.push({
    check: "lockfile",
    passed: lockOk,
    expected: "the tool's package-lock.json (lockfileVersion 2 or 3)",
    actual: lockOk ? `sha256 ${deps.lockfileSha256} (lockfileVersion ${deps.lockfileVersion})` : (deps.problem ?? "absent"),
    hint: lockOk ? "" : "installed versions cannot be checked without the lock; run the tool from a checkout with its package-lock.json and `npm ci`",
  });
  if (!lockOk) return checks;
  for (const p of deps.missing) {
    checks.push({ check: `dependency:${p.path}`, passed: false, expected: `${p.name}@${p.locked}`, actual: "not installed", hint: REINSTALL });
  }
  for (const p of deps.mismatches) {
    checks.push({
      check: `dependency:${p.path}`,
      passed: false,
      expected: `${p.name}@${p.locked}`,
      actual: `${p.name}@${p.installed ?? "?"}`,
      hint: REINSTALL,
    });
  }
  if (deps.missing.length === 0 && deps.mismatches.length === 0) {
    checks.push({
      check: "dependencies",
      passed: true,
      expected: `${deps.checked} locked packages at their locked versions`,
      actual: `all ${deps.checked} match` + (deps.skippedOptional > 0 ? ` (${deps.skippedOptional} optional for other platforms not installed)` : ""),
      hint: "",
    });
  }
  return checks;
}

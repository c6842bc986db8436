// Run ids: `<experiment>-<UTC yyyymmddThhmmssZ>-<6 hex>`. The time and the random suffix only name
// the folder; nothing that affects results reads them.

import { randomBytes } from "node:crypto";

export function makeRunId(experiment: string, now: Date = new Date()): string {
  const iso = now.toISOString(); // 2026-12-04T20:06:25.123Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const safe = experiment.replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 60) || "experiment";
  return `${safe}-${stamp}-${randomBytes(3).toString("hex")}`;
}

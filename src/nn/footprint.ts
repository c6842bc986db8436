// Memory footprint of a model and named hardware-constraint profiles it can be checked against.
// Footprint figures are computed from the spec alone (no training):
//   parameterCount     sum over layers of n_in*n_out + n_out
//   parameterBytes     parameterCount * bytes per parameter of the inference precision (4/2/1)
//   trainingParameterBytes  parameters + gradients in float32 (training is float32 in every mode)
//   activationBytes    batch * (sum of all layer widths, input included) * bytes per activation
//   trainingActivationBytes  float32 z, a, dropout mask/output and gradient buffers for a batch
// Profiles are illustrative device classes, not vendor specifications. "off" disables checks.

import { ConfigError, ConstraintError } from "../errors.js";
import { bytesPerParameter } from "./precision.js";
import type { ModelSpec } from "./spec.js";

export interface Footprint {
  parameterCount: number;
  bytesPerParameter: number;
  parameterBytes: number;
  trainingParameterBytes: number;
  activationBytes: number;
  trainingActivationBytes: number;
  batchSize: number;
}

export interface ConstraintProfile {
  name: string;
  description: string;
  maxParameterBytes: number;
  maxActivationBytes: number;
  maxBatchSize: number;
  maxThreads: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;

export const PROFILES: readonly ConstraintProfile[] = [
  { name: "mcu-256k", description: "microcontroller, 256 KiB flash for weights, 64 KiB RAM for activations", maxParameterBytes: 256 * KiB, maxActivationBytes: 64 * KiB, maxBatchSize: 32, maxThreads: 1 },
  { name: "edge-1m", description: "small edge device, 1 MiB for weights, 512 KiB for activations", maxParameterBytes: 1 * MiB, maxActivationBytes: 512 * KiB, maxBatchSize: 128, maxThreads: 2 },
  { name: "mobile-16m", description: "phone-class device, 16 MiB for weights, 8 MiB for activations", maxParameterBytes: 16 * MiB, maxActivationBytes: 8 * MiB, maxBatchSize: 1024, maxThreads: 8 },
];

export const PROFILE_NAMES: readonly string[] = ["off", ...PROFILES.map((p) => p.name)];

export function computeFootprint(spec: ModelSpec, batchSize: number): Footprint {
  const sizes = spec.layerSizes;
  let parameterCount = 0;
  for (let l = 1; l < sizes.length; l++) parameterCount += sizes[l - 1]! * sizes[l]! + sizes[l]!;
  const bpp = bytesPerParameter(spec.precision);
  const widths = sizes.reduce((s, w) => s + w, 0);
  const outWidths = widths - sizes[0]!;
  return {
    parameterCount,
    bytesPerParameter: bpp,
    parameterBytes: parameterCount * bpp,
    trainingParameterBytes: parameterCount * 4 * 2,
    activationBytes: batchSize * widths * bpp,
    trainingActivationBytes: batchSize * (sizes[0]! + 6 * outWidths) * 4,
    batchSize,
  };
}

/** Looks a profile up by name; null for "off". Unknown names throw ConfigError listing the valid ones. */
export function getProfile(name: string): ConstraintProfile | null {
  if (name === "off") return null;
  const p = PROFILES.find((x) => x.name === name);
  if (p === undefined) throw new ConfigError(`constraints: unknown hardware profile ${JSON.stringify(name)}; valid: ${PROFILE_NAMES.join(", ")}`, { field: "constraints" });
  return p;
}

function fmt(bytes: number): string {
  return bytes >= MiB ? `${(bytes / MiB).toFixed(2)} MiB` : `${(bytes / KiB).toFixed(1)} KiB`;
}

/** Throws ConstraintError naming the first limit exceeded, the value, and a fix. "off" checks nothing. */
export function checkConstraints(profileName: string, fp: Footprint, batchSize: number, threads: number): void {
  const p = getProfile(profileName);
  if (p === null) return;
  const where = `hardware profile ${p.name} (${p.description})`;
  if (fp.parameterBytes > p.maxParameterBytes) {
    throw new ConstraintError(`${where}: parameters need ${fmt(fp.parameterBytes)} (${fp.parameterCount} x ${fp.bytesPerParameter} B) but the limit is ${fmt(p.maxParameterBytes)} — use smaller hidden layers, a lower precision (float16/int8), or a larger profile`);
  }
  if (fp.activationBytes > p.maxActivationBytes) {
    throw new ConstraintError(`${where}: activations for a batch of ${fp.batchSize} need ${fmt(fp.activationBytes)} but the limit is ${fmt(p.maxActivationBytes)} — reduce batchSize or layer widths, or use a larger profile`);
  }
  if (batchSize > p.maxBatchSize) {
    throw new ConstraintError(`${where}: batchSize ${batchSize} exceeds the limit ${p.maxBatchSize} — set batchSize <= ${p.maxBatchSize}`);
  }
  if (threads > p.maxThreads) {
    throw new ConstraintError(`${where}: ${threads} threads exceed the limit ${p.maxThreads} — set threads <= ${p.maxThreads}`);
  }
}

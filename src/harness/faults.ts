// Test-only fault injection: deliberately break determinism at a known place so the tests can prove
// that the verdict and the divergence locator find it. Off in normal use: it is enabled only by the
// REPRO_AUDIT_TEST_FAULT environment variable (undocumented for users, named in the README's testing
// section) or by passing a FaultPlan programmatically.
//   REPRO_AUDIT_TEST_FAULT="weights@repeat=3,epoch=2"   perturbs one weight at the start of epoch 2
//   REPRO_AUDIT_TEST_FAULT="shuffle@repeat=3,epoch=2"   swaps the first and last entries of epoch 2's batch order

import { UsageError } from "../errors.js";
import type { TrainHooks } from "../nn/train.js";

export interface FaultPlan {
  kind: "weights" | "shuffle";
  /** 0-based repeat index the fault applies to (null: every repeat, e.g. for `train`). */
  repeat: number | null;
  epoch: number;
}

export const FAULT_ENV = "REPRO_AUDIT_TEST_FAULT";

export function faultFromEnv(env: NodeJS.ProcessEnv = process.env): FaultPlan | null {
  const text = env[FAULT_ENV];
  if (text === undefined || text === "") return null;
  const m = /^(weights|shuffle)@(?:repeat=(\d+),)?epoch=(\d+)$/.exec(text.trim());
  if (m === null) throw new UsageError(`${FAULT_ENV}="${text}" is not a fault plan; use e.g. weights@repeat=3,epoch=2 or shuffle@epoch=1.`);
  return { kind: m[1] as FaultPlan["kind"], repeat: m[2] === undefined ? null : Number(m[2]), epoch: Number(m[3]) };
}

/** Hooks that apply `plan` (when it targets `repeat`), merged before `hooks`. */
export function withFault(plan: FaultPlan | null, repeat: number, hooks: TrainHooks): TrainHooks {
  if (plan === null || (plan.repeat !== null && plan.repeat !== repeat)) return hooks;
  if (plan.kind === "weights") {
    return {
      ...hooks,
      onEpochStart(epoch, ctx) {
        if (epoch === plan.epoch) ctx.params[0] = Math.fround(ctx.params[0]! + 1e-3);
        hooks.onEpochStart?.(epoch, ctx);
      },
    };
  }
  return {
    ...hooks,
    onBatchOrder(epoch, perm) {
      if (epoch === plan.epoch && perm.length >= 2) {
        // First and last rows sit in different mini-batches, so the updates really change.
        const last = perm.length - 1;
        const t = perm[0]!;
        perm[0] = perm[last]!;
        perm[last] = t;
      }
      hooks.onBatchOrder?.(epoch, perm);
    },
  };
}

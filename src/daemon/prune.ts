// Safe pruning: objects removed from git are deleted, unless that looks like a mistake. A revision
// that would delete every object of an app (an emptied or mis-pointed repo path), or more than a
// configured share of them, is refused and reported instead, like Argo CD's allowEmpty; it can be
// allowed explicitly in berth.yaml (sources[].prune). With pruning disabled nothing is deleted and
// the app reports what is left over instead (see sync-pass.ts).

import type { PruneConfig } from "../config/types.js";

export type PruneDecision =
  | { allowed: true }
  | { allowed: false; code: "E_PRUNE_EMPTY" | "E_PRUNE_SHARE"; message: string; hint: string };

/**
 * `current`: objects of the app applied now; `deletions`: how many the revision removes (objects
 * kept by `berth.io/prune: "false"` not counted); `desired`: objects in the revision.
 */
export function decidePrune(
  policy: PruneConfig,
  counts: { current: number; desired: number; deletions: number },
): PruneDecision {
  const { current, desired, deletions } = counts;
  if (deletions === 0 || !policy.enabled) return { allowed: true };
  if (desired === 0) {
    // allowEmpty is the explicit "an empty revision removes everything": the share brake, meant for
    // a partly emptied repo, does not second-guess it.
    if (policy.allowEmpty) return { allowed: true };
    return {
      allowed: false,
      code: "E_PRUNE_EMPTY",
      message: `the revision holds no objects and would delete all ${current} objects of the app; refused`,
      hint: "check the repo path; to really remove everything set prune.allowEmpty: true for this source",
    };
  }
  if (current > 0 && deletions / current > policy.maxDeleteShare) {
    const pct = Math.round((deletions / current) * 100);
    return {
      allowed: false,
      code: "E_PRUNE_SHARE",
      message: `the revision would delete ${deletions} of ${current} objects (${pct}%), more than prune.maxDeleteShare (${Math.round(policy.maxDeleteShare * 100)}%); refused`,
      hint: "if this is intended, raise prune.maxDeleteShare for this source (1 allows any share) and sync again",
    };
  }
  return { allowed: true };
}

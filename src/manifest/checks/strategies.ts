// Rolling-update parameters: maxSurge and maxUnavailable are non-negative integers or "N%",
// not both zero (the rollout could never make progress), and only with a RollingUpdate strategy.

import { error, type FieldPath, type Issue } from "../issue.js";
import type { DaemonSet, Deployment, IntOrString, StatefulSet } from "../types.js";

const PERCENT_RE = /^[0-9]+%$/;

/** The number (or percentage) in an int-or-percent, with issues when it is not one. */
function intOrPercent(v: IntOrString, path: FieldPath, max100: boolean): { value?: number; issues: Issue[] } {
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v < 0) {
      return {
        issues: [
          error("E_VALUE", path, "must be greater than or equal to 0", {
            expected: "a whole number of 0 or more, or a percentage such as '25%'",
            found: String(v),
          }),
        ],
      };
    }
    return { value: v, issues: [] };
  }
  if (!PERCENT_RE.test(v)) {
    return {
      issues: [
        error("E_VALUE", path, "a valid percent string must be a numeric string followed by an ending '%'", {
          expected: "a whole number, or a percentage such as '25%'",
          found: JSON.stringify(v),
          ...(/^[0-9]+$/.test(v) ? { hint: `write ${v} without quotes for a number of pods` } : {}),
        }),
      ],
    };
  }
  const n = Number.parseInt(v, 10);
  if (max100 && n > 100) {
    return {
      issues: [
        error("E_VALUE", path, "must not be greater than 100%", {
          expected: "at most 100%",
          found: JSON.stringify(v),
        }),
      ],
    };
  }
  return { value: n, issues: [] };
}

function checkSurgeAndUnavailable(
  ru: { maxSurge?: IntOrString; maxUnavailable?: IntOrString },
  path: FieldPath,
  surgeMax100: boolean,
): Issue[] {
  const out: Issue[] = [];
  const surge =
    ru.maxSurge === undefined ? undefined : intOrPercent(ru.maxSurge, [...path, "maxSurge"], surgeMax100);
  const unavailable =
    ru.maxUnavailable === undefined
      ? undefined
      : intOrPercent(ru.maxUnavailable, [...path, "maxUnavailable"], true);
  out.push(...(surge?.issues ?? []), ...(unavailable?.issues ?? []));
  if (surge?.value === 0 && unavailable?.value === 0) {
    out.push(
      error("E_VALUE", [...path, "maxUnavailable"], "may not be 0 when `maxSurge` is 0", {
        expected: "maxUnavailable or maxSurge above 0",
        found: "both 0",
        hint: "allow at least one extra or one unavailable pod, or the rollout cannot proceed",
      }),
    );
  }
  return out;
}

function onlyForRollingUpdate(type: string, path: FieldPath): Issue {
  return error("E_VALUE", path, `may not be specified when strategy \`type\` is '${type}'`, {
    expected: "no rollingUpdate",
    found: "rollingUpdate parameters",
    hint: "remove rollingUpdate, or use type RollingUpdate",
  });
}

export function checkDeploymentStrategy(d: Deployment): Issue[] {
  const s = d.spec.strategy;
  if (!s?.rollingUpdate) return [];
  const path = ["spec", "strategy", "rollingUpdate"];
  if (s.type !== "RollingUpdate") return [onlyForRollingUpdate(s.type, path)];
  return checkSurgeAndUnavailable(s.rollingUpdate, path, false);
}

export function checkDaemonSetStrategy(ds: DaemonSet): Issue[] {
  const s = ds.spec.updateStrategy;
  if (s?.type !== "RollingUpdate" || !s.rollingUpdate) return [];
  return checkSurgeAndUnavailable(s.rollingUpdate, ["spec", "updateStrategy", "rollingUpdate"], true);
}

export function checkStatefulSetStrategy(sts: StatefulSet): Issue[] {
  const s = sts.spec.updateStrategy;
  if (!s?.rollingUpdate) return [];
  const path = ["spec", "updateStrategy", "rollingUpdate"];
  if (s.type !== "RollingUpdate") return [onlyForRollingUpdate(s.type, path)];
  const mu = s.rollingUpdate.maxUnavailable;
  if (mu === undefined) return [];
  const r = intOrPercent(mu, [...path, "maxUnavailable"], true);
  if (r.value === 0) {
    r.issues.push(
      error("E_VALUE", [...path, "maxUnavailable"], "must be greater than 0", {
        expected: "1 or more, or a percentage above 0%",
        found: JSON.stringify(mu),
      }),
    );
  }
  return r.issues;
}

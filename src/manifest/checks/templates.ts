// Pod templates inside workloads: labels, annotations, the restart policy the owner allows, and
// the pod spec checks.

import { error, formatPath, type FieldPath, type Issue } from "../issue.js";
import type { PodTemplateSpec, RestartPolicy } from "../types.js";
import { checkMetadataMaps } from "./labels.js";
import { checkPodSpec, type PodSpecContext } from "./pod-spec.js";

export function checkRestartPolicy(
  policy: RestartPolicy | undefined,
  path: FieldPath,
  allowed: readonly RestartPolicy[],
  owner: string,
): Issue[] {
  // Checks run after defaulting, where an omitted restartPolicy became Always, as in Kubernetes.
  const value = policy ?? "Always";
  if (allowed.includes(value)) return [];
  const supported = allowed.map((p) => JSON.stringify(p)).join(", ");
  const hint =
    allowed.length === 1
      ? `set ${formatPath(path)} to ${allowed[0] ?? ""} or remove it: ${owner} pods are always restarted`
      : `set ${formatPath(path)} to ${allowed.join(" or ")}; Kubernetes defaults it to Always, which ${owner}s do not allow`;
  return [
    error("E_RESTART_POLICY", path, `Unsupported value: "${value}": supported values: ${supported}`, {
      expected: allowed.join(" or "),
      found: JSON.stringify(value),
      hint,
    }),
  ];
}

export function checkPodTemplate(
  template: PodTemplateSpec,
  path: FieldPath,
  allowed: readonly RestartPolicy[],
  owner: string,
  ctx: PodSpecContext = {},
): Issue[] {
  return [
    ...checkMetadataMaps(template.metadata, [...path, "metadata"]),
    ...checkRestartPolicy(template.spec.restartPolicy, [...path, "spec", "restartPolicy"], allowed, owner),
    ...checkPodSpec(template.spec, [...path, "spec"], ctx),
  ];
}

// Whether a container's image is ready to use, needs pulling, or is blocked (the kubelet's image
// manager EnsureImageExists, split into a decision here and a pull the agent runs).

import type { Container, PullPolicy } from "../../manifest/types.js";
import { inBackoffSinceUpdate, type BackoffPolicy } from "./backoff.js";
import type { ImagePullState, LifecycleConfig } from "./types.js";

export type ImageDecision =
  | { kind: "ready"; usingLocalCopy?: string }
  | { kind: "pull"; policy: PullPolicy }
  | {
      kind: "wait";
      reason: "ErrImagePull" | "ImagePullBackOff" | "ErrImageNeverPull";
      message: string;
      untilMs: number;
    };

/** Kubernetes' default: Always for `:latest` or no tag, IfNotPresent otherwise (digests included). */
export function pullPolicyOf(container: Container): PullPolicy {
  if (container.imagePullPolicy) return container.imagePullPolicy;
  const image = container.image;
  if (image.includes("@")) return "IfNotPresent";
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.lastIndexOf(":");
  const tag = colon < 0 ? "" : lastSegment.slice(colon + 1);
  return tag === "" || tag === "latest" ? "Always" : "IfNotPresent";
}

export function imagePullPolicy(cfg: LifecycleConfig): BackoffPolicy {
  return { initialMs: cfg.imagePullInitialMs, maxMs: cfg.imagePullMaxMs, resetMs: cfg.imagePullResetMs };
}

/**
 * `sinceMs`: when the container's previous instance last ran. With policy Always a pull must have
 * been tried after it; the first start of a pod needs any pull tried during this pod's life.
 * berth's decision for Always: when that pull failed but the node has the image, the container
 * starts from the local copy (Docker hosts often run images built locally or cut off from their
 * registry) and a warning says so.
 */
export function decideImage(
  container: Container,
  pull: ImagePullState | undefined,
  present: boolean,
  sinceMs: number | undefined,
  nowMs: number,
  cfg: LifecycleConfig,
): ImageDecision {
  const image = container.image;
  const policy = pullPolicyOf(container);
  if (policy === "Never") {
    if (present) return { kind: "ready" };
    return {
      kind: "wait",
      reason: "ErrImageNeverPull",
      message: `Container image "${image}" is not present with pull policy of Never`,
      untilMs: nowMs + cfg.retryMs,
    };
  }
  const since = sinceMs ?? Number.NEGATIVE_INFINITY;
  if (policy === "IfNotPresent" && present) return { kind: "ready" };
  const backoff = imagePullPolicy(cfg);
  const inBackoff = pull?.backoff !== undefined && inBackoffSinceUpdate(pull.backoff, nowMs, backoff);
  if (policy === "Always") {
    if (pull?.lastSuccessMs !== undefined && pull.lastSuccessMs >= since) return { kind: "ready" };
    if (pull && present && ((pull.lastFailureMs !== undefined && pull.lastFailureMs >= since) || inBackoff)) {
      return { kind: "ready", usingLocalCopy: pull.lastError ?? "pull failed" };
    }
  }
  if (pull?.backoff && inBackoff) {
    const backoffEnds = pull.backoff.lastUpdateMs + pull.backoff.delayMs;
    const failedAt = pull.lastFailureMs ?? pull.backoff.lastUpdateMs;
    if (nowMs - failedAt < cfg.errImagePullShowMs) {
      return {
        kind: "wait",
        reason: "ErrImagePull",
        message: pull.lastError ?? `failed to pull image "${image}"`,
        untilMs: Math.min(failedAt + cfg.errImagePullShowMs, backoffEnds),
      };
    }
    return {
      kind: "wait",
      reason: "ImagePullBackOff",
      message: `Back-off pulling image "${image}"`,
      untilMs: backoffEnds,
    };
  }
  return { kind: "pull", policy };
}

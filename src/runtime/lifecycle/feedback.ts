// How the agent tells the core what happened to the actions it ran. The core's next pass reads the
// outcome from the state: a failed pull backs off, a failed start shows its reason and is retried.

import { resolveConfig } from "./config.js";
import { nextBackoff } from "./backoff.js";
import { imagePullPolicy } from "./images.js";
import type { LifecycleConfig, PodAction, PodRuntimeState } from "./types.js";

export interface ActionFailure {
  /**
   * The waiting reason a failed start shows: CreateContainerConfigError (a missing ConfigMap,
   * Secret or key), CreateContainerError, RunContainerError. Defaults to RunContainerError.
   */
  reason?: string;
  message: string;
}

/** Records that an action ran; returns the new state. */
export function recordActionSuccess(
  state: PodRuntimeState,
  action: PodAction,
  nowMs: number,
): PodRuntimeState {
  const next = structuredClone(state);
  switch (action.type) {
    case "pullImage": {
      const pull = next.images[action.image] ?? {};
      delete pull.backoff;
      delete pull.lastError;
      pull.lastSuccessMs = nowMs;
      next.images[action.image] = pull;
      break;
    }
    case "startInit":
    case "startContainer": {
      const cs = next.containers[action.name];
      if (cs) delete cs.startFailure;
      break;
    }
    case "ensureSandbox":
      delete next.sandboxFailure;
      break;
    default:
      break;
  }
  return next;
}

/** Records that an action failed; returns the new state. */
export function recordActionFailure(
  state: PodRuntimeState,
  action: PodAction,
  failure: ActionFailure,
  nowMs: number,
  config?: Partial<LifecycleConfig>,
): PodRuntimeState {
  const cfg = resolveConfig(config);
  const next = structuredClone(state);
  switch (action.type) {
    case "pullImage": {
      const pull = next.images[action.image] ?? {};
      pull.backoff = nextBackoff(pull.backoff, nowMs, nowMs, imagePullPolicy(cfg));
      pull.lastError = failure.message;
      pull.lastFailureMs = nowMs;
      next.images[action.image] = pull;
      break;
    }
    case "startInit":
    case "startContainer": {
      const cs = next.containers[action.name] ?? {};
      cs.startFailure = {
        attempt: action.attempt,
        reason: failure.reason ?? "RunContainerError",
        message: failure.message,
        atMs: nowMs,
      };
      next.containers[action.name] = cs;
      break;
    }
    case "ensureSandbox":
      next.sandboxFailure = { message: failure.message, atMs: nowMs };
      break;
    case "killContainer":
      // Issued again once its deadline has passed.
      break;
    case "killPod":
      break;
    default:
      break;
  }
  return next;
}

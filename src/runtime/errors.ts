// Failures the runtime layer turns into pod/container status instead of crashing the agent.
// `reason` is the Kubernetes waiting/terminated reason the pod status shows
// (CreateContainerConfigError, ErrImagePull, …); `code` is berth's stable error code.

import { BerthError, type ErrorOrigin } from "../util/errors.js";

export type RuntimeReason =
  | "CreateContainerConfigError"
  | "CreateContainerError"
  | "RunContainerError"
  | "ErrImagePull"
  | "ErrImageNeverPull"
  | "InvalidImageName"
  | "FailedMount"
  | "PolicyViolation"
  | "EngineError";

export class RuntimeError extends BerthError {
  readonly reason: RuntimeReason;

  constructor(
    code: string,
    reason: RuntimeReason,
    message: string,
    opts: { origin?: ErrorOrigin; hint?: string; cause?: unknown } = {},
  ) {
    super(code, message, opts);
    this.name = "RuntimeError";
    this.reason = reason;
  }
}

export function isRuntimeError(e: unknown, reason?: RuntimeReason): e is RuntimeError {
  return e instanceof RuntimeError && (reason === undefined || e.reason === reason);
}

/** A missing ConfigMap/Secret/key or an unsupported field reference: the container cannot be
 * configured until the object appears (Kubernetes: CreateContainerConfigError, retried). */
export function configError(message: string, origin?: ErrorOrigin): RuntimeError {
  return new RuntimeError(
    "E_CONTAINER_CONFIG",
    "CreateContainerConfigError",
    message,
    origin ? { origin } : {},
  );
}

/** A pod asks for something its node does not allow (hostPath, privileged, hostNetwork). */
export function policyError(message: string, origin?: ErrorOrigin): RuntimeError {
  return new RuntimeError("E_POLICY", "PolicyViolation", message, origin ? { origin } : {});
}

/** A volume's source (ConfigMap, Secret, key) is missing: the pod waits in ContainerCreating and
 * the agent records a FailedMount event, as the kubelet does. */
export function mountError(message: string, origin?: ErrorOrigin): RuntimeError {
  return new RuntimeError("E_VOLUME_SOURCE", "FailedMount", message, origin ? { origin } : {});
}

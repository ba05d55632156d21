// securityContext → Docker user and privileges, and the node policy checks for what a plain
// Docker host should not give away unasked (privileged containers, the host network).

import type { Container, Pod } from "../../manifest/types.js";
import { configError, policyError } from "../errors.js";
import type { NodePolicy } from "../node.js";

export interface SecurityHostConfig {
  User?: string;
  ReadonlyRootfs?: boolean;
  Privileged?: boolean;
  CapAdd?: string[];
  CapDrop?: string[];
  SecurityOpt?: string[];
  GroupAdd?: string[];
}

/** Effective runAsUser/runAsGroup/runAsNonRoot: the container's, else the pod's. */
export function effectiveIdentity(
  pod: Pod,
  c: Container,
): { user?: number; group?: number; nonRoot?: boolean } {
  const out: { user?: number; group?: number; nonRoot?: boolean } = {};
  const user = c.securityContext?.runAsUser ?? pod.spec.securityContext?.runAsUser;
  const group = c.securityContext?.runAsGroup ?? pod.spec.securityContext?.runAsGroup;
  const nonRoot = c.securityContext?.runAsNonRoot ?? pod.spec.securityContext?.runAsNonRoot;
  if (user !== undefined) out.user = user;
  if (group !== undefined) out.group = group;
  if (nonRoot !== undefined) out.nonRoot = nonRoot;
  return out;
}

export function mapSecurity(pod: Pod, c: Container, policy: NodePolicy, node: string): SecurityHostConfig {
  const sc = c.securityContext ?? {};
  const out: SecurityHostConfig = {};
  const id = effectiveIdentity(pod, c);
  // Docker, like CRI, takes a group only together with a user.
  if (id.user !== undefined) out.User = id.group !== undefined ? `${id.user}:${id.group}` : String(id.user);
  if (sc.readOnlyRootFilesystem) out.ReadonlyRootfs = true;
  if (sc.privileged) {
    if (!policy.allowPrivileged) {
      throw policyError(
        `privileged containers are not allowed on node ${node}; set runtime.allowPrivileged in berth.yaml`,
      );
    }
    out.Privileged = true;
  }
  const add = sc.capabilities?.add ?? [];
  const drop = sc.capabilities?.drop ?? [];
  if (add.length > 0) out.CapAdd = add.map(capName);
  if (drop.length > 0) out.CapDrop = drop.map(capName);
  if (sc.allowPrivilegeEscalation === false) out.SecurityOpt = ["no-new-privileges"];
  const groups = [
    ...(pod.spec.securityContext?.fsGroup !== undefined ? [pod.spec.securityContext.fsGroup] : []),
    ...(pod.spec.securityContext?.supplementalGroups ?? []),
  ];
  if (groups.length > 0) out.GroupAdd = [...new Set(groups)].map(String);
  return out;
}

/** Kubernetes writes capabilities without the CAP_ prefix; Docker takes either. */
function capName(c: string): string {
  return c.toUpperCase() === "ALL" ? "ALL" : `CAP_${c.toUpperCase().replace(/^CAP_/, "")}`;
}

/**
 * runAsNonRoot, checked as the kubelet does: an explicit runAsUser 0 fails; without runAsUser the
 * image's USER must be numeric and not 0 (a name cannot be verified without the image's passwd).
 * `imageUser` is the image's Config.User.
 */
export function verifyRunAsNonRoot(pod: Pod, c: Container, imageUser: string): void {
  const id = effectiveIdentity(pod, c);
  if (!id.nonRoot) return;
  if (id.user !== undefined) {
    if (id.user === 0) throw configError("container's runAsUser breaks non-root policy");
    return;
  }
  const user = imageUser.split(":")[0] ?? "";
  if (user === "" || user === "root" || user === "0") {
    throw configError("container has runAsNonRoot and image will run as root");
  }
  if (!/^\d+$/.test(user)) {
    throw configError(
      `container has runAsNonRoot and image has non-numeric user (${user}), cannot verify user is non-root`,
    );
  }
}

export function checkHostNetwork(pod: Pod, policy: NodePolicy, node: string): void {
  if (pod.spec.hostNetwork && !policy.allowHostNetwork) {
    throw policyError(
      `hostNetwork pods are not allowed on node ${node}; set runtime.allowHostNetwork in berth.yaml`,
    );
  }
}

// Pod volumes → Docker named volumes, the sandbox's mounts and each container's mounts.
//
//   emptyDir             berth-<pod uid>-<volume>, removed with the pod; medium Memory → a
//                        tmpfs-backed local volume (size = sizeLimit when given)
//   configMap            berth-<pod uid>-<volume>, files projected by ../docker/projection.ts
//   secret               same, but always tmpfs-backed: secret files never touch the disk
//   persistentVolumeClaim berth-pvc-<namespace>-<claimName>, outlives pods
//   hostPath             a bind mount, only where the node policy allows it
//
// The sandbox mounts every named volume at /berth/volumes/<name>: projection writes through it,
// and tmpfs volumes stay mounted (keeping their content) while app containers restart.
// Mounts use NoCopy: like Kubernetes, a volume starts empty and hides what the image has there
// (all but berth's own termination volume, which starts with the infra image's preset files).

import { posix } from "node:path";
import type { Container, Pod, Volume } from "../../manifest/types.js";
import { configError, policyError } from "../errors.js";
import {
  claimVolumeName,
  LABEL,
  podVolumeName,
  SANDBOX_TERMINATION_DIR,
  sandboxVolumePath,
  terminationVolumeName,
} from "../labels.js";
import type { NodePolicy } from "../node.js";
import type { ArchiveEntry } from "./projection.js";
import { value } from "./quantity.js";

export type NamedVolumeKind = "emptyDir" | "configMap" | "secret" | "persistentVolumeClaim" | "termination";

export interface NamedVolumeSpec {
  /** The Docker volume name. */
  name: string;
  /** The pod's volume name. */
  volume: string;
  kind: NamedVolumeKind;
  /** Local driver options: tmpfs for memory-backed volumes. */
  driverOpts?: Record<string, string>;
  labels: Record<string, string>;
  /** Removed together with the pod (everything but claims). */
  podLifetime: boolean;
}

export interface VolumeMountSpec {
  Type: "volume" | "bind";
  Source: string;
  Target: string;
  ReadOnly: boolean;
  VolumeOptions?: {
    NoCopy: boolean;
    /** Labels of a volume the engine creates for this mount (it creates a missing named volume). */
    Labels?: Record<string, string>;
    DriverConfig?: { Name: string; Options: Record<string, string> };
  };
}

export interface VolumePlan {
  volumes: NamedVolumeSpec[];
  sandboxMounts: VolumeMountSpec[];
}

const TMPFS = { type: "tmpfs", device: "tmpfs" };

/** Does the policy allow binding this host path? Prefixes match whole path segments. */
export function hostPathAllowed(path: string, allow: boolean | readonly string[]): boolean {
  if (allow === true) return true;
  if (allow === false) return false;
  const p = posix.normalize(path);
  return allow.some((prefix) => {
    const pre = posix.normalize(prefix).replace(/\/+$/, "");
    return pre === "" || p === pre || p.startsWith(`${pre}/`);
  });
}

export function planVolumes(pod: Pod, node: string, policy: NodePolicy): VolumePlan {
  const uid = pod.metadata.uid ?? "";
  const ns = pod.metadata.namespace ?? "default";
  const plan: VolumePlan = { volumes: [], sandboxMounts: [] };
  for (const v of pod.spec.volumes ?? []) {
    if (v.hostPath) {
      if (!hostPathAllowed(v.hostPath.path, policy.allowHostPath)) {
        throw policyError(
          policy.allowHostPath === false
            ? `hostPath volumes are not allowed on node ${node}; set runtime.allowHostPath in berth.yaml`
            : `hostPath ${v.hostPath.path} (volume ${v.name}) is not under an allowed prefix on node ${node}; add it to runtime.allowHostPath in berth.yaml`,
        );
      }
      continue;
    }
    const spec = namedVolume(v, uid, ns, node);
    if (!spec) continue;
    plan.volumes.push(spec);
    plan.sandboxMounts.push({
      Type: "volume",
      Source: spec.name,
      Target: sandboxVolumePath(v.name),
      ReadOnly: false,
      VolumeOptions: spec.podLifetime ? createdByMount(spec, true) : { NoCopy: true },
    });
  }
  // Termination messages outlive the sandbox (a stopped pod's containers stay for logs): on disk.
  // Copied from the infra image on first mount: its empty preset files (../infra/image.ts).
  const term: NamedVolumeSpec = {
    name: terminationVolumeName(uid),
    volume: "",
    kind: "termination",
    labels: { [LABEL.managed]: "true", [LABEL.node]: node, [LABEL.podUid]: uid, [LABEL.podNamespace]: ns },
    podLifetime: true,
  };
  plan.volumes.push(term);
  plan.sandboxMounts.push({
    Type: "volume",
    Source: term.name,
    Target: SANDBOX_TERMINATION_DIR,
    ReadOnly: false,
    VolumeOptions: createdByMount(term, false),
  });
  return plan;
}

/**
 * Pod-lifetime volumes are created by the engine as it creates the sandbox (a mount of a missing
 * named volume creates it, with these labels and driver options): no separate create call per
 * volume on the path to a running pod. Claims are created explicitly, as they may already exist.
 */
function createdByMount(
  spec: NamedVolumeSpec,
  noCopy: boolean,
): NonNullable<VolumeMountSpec["VolumeOptions"]> {
  return {
    NoCopy: noCopy,
    Labels: spec.labels,
    ...(spec.driverOpts ? { DriverConfig: { Name: "local", Options: spec.driverOpts } } : {}),
  };
}

function namedVolume(v: Volume, uid: string, ns: string, node: string): NamedVolumeSpec | undefined {
  const base = { [LABEL.managed]: "true", [LABEL.node]: node };
  const podScoped = (kind: NamedVolumeKind, driverOpts?: Record<string, string>): NamedVolumeSpec => ({
    name: podVolumeName(uid, v.name),
    volume: v.name,
    kind,
    ...(driverOpts ? { driverOpts } : {}),
    labels: { ...base, [LABEL.podUid]: uid, [LABEL.podNamespace]: ns, [LABEL.volume]: v.name },
    podLifetime: true,
  });
  if (v.emptyDir) {
    if (v.emptyDir.medium !== "Memory") return podScoped("emptyDir");
    const size = v.emptyDir.sizeLimit !== undefined ? value(v.emptyDir.sizeLimit) : 0;
    return podScoped("emptyDir", size > 0 ? { ...TMPFS, o: `size=${size}` } : { ...TMPFS });
  }
  if (v.configMap) return podScoped("configMap");
  if (v.secret) return podScoped("secret", { ...TMPFS });
  if (v.persistentVolumeClaim) {
    return {
      name: claimVolumeName(ns, v.persistentVolumeClaim.claimName),
      volume: v.name,
      kind: "persistentVolumeClaim",
      labels: { ...base, [LABEL.namespace]: ns, [LABEL.claim]: v.persistentVolumeClaim.claimName },
      podLifetime: false,
    };
  }
  return undefined;
}

export interface ContainerMounts {
  Mounts: VolumeMountSpec[];
  /** `src:dst[:ro]` binds: hostPath (created when missing, like DirectoryOrCreate) and subPath. */
  Binds: string[];
}

function checkSubPath(sub: string, container: string, volume: string): string {
  const norm = posix.normalize(sub);
  if (posix.isAbsolute(sub) || norm === ".." || norm.startsWith("../")) {
    throw configError(
      `container ${container}: subPath "${sub}" of volume ${volume} must be a relative path inside the volume`,
    );
  }
  return norm;
}

const CREATE_IF_MISSING = new Set(["", "DirectoryOrCreate"]);

/**
 * A container's mounts. `mountpoints` (Docker volume name → its Mountpoint on the engine host)
 * is needed only for subPath mounts of named volumes, which Engine API 1.41 cannot express
 * except as a bind of the volume's directory.
 */
export function containerMounts(
  pod: Pod,
  c: Container,
  mountpoints: ReadonlyMap<string, string> = new Map(),
): ContainerMounts {
  const out: ContainerMounts = { Mounts: [], Binds: [] };
  const uid = pod.metadata.uid ?? "";
  const ns = pod.metadata.namespace ?? "default";
  const byName = new Map((pod.spec.volumes ?? []).map((v) => [v.name, v]));
  for (const m of c.volumeMounts ?? []) {
    const v = byName.get(m.name);
    if (!v) throw configError(`container ${c.name}: volumeMount ${m.name} names no volume of the pod`);
    const sub = m.subPath ? checkSubPath(m.subPath, c.name, m.name) : undefined;
    const projected = v.configMap !== undefined || v.secret !== undefined;
    const readOnly = m.readOnly === true || projected || v.persistentVolumeClaim?.readOnly === true;
    const ro = readOnly ? ":ro" : "";

    if (v.hostPath) {
      const src = sub ? posix.join(v.hostPath.path, sub) : v.hostPath.path;
      if (CREATE_IF_MISSING.has(v.hostPath.type ?? "")) out.Binds.push(`${src}:${m.mountPath}${ro}`);
      else out.Mounts.push({ Type: "bind", Source: src, Target: m.mountPath, ReadOnly: readOnly });
      continue;
    }
    const name = v.persistentVolumeClaim
      ? claimVolumeName(ns, v.persistentVolumeClaim.claimName)
      : v.emptyDir || projected
        ? podVolumeName(uid, v.name)
        : undefined;
    if (name === undefined)
      throw configError(`container ${c.name}: volume ${v.name} has no supported source`);
    if (sub) {
      const mp = mountpoints.get(name);
      if (mp === undefined)
        throw configError(`container ${c.name}: subPath of volume ${v.name} needs its mountpoint`);
      out.Binds.push(`${posix.join(mp, sub)}:${m.mountPath}${ro}`);
      continue;
    }
    out.Mounts.push({
      Type: "volume",
      Source: name,
      Target: m.mountPath,
      ReadOnly: readOnly,
      VolumeOptions: { NoCopy: true },
    });
  }
  return out;
}

/**
 * Directory entries (for an archive put at /berth/volumes in the sandbox) that make freshly
 * created disk-backed volumes world-writable like Kubernetes' emptyDir (0777) and the usual
 * dynamic provisioners' claims — group fsGroup with setgid when the pod sets one. Docker would
 * leave them root-owned 0755, unusable for non-root containers. Memory-backed volumes are tmpfs,
 * already 1777; claims that existed before keep whatever mode they have.
 */
export function volumeRootEntries(pod: Pod, plan: VolumePlan, created: ReadonlySet<string>): ArchiveEntry[] {
  const fsGroup = pod.spec.securityContext?.fsGroup;
  const out: ArchiveEntry[] = [];
  for (const v of plan.volumes) {
    const disk = (v.kind === "emptyDir" && v.driverOpts === undefined) || v.kind === "persistentVolumeClaim";
    if (!disk || !created.has(v.name)) continue;
    out.push({
      type: "directory",
      name: v.volume,
      mode: fsGroup !== undefined ? 0o2777 : 0o777,
      gid: fsGroup ?? 0,
    });
  }
  return out;
}

// Pod defaults (k8s pkg/apis/core/v1/defaults.go), applied to Pods and to every pod template:
// berth's controllers copy templates into pods, so a template carries what its pods will get.

import type { Container, EnvVar, PodSpec, Probe, PullPolicy, Volume } from "../types.js";
import { canonicalOrSame, defaultResources } from "./resources.js";

/** 0644: the file mode Kubernetes gives projected configMap and secret keys. */
export const DEFAULT_VOLUME_MODE = 420;

/**
 * Always for `:latest` and for untagged images (which mean latest), IfNotPresent otherwise; a
 * digest reference without a tag counts as tagged (k8s parsers.ParseImageName).
 */
export function defaultPullPolicy(image: string): PullPolicy {
  const at = image.indexOf("@");
  const hasDigest = at >= 0;
  const name = hasDigest ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(":");
  const tag = colon > name.lastIndexOf("/") ? name.slice(colon + 1) : "";
  if (tag === "latest" || (tag === "" && !hasDigest)) return "Always";
  return "IfNotPresent";
}

export function defaultProbe(p: Probe): void {
  p.initialDelaySeconds ??= 0;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) {
    if (p.httpGet.path === undefined || p.httpGet.path === "") p.httpGet.path = "/";
    p.httpGet.scheme ??= "HTTP";
  }
}

function defaultEnv(env: EnvVar): void {
  const from = env.valueFrom;
  if (!from) return;
  if (from.fieldRef) from.fieldRef.apiVersion ??= "v1";
  if (from.resourceFieldRef) {
    // An omitted divisor serialises as "0" in Kubernetes (a non-pointer Quantity).
    from.resourceFieldRef.divisor = canonicalOrSame(from.resourceFieldRef.divisor ?? "0") as string;
  }
}

export function defaultContainer(c: Container, hostNetwork: boolean): void {
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.terminationMessagePath ??= "/dev/termination-log";
  c.terminationMessagePolicy ??= "File";
  for (const port of c.ports ?? []) {
    port.protocol ??= "TCP";
    // With the host's network the container port is the host port.
    if (hostNetwork && (port.hostPort === undefined || port.hostPort === 0))
      port.hostPort = port.containerPort;
  }
  for (const env of c.env ?? []) defaultEnv(env);
  c.resources ??= {};
  defaultResources(c.resources, true);
  for (const mount of c.volumeMounts ?? []) mount.readOnly ??= false;
  if (c.livenessProbe) defaultProbe(c.livenessProbe);
  if (c.readinessProbe) defaultProbe(c.readinessProbe);
  if (c.startupProbe) defaultProbe(c.startupProbe);
}

export function defaultVolume(v: Volume): void {
  // A volume that names no source is an emptyDir (SetDefaults_Volume).
  if (Object.keys(v).every((k) => k === "name")) v.emptyDir = {};
  if (v.emptyDir) {
    v.emptyDir.medium ??= "";
    if (v.emptyDir.sizeLimit !== undefined)
      v.emptyDir.sizeLimit = canonicalOrSame(v.emptyDir.sizeLimit) as string;
  }
  if (v.configMap) v.configMap.defaultMode ??= DEFAULT_VOLUME_MODE;
  if (v.secret) v.secret.defaultMode ??= DEFAULT_VOLUME_MODE;
  // Sources the schema accepts but the object model does not name get their modes too.
  const other = v as unknown as Record<string, { defaultMode?: number } | undefined>;
  for (const source of ["projected", "downwardAPI"]) {
    const s = other[source];
    if (s) s.defaultMode ??= DEFAULT_VOLUME_MODE;
  }
  if (v.hostPath) v.hostPath.type ??= "";
}

/** Fills a pod spec in place (callers pass a copy). */
export function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.enableServiceLinks ??= true;
  spec.schedulerName ??= "default-scheduler";
  spec.securityContext ??= {};
  spec.hostNetwork ??= false;
  for (const c of spec.initContainers ?? []) defaultContainer(c, spec.hostNetwork);
  for (const c of spec.containers) defaultContainer(c, spec.hostNetwork);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

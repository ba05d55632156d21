// Opt-in rollouts on configuration changes. Kubernetes never restarts pods when a ConfigMap or
// Secret they use changes (env values stay as they were; projected files update in place). A
// workload annotated `berth.io/rollout-on-config-change: "true"` gets a hash of the ConfigMaps and
// Secrets its pod template references written into the template's annotations, so a changed value
// changes the template and rolls the workload like any other template change (the same trick as
// Helm's checksum annotations, done for you).

import { createHash } from "node:crypto";
import type { KObject, PodTemplateSpec } from "../manifest/types.js";

export const ROLLOUT_ON_CONFIG_CHANGE = "berth.io/rollout-on-config-change";
export const CONFIG_HASH = "berth.io/config-hash";

/** The ConfigMaps and Secrets a pod template reads (env, envFrom, volumes, projected volumes). */
export function referencedConfig(template: PodTemplateSpec): {
  configMaps: Set<string>;
  secrets: Set<string>;
} {
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  const spec = template.spec;
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef) configMaps.add(e.valueFrom.configMapKeyRef.name);
      if (e.valueFrom?.secretKeyRef) secrets.add(e.valueFrom.secretKeyRef.name);
    }
    for (const f of c.envFrom ?? []) {
      if (f.configMapRef) configMaps.add(f.configMapRef.name);
      if (f.secretRef) secrets.add(f.secretRef.name);
    }
  }
  for (const v of spec.volumes ?? []) {
    if (v.configMap) configMaps.add(v.configMap.name);
    if (v.secret) secrets.add(v.secret.secretName);
  }
  return { configMaps, secrets };
}

function templateOf(obj: KObject): PodTemplateSpec | undefined {
  switch (obj.kind) {
    case "Deployment":
    case "DaemonSet":
    case "StatefulSet":
    case "ReplicaSet":
      return obj.spec.template;
    default:
      return undefined;
  }
}

/**
 * Returns `desired` with the config hash set on opted-in workloads. Secret values go through
 * `hashSecret` (the state file's keyed hash), so the annotation reveals nothing about them.
 */
export function withConfigHashes(
  desired: readonly KObject[],
  hashSecret: (value: string) => string,
): KObject[] {
  const byName = new Map<string, KObject>();
  for (const o of desired) {
    if (o.kind === "ConfigMap" || o.kind === "Secret")
      byName.set(`${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`, o);
  }
  return desired.map((o) => {
    const template = templateOf(o);
    if (!template || o.metadata.annotations?.[ROLLOUT_ON_CONFIG_CHANGE] !== "true") return o;
    const ns = o.metadata.namespace ?? "";
    const refs = referencedConfig(template);
    const h = createHash("sha256");
    for (const name of [...refs.configMaps].sort()) {
      const cm = byName.get(`ConfigMap/${ns}/${name}`);
      h.update(`ConfigMap/${name}\0`);
      if (cm?.kind === "ConfigMap") {
        for (const [k, v] of Object.entries({ ...cm.data, ...cm.binaryData }).sort())
          h.update(`${k}\0${v}\0`);
      }
    }
    for (const name of [...refs.secrets].sort()) {
      const s = byName.get(`Secret/${ns}/${name}`);
      h.update(`Secret/${name}\0`);
      if (s?.kind === "Secret") {
        for (const [k, v] of Object.entries(s.data ?? {}).sort()) h.update(`${k}\0${hashSecret(v)}\0`);
      }
    }
    const out = structuredClone(o);
    const t = templateOf(out);
    if (t)
      t.metadata.annotations = { ...t.metadata.annotations, [CONFIG_HASH]: h.digest("hex").slice(0, 16) };
    return out;
  });
}

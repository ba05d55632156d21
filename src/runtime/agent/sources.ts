// ConfigMaps and Secrets a pod uses, read from the store: the spec builders' ConfigSources, which
// objects a pod references (so a change re-projects its volumes), and Secrets that are not usable
// yet. After a restart Secrets come back from the state file with hashes instead of values
// (src/state/secrets.ts) until their source is synced again: nothing may be built from those.

import type { Container, Pod } from "../../manifest/types.js";
import { isHashedSecretValue } from "../../state/secrets.js";
import type { ObjectStore } from "../../state/store.js";
import type { ConfigSources } from "../spec/context.js";

export function storeSources(store: ObjectStore, namespace: string): ConfigSources {
  return {
    configMap: (name) => store.get("ConfigMap", namespace, name),
    secret: (name) => store.get("Secret", namespace, name),
  };
}

export interface PodReferences {
  configMaps: Set<string>;
  secrets: Set<string>;
  /** Those mounted as volumes (projected files follow changes; env does not). */
  volumeConfigMaps: Set<string>;
  volumeSecrets: Set<string>;
}

function containerRefs(c: Container, refs: PodReferences): void {
  for (const e of c.env ?? []) {
    const cm = e.valueFrom?.configMapKeyRef?.name;
    if (cm !== undefined) refs.configMaps.add(cm);
    const s = e.valueFrom?.secretKeyRef?.name;
    if (s !== undefined) refs.secrets.add(s);
  }
  for (const f of c.envFrom ?? []) {
    if (f.configMapRef) refs.configMaps.add(f.configMapRef.name);
    if (f.secretRef) refs.secrets.add(f.secretRef.name);
  }
}

export function podReferences(pod: Pod): PodReferences {
  const refs: PodReferences = {
    configMaps: new Set(),
    secrets: new Set(),
    volumeConfigMaps: new Set(),
    volumeSecrets: new Set(),
  };
  for (const v of pod.spec.volumes ?? []) {
    if (v.configMap) refs.volumeConfigMaps.add(v.configMap.name);
    if (v.secret) refs.volumeSecrets.add(v.secret.secretName);
  }
  for (const name of refs.volumeConfigMaps) refs.configMaps.add(name);
  for (const name of refs.volumeSecrets) refs.secrets.add(name);
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) containerRefs(c, refs);
  return refs;
}

/** Secrets the pod references that hold hashes instead of values (restored, not yet re-synced). */
export function unloadedSecrets(pod: Pod, sources: ConfigSources, refs = podReferences(pod)): string[] {
  const out: string[] = [];
  for (const name of refs.secrets) {
    const s = sources.secret(name);
    if (!s) continue;
    const values = [...Object.values(s.data ?? {}), ...Object.values(s.stringData ?? {})];
    if (values.some(isHashedSecretValue)) out.push(name);
  }
  return out.sort();
}

/** Why nothing is built from such Secrets yet. */
export function unloadedMessage(names: readonly string[]): string {
  const list = names.map((n) => `secret "${n}"`).join(", ");
  return `${list} not loaded yet: berth restarted and the Secret's source has not been synced again`;
}

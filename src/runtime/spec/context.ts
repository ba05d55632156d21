// What the pure spec builders need besides the Pod: the objects it references and facts about
// where it runs. The node agent fills this in; tests build it by hand.

import type { ConfigMap, Secret } from "../../manifest/types.js";

/** ConfigMaps and Secrets of the pod's namespace, looked up by name. */
export interface ConfigSources {
  configMap(name: string): ConfigMap | undefined;
  secret(name: string): Secret | undefined;
}

export interface NodeCapacity {
  /** Millicores (NCPU × 1000). */
  cpuMilli: number;
  /** Bytes. */
  memoryBytes: number;
  /** Bytes; unknown when absent. */
  ephemeralStorageBytes?: number;
}

export interface PodRuntimeFacts {
  /** The node the pod runs on (spec.nodeName when the scheduler set it). */
  nodeName: string;
  /** status.hostIP: the node's address. */
  hostIP: string;
  /** status.podIP: known once the sandbox runs; "" before. */
  podIP: string;
  capacity: NodeCapacity;
}

export const EMPTY_SOURCES: ConfigSources = {
  configMap: () => undefined,
  secret: () => undefined,
};

/** A Secret's `data` values decoded (base64 → UTF-8 string), `stringData` taking precedence. */
export function secretValues(s: Secret): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(s.data ?? {})) out.set(k, Buffer.from(v, "base64").toString("utf8"));
  for (const [k, v] of Object.entries(s.stringData ?? {})) out.set(k, v);
  return out;
}

/** A ConfigMap's `data` plus `binaryData` (base64 → UTF-8 string). */
export function configMapValues(cm: ConfigMap): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(cm.data ?? {})) out.set(k, v);
  for (const [k, v] of Object.entries(cm.binaryData ?? {}))
    out.set(k, Buffer.from(v, "base64").toString("utf8"));
  return out;
}

// io.berth.spec-hash: a stable hash of what a container was built from, so the lifecycle logic
// sees a changed spec by comparing labels. Only the spec goes in — never resolved env values
// (secrets must not be derivable, and a changed ConfigMap does not restart containers in
// Kubernetes either) and never the attempt number.

import { createHash } from "node:crypto";
import type { Container, Pod } from "../../manifest/types.js";

const VERSION = "v1";

/** JSON with object keys sorted and undefined members dropped: equal meaning, equal text. */
export function stableJson(v: unknown): string {
  if (v === undefined) return "null";
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? "null" : stableJson(x))).join(",")}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(",")}}`;
}

function hash(v: unknown): string {
  return createHash("sha256").update(stableJson(v)).digest("hex").slice(0, 16);
}

/** Init or app container: its own spec plus the pod fields that shape it. */
export function containerSpecHash(pod: Pod, c: Container, role: "init" | "app"): string {
  const used = new Set((c.volumeMounts ?? []).map((m) => m.name));
  return hash({
    v: VERSION,
    role,
    container: c,
    volumes: (pod.spec.volumes ?? []).filter((v) => used.has(v.name)),
    securityContext: pod.spec.securityContext,
    terminationGracePeriodSeconds: pod.spec.terminationGracePeriodSeconds,
  });
}

/** The sandbox: network identity, published ports and the volumes it holds. Service aliases
 * are attached by the networking layer and deliberately left out. */
export function sandboxSpecHash(pod: Pod): string {
  return hash({
    v: VERSION,
    hostNetwork: pod.spec.hostNetwork === true,
    hostname: pod.spec.hostname,
    subdomain: pod.spec.subdomain,
    dnsPolicy: pod.spec.dnsPolicy,
    ports: pod.spec.containers.map((c) => c.ports ?? []),
    volumes: pod.spec.volumes ?? [],
  });
}

// One computePodActions call as a pod worker makes it: spec hashes computed once per call, the
// node's address as hostIP, the node's lifecycle timings, and image presence from the node's cache
// (images the cache does not know are collected, so the worker can ask the engine and compute again).

import type { Pod } from "../../manifest/types.js";
import { computePodActions } from "../lifecycle/compute.js";
import type { ComputeResult, PodRuntimeState } from "../lifecycle/types.js";
import type { ObservedPod } from "../observed.js";
import { containerSpecHash, sandboxSpecHash } from "../spec/spec-hash.js";
import type { WorkerEnv } from "./worker-env.js";

export function emptyObserved(uid: string, pod: Pod | undefined): ObservedPod {
  return { uid, name: pod?.metadata.name ?? "", namespace: pod?.metadata.namespace ?? "", containers: [] };
}

export function computeForPod(
  env: Pick<WorkerEnv, "clock" | "images" | "address" | "settings">,
  pod: Pod,
  observed: ObservedPod,
  state: PodRuntimeState,
  unknownImages?: Set<string>,
): ComputeResult {
  const hashes = new Map<string, string>();
  return computePodActions(pod, observed, state, {
    now: env.clock.now(),
    specHashOf: (c, role) => {
      const key = `${role}/${c.name}`;
      let h = hashes.get(key);
      if (h === undefined) hashes.set(key, (h = containerSpecHash(pod, c, role)));
      return h;
    },
    sandboxSpecHash: sandboxSpecHash(pod),
    imagePresent: (image) => {
      const known = env.images.known(image);
      if (known === undefined) unknownImages?.add(image);
      return known ?? false;
    },
    hostIP: env.address,
    config: env.settings.lifecycle,
  });
}

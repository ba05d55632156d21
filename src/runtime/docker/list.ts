// Finding what berth runs on an engine from labels alone: the basis of adoption after a restart.

import type Docker from "dockerode";
import { BerthError } from "../../util/errors.js";
import { LABEL } from "../labels.js";
import type { ObservedContainer, ObservedPod } from "../observed.js";
import { engineMessage, isNotFound } from "./errors.js";
import { groupByPod, observeFromInspect, type InspectShape } from "./observe.js";
import { readTerminationMessage } from "./termination.js";

// An exited container's message never changes: read it once per container. The read in flight is
// what is kept, so the inspections an exit sets off at once (its kill, die and stop events, the
// pod's refresh after acting) share one read instead of each asking the engine for the archive.
const messages = new WeakMap<Docker, Map<string, Promise<string | undefined>>>();
const MESSAGE_CACHE_MAX = 2000;

function messageOf(docker: Docker, o: ObservedContainer): Promise<string | undefined> {
  let cache = messages.get(docker);
  if (!cache) {
    cache = new Map();
    messages.set(docker, cache);
  }
  const known = cache.get(o.id);
  if (known) return known;
  const read = readTerminationMessage(docker, o);
  if (cache.size >= MESSAGE_CACHE_MAX) cache.clear();
  cache.set(o.id, read);
  // A failed read is not remembered: the next inspection tries again.
  read.catch(() => cache.delete(o.id));
  return read;
}

/** The container as berth sees it (with its termination message once it exited, unless
 * `skipMessage` says its pod has no use for it); undefined when it is gone or not berth's. */
export async function inspectContainer(
  docker: Docker,
  id: string,
  skipMessage: (o: ObservedContainer) => boolean = () => false,
): Promise<ObservedContainer | undefined> {
  try {
    const info = (await docker.getContainer(id).inspect()) as unknown as InspectShape;
    const o = observeFromInspect(info);
    if (o && o.role !== "sandbox" && (o.state === "exited" || o.state === "dead") && !skipMessage(o)) {
      const message = await messageOf(docker, o);
      if (message !== undefined) o.message = message;
    }
    return o;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw new BerthError("E_DOCKER", `inspecting ${id.slice(0, 12)}: ${engineMessage(e)}`, { cause: e });
  }
}

const INSPECT_CONCURRENCY = 8;

/**
 * Every berth container on the engine for `node` (all states), inspected and grouped by pod
 * uid. `node` undefined: every berth container regardless of node label.
 */
export async function listManagedContainers(
  docker: Docker,
  node?: string,
): Promise<Map<string, ObservedPod>> {
  const label = [`${LABEL.managed}=true`];
  if (node !== undefined) label.push(`${LABEL.node}=${node}`);
  let list: Docker.ContainerInfo[];
  try {
    list = await docker.listContainers({ all: true, filters: { label } });
  } catch (e) {
    throw new BerthError("E_DOCKER", `listing containers: ${engineMessage(e)}`, { cause: e });
  }
  const observed: ObservedContainer[] = [];
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const item = list[next++];
      if (!item) break;
      const o = await inspectContainer(docker, item.Id);
      if (o) observed.push(o);
    }
  };
  await Promise.all(Array.from({ length: Math.min(INSPECT_CONCURRENCY, list.length) }, worker));
  return groupByPod(observed);
}

// Finding what berth runs on an engine from labels alone: the basis of adoption after a restart.

import type Docker from "dockerode";
import { BerthError } from "../../util/errors.js";
import { LABEL } from "../labels.js";
import type { ObservedContainer, ObservedPod } from "../observed.js";
import { engineMessage, isNotFound } from "./errors.js";
import { groupByPod, observeFromInspect, type InspectShape } from "./observe.js";

/** The container as berth sees it; undefined when it is gone or not berth's. */
export async function inspectContainer(docker: Docker, id: string): Promise<ObservedContainer | undefined> {
  try {
    const info = (await docker.getContainer(id).inspect()) as unknown as InspectShape;
    return observeFromInspect(info);
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

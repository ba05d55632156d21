// The effectful half of the proxies on one engine: list them (labels are the whole record, so a
// restarted berth adopts what runs), create, start, remove, connect to namespace networks, and
// push endpoint lists into them with Docker's archive API.

import type Docker from "dockerode";
import { engineMessage, isConflict, isNotFound, isNotModified } from "../../runtime/docker/errors.js";
import { tarBuffer } from "../../runtime/docker/tar.js";
import { LABEL } from "../../runtime/labels.js";
import { BerthError } from "../../util/errors.js";
import { PROXY_CONFIG_DIR, PROXY_CONFIG_FILE } from "./proxy-config.js";
import { PROXY_ROLE, SERVICE_LABEL, type ProxyCreateOptions } from "./proxy-spec.js";

export interface ObservedProxy {
  id: string;
  name: string;
  /** running | created | exited | restarting | … */
  state: string;
  specHash: string;
  namespace: string;
  service: string;
  serviceUid: string;
  /** Networks it is connected to (names). */
  networks: string[];
}

export interface ObservedNetwork {
  name: string;
  namespace: string;
}

interface ListedContainer {
  Id: string;
  Names?: string[];
  State?: string;
  Labels?: Record<string, string>;
  NetworkSettings?: { Networks?: Record<string, unknown> };
}

export async function listProxies(docker: Docker, node: string): Promise<ObservedProxy[]> {
  let list: ListedContainer[];
  try {
    list = await docker.listContainers({
      all: true,
      filters: { label: [`${LABEL.role}=${PROXY_ROLE}`, `${LABEL.node}=${node}`] },
    });
  } catch (e) {
    throw new BerthError("E_DOCKER", `listing service proxies on node ${node}: ${engineMessage(e)}`, {
      cause: e,
    });
  }
  return list.map((c) => {
    const l = c.Labels ?? {};
    return {
      id: c.Id,
      name: (c.Names?.[0] ?? "").replace(/^\//, ""),
      state: c.State ?? "",
      specHash: l[LABEL.specHash] ?? "",
      namespace: l[SERVICE_LABEL.namespace] ?? "",
      service: l[SERVICE_LABEL.name] ?? "",
      serviceUid: l[SERVICE_LABEL.uid] ?? "",
      networks: Object.keys(c.NetworkSettings?.Networks ?? {}).sort(),
    };
  });
}

/** berth's namespace networks on the engine (`berth-ns-*`, labelled with their namespace). */
export async function listNamespaceNetworks(docker: Docker): Promise<ObservedNetwork[]> {
  try {
    const nets = (await docker.listNetworks({
      filters: { label: [`${LABEL.managed}=true`, LABEL.namespace] },
    })) as { Name: string; Labels?: Record<string, string> | null }[];
    return nets
      .filter((n) => n.Name.startsWith("berth-ns-"))
      .map((n) => ({
        name: n.Name,
        namespace: n.Labels?.[LABEL.namespace] ?? n.Name.slice("berth-ns-".length),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch (e) {
    throw new BerthError("E_DOCKER", `listing namespace networks: ${engineMessage(e)}`, { cause: e });
  }
}

/** Creates the proxy (not started); a leftover of the same name is removed first. */
export async function createProxy(docker: Docker, options: ProxyCreateOptions): Promise<string> {
  const create = () => docker.createContainer(options);
  try {
    return (await create()).id;
  } catch (e) {
    if (!isConflict(e)) {
      throw new BerthError("E_PROXY_CREATE", `creating ${options.name}: ${engineMessage(e)}`, { cause: e });
    }
  }
  await removeProxy(docker, options.name);
  try {
    return (await create()).id;
  } catch (e) {
    throw new BerthError("E_PROXY_CREATE", `creating ${options.name}: ${engineMessage(e)}`, { cause: e });
  }
}

export async function startProxy(docker: Docker, id: string): Promise<void> {
  try {
    await docker.getContainer(id).start();
  } catch (e) {
    if (isNotModified(e)) return;
    throw new BerthError("E_PROXY_START", `starting proxy ${id.slice(0, 12)}: ${engineMessage(e)}`, {
      cause: e,
    });
  }
}

/** Kills and removes; absent is fine. */
export async function removeProxy(docker: Docker, idOrName: string): Promise<void> {
  try {
    await docker.getContainer(idOrName).remove({ force: true });
  } catch (e) {
    if (isNotFound(e)) return;
    if (engineMessage(e).includes("already in progress")) return;
    throw new BerthError("E_DOCKER", `removing proxy ${idOrName}: ${engineMessage(e)}`, { cause: e });
  }
}

export async function connectProxy(
  docker: Docker,
  network: string,
  id: string,
  aliases: string[],
): Promise<void> {
  try {
    await docker.getNetwork(network).connect({ Container: id, EndpointConfig: { Aliases: aliases } });
  } catch (e) {
    // Already connected (a race with ourselves after a restart): fine.
    if (engineMessage(e).includes("already exists")) return;
    throw new BerthError(
      "E_DOCKER",
      `connecting proxy ${id.slice(0, 12)} to ${network}: ${engineMessage(e)}`,
      {
        cause: e,
      },
    );
  }
}

export async function disconnectProxy(docker: Docker, network: string, id: string): Promise<void> {
  try {
    await docker.getNetwork(network).disconnect({ Container: id, Force: true });
  } catch (e) {
    if (isNotFound(e) || engineMessage(e).includes("is not connected")) return;
    throw new BerthError(
      "E_DOCKER",
      `disconnecting proxy ${id.slice(0, 12)} from ${network}: ${engineMessage(e)}`,
      {
        cause: e,
      },
    );
  }
}

/** Writes the endpoint list into the proxy (works on created and running containers). */
export async function pushProxyConfig(docker: Docker, id: string, json: string): Promise<void> {
  const tar = await tarBuffer(
    [{ type: "file", name: PROXY_CONFIG_FILE, content: Buffer.from(json), mode: 0o644, gid: 0 }],
    new Date(),
  );
  try {
    await docker.getContainer(id).putArchive(tar, { path: PROXY_CONFIG_DIR });
  } catch (e) {
    throw new BerthError("E_DOCKER", `writing endpoints into proxy ${id.slice(0, 12)}: ${engineMessage(e)}`, {
      cause: e,
    });
  }
}

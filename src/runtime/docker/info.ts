// Node capacity and identity from the engine (docker info).

import type Docker from "dockerode";

export interface DockerInfo {
  /** The engine host's name. */
  name: string;
  ncpu: number;
  memTotal: number;
  serverVersion: string;
  architecture: string;
  os: string;
  dockerRootDir: string;
  cgroupVersion: string;
}

/** `docker info`; with `timeoutMs` the request is aborted when the engine does not answer in time. */
export async function dockerInfo(docker: Docker, opts: { timeoutMs?: number } = {}): Promise<DockerInfo> {
  // dockerode 5 takes an abort signal here; @types/dockerode 4 does not know it.
  const info = docker.info.bind(docker) as unknown as (o: { abortSignal?: AbortSignal }) => Promise<unknown>;
  const i = (await info(
    opts.timeoutMs !== undefined ? { abortSignal: AbortSignal.timeout(opts.timeoutMs) } : {},
  )) as Record<string, unknown>;
  const str = (k: string) => (typeof i[k] === "string" ? i[k] : "");
  const num = (k: string) => (typeof i[k] === "number" ? i[k] : 0);
  return {
    name: str("Name"),
    ncpu: num("NCPU"),
    memTotal: num("MemTotal"),
    serverVersion: str("ServerVersion"),
    architecture: str("Architecture"),
    os: str("OperatingSystem"),
    dockerRootDir: str("DockerRootDir"),
    cgroupVersion: str("CgroupVersion"),
  };
}

/** The capacity the spec builders need for resourceFieldRef defaults. */
export function capacityOf(info: DockerInfo): { cpuMilli: number; memoryBytes: number } {
  return { cpuMilli: info.ncpu * 1000, memoryBytes: info.memTotal };
}

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

export async function dockerInfo(docker: Docker): Promise<DockerInfo> {
  const i = (await docker.info()) as Record<string, unknown>;
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

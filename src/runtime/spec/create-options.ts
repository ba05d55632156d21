// The subset of Docker's POST /containers/create body berth sends (Engine API 1.41 names).
// Own types rather than @types/dockerode's, which demand fields the API treats as optional.

import type { PortBinding } from "./ports.js";
import type { VolumeMountSpec } from "./volumes.js";

export interface HostConfigSpec {
  NetworkMode: string;
  IpcMode?: string;
  RestartPolicy: { Name: "no" };
  Mounts: VolumeMountSpec[];
  Binds?: string[];
  PortBindings?: Record<string, PortBinding[]>;
  Dns?: string[];
  DnsSearch?: string[];
  DnsOptions?: string[];
  ExtraHosts?: string[];
  CpuShares?: number;
  CpuPeriod?: number;
  CpuQuota?: number;
  Memory?: number;
  MemorySwap?: number;
  ReadonlyRootfs?: boolean;
  Privileged?: boolean;
  CapAdd?: string[];
  CapDrop?: string[];
  SecurityOpt?: string[];
  GroupAdd?: string[];
}

export interface CreateOptionsSpec {
  name: string;
  Image: string;
  Labels: Record<string, string>;
  HostConfig: HostConfigSpec;
  Hostname?: string;
  Env?: string[];
  Entrypoint?: string[];
  Cmd?: string[];
  WorkingDir?: string;
  User?: string;
  Tty?: boolean;
  OpenStdin?: boolean;
  StopTimeout?: number;
  ExposedPorts?: Record<string, Record<string, never>>;
  NetworkingConfig?: { EndpointsConfig: Record<string, { Aliases: string[] }> };
}

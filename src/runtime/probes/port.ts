// Probe ports: numbers, or names looked up in the container's ports (kubelet extractPort).

import type { Container, IntOrString } from "../../manifest/types.js";
import { BerthError } from "../../util/errors.js";

export function resolveProbePort(port: IntOrString, container: Container): number {
  let value: number;
  if (typeof port === "number") {
    value = port;
  } else {
    const named = container.ports?.find((p) => p.name === port);
    if (named) value = named.containerPort;
    else if (/^\d+$/.test(port)) value = Number(port);
    else {
      throw new BerthError("E_PROBE_PORT", `port ${port} not found in container ${container.name}`, {
        hint: "name a port listed under the container's ports, or give a number",
      });
    }
  }
  if (!Number.isInteger(value) || value <= 0 || value >= 65536) {
    throw new BerthError("E_PROBE_PORT", `invalid port number: ${value}`, { hint: "ports are 1–65535" });
  }
  return value;
}

/** Where to connect: the probe's own host with the container port, else the resolver, else the pod IP. */
export function probeAddress(
  host: string | undefined,
  port: number,
  target: {
    container: Container;
    podIP?: string;
    resolve?: (container: Container, port: number) => { host: string; port: number };
  },
): { host: string; port: number } {
  if (host !== undefined && host !== "") return { host, port };
  if (target.resolve) return target.resolve(target.container, port);
  if (target.podIP !== undefined && target.podIP !== "") return { host: target.podIP, port };
  throw new BerthError(
    "E_PROBE_HOST",
    `no address to probe port ${port} of container ${target.container.name}`,
    {
      hint: "the pod has no IP yet and no port resolver was given",
    },
  );
}

/** "host:port", with brackets around IPv6 addresses (Go's net.JoinHostPort). */
export function joinHostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

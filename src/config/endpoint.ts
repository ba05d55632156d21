// Docker endpoints as DOCKER_HOST spells them, limited to what dockerode / docker-modem connect
// to: unix sockets, plain or TLS TCP, and SSH.

import { isIP } from "node:net";
import type { DockerEndpoint } from "./types.js";

export const DEFAULT_SOCKET = "/var/run/docker.sock";
export const ENDPOINT_EXPECTED = "unix:///path, tcp://host:port or ssh://user@host[:port]";

export type EndpointResult = { ok: true; endpoint: DockerEndpoint } | { ok: false; reason: string };

function unbracket(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/** Parses an endpoint; tcp:// without a port gets Docker's 2375 (2376 with TLS, set by the caller). */
export function parseEndpoint(text: string): EndpointResult {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) return { ok: false, reason: "not a URL" };
  if (scheme === "unix") {
    const socketPath = text.slice("unix://".length);
    if (!socketPath.startsWith("/"))
      return { ok: false, reason: "a unix socket path must be absolute (unix:///path)" };
    return { ok: true, endpoint: { kind: "unix", url: text, socketPath } };
  }
  if (scheme !== "tcp" && scheme !== "ssh") {
    return { ok: false, reason: `scheme ${scheme}:// is not supported` };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: "not a valid URL" };
  }
  const host = unbracket(url.hostname);
  if (host === "") return { ok: false, reason: "the host is missing" };
  if (url.pathname !== "" && url.pathname !== "/") return { ok: false, reason: "a path is not allowed here" };
  if (scheme === "tcp") {
    if (url.username || url.password) return { ok: false, reason: "tcp:// endpoints take no user" };
    return { ok: true, endpoint: { kind: "tcp", url: text, host, port: url.port ? Number(url.port) : 2375 } };
  }
  if (url.password) return { ok: false, reason: "put no password in an ssh:// URL; use an SSH key" };
  const endpoint: DockerEndpoint = { kind: "ssh", url: text, host, port: url.port ? Number(url.port) : 22 };
  if (url.username) endpoint.username = decodeURIComponent(url.username);
  return { ok: true, endpoint };
}

/** The address other hosts reach this node's published ports at, when the config names none. */
export function defaultAddress(endpoint: DockerEndpoint): string {
  return endpoint.kind === "unix" ? "127.0.0.1" : endpoint.host;
}

/** Whether `host` names this machine only (a loopback address or localhost). */
export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1";
}

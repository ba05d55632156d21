// One dockerode client per node, built from the node's endpoint. Every connection option is set
// explicitly so DOCKER_HOST / DOCKER_CERT_PATH in berth's own environment never redirect a node.
// The API version is negotiated once: berth speaks 1.41 (what the engines here offer) and steps
// down to an older engine's version, or up to a newer engine's minimum.

import { readFileSync } from "node:fs";
import Docker from "dockerode";
import { BerthError } from "../../util/errors.js";
import type { NodeEndpoint } from "../node.js";
import { engineMessage } from "./errors.js";

export const PREFERRED_API_VERSION = "1.41";

export type ParsedEndpoint =
  | { kind: "unix"; socketPath: string }
  | { kind: "tcp"; host: string; port: number }
  | { kind: "ssh"; host: string; port: number; username?: string };

export function parseEndpoint(url: string): ParsedEndpoint {
  if (url.startsWith("/")) return { kind: "unix", socketPath: url };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new BerthError("E_ENDPOINT", `"${url}" is not a Docker endpoint`, {
      hint: "use unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host",
    });
  }
  switch (u.protocol) {
    case "unix:":
      if (u.pathname === "") throw new BerthError("E_ENDPOINT", `"${url}" names no socket path`);
      return { kind: "unix", socketPath: decodeURIComponent(u.pathname) };
    case "tcp:":
    case "http:":
    case "https:":
      return { kind: "tcp", host: u.hostname.replace(/^\[|\]$/g, ""), port: u.port ? Number(u.port) : 2375 };
    case "ssh:": {
      const out: ParsedEndpoint = { kind: "ssh", host: u.hostname, port: u.port ? Number(u.port) : 22 };
      if (u.username) out.username = decodeURIComponent(u.username);
      return out;
    }
    default:
      throw new BerthError("E_ENDPOINT", `unsupported Docker endpoint scheme "${u.protocol}" in "${url}"`, {
        hint: "use unix://, tcp:// or ssh://",
      });
  }
}

/** dockerode options for an endpoint; reads TLS/SSH key files. */
export function dockerOptions(ep: NodeEndpoint, version?: string): Docker.DockerOptions {
  const p = parseEndpoint(ep.url);
  const base: Docker.DockerOptions = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    username: undefined,
    version: version === undefined ? undefined : `v${version}`,
  };
  switch (p.kind) {
    case "unix":
      return { ...base, socketPath: p.socketPath };
    case "tcp":
      if (ep.tls) {
        return {
          ...base,
          host: p.host,
          port: p.port,
          protocol: "https",
          ca: readFileSync(ep.tls.ca),
          cert: readFileSync(ep.tls.cert),
          key: readFileSync(ep.tls.key),
        };
      }
      return { ...base, host: p.host, port: p.port, protocol: "http" };
    case "ssh": {
      const sshOptions: NonNullable<Docker.DockerOptions["sshOptions"]> = {};
      if (ep.sshKeyFile) sshOptions.privateKey = readFileSync(ep.sshKeyFile);
      else if (process.env.SSH_AUTH_SOCK) sshOptions.agent = process.env.SSH_AUTH_SOCK;
      return { ...base, host: p.host, port: p.port, protocol: "ssh", username: p.username, sshOptions };
    }
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The API version to use with an engine that offers [min, max]. */
export function negotiateVersion(serverMax: string, serverMin: string | undefined): string {
  if (compareVersions(serverMax, PREFERRED_API_VERSION) < 0) return serverMax;
  if (serverMin !== undefined && compareVersions(serverMin, PREFERRED_API_VERSION) > 0) return serverMin;
  return PREFERRED_API_VERSION;
}

export interface Connected {
  docker: Docker;
  apiVersion: string;
}

/** A client for the node's engine with the API version negotiated. Throws E_DOCKER_UNREACHABLE. */
export async function connect(
  ep: NodeEndpoint,
  opts: { timeoutMs?: number; node?: string } = {},
): Promise<Connected> {
  const where = `${opts.node !== undefined ? `node ${opts.node} ` : ""}at ${ep.url}`;
  let version = ep.apiVersion;
  if (version === undefined) {
    const probe = new Docker(dockerOptions(ep));
    try {
      // dockerode 5 takes an abort signal here; @types/dockerode 4 does not know it.
      const versionOf = probe.version.bind(probe) as unknown as (o: {
        abortSignal: AbortSignal;
      }) => Promise<{ ApiVersion: string; MinAPIVersion?: string }>;
      const v = await versionOf({ abortSignal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
      version = negotiateVersion(v.ApiVersion, v.MinAPIVersion);
    } catch (e) {
      throw new BerthError(
        "E_DOCKER_UNREACHABLE",
        `cannot reach the Docker engine ${where}: ${engineMessage(e)}`,
        {
          hint: "is dockerd running and the endpoint in berth.yaml right?",
          cause: e,
        },
      );
    }
  }
  return { docker: new Docker(dockerOptions(ep, version)), apiVersion: version };
}

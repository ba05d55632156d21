// Defaults that depend on the machine rather than the schema: the node berth runs on when the
// config lists none, and where the state file lives. Static defaults live in the JSON Schema
// (schemas/berth-config.json, "default"), applied by ajv while validating.

import { hostname, homedir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SOCKET, parseEndpoint } from "./endpoint.js";
import type { DockerEndpoint } from "./types.js";

export const DEFAULT_RESERVE = { cpuMillis: 100, memoryBytes: 256 * 1024 * 1024 } as const;

/** This host's name as a node name: lowercase, with anything DNS does not allow turned into '-'. */
export function hostNodeName(name: string = hostname()): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 253);
  return cleaned === "" ? "local" : cleaned;
}

export type EnvEndpoint = { ok: true; endpoint: DockerEndpoint } | { ok: false; reason: string };

/**
 * The engine the docker CLI would use: DOCKER_HOST (with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for
 * tcp://), else the default socket.
 */
export function endpointFromEnv(env: NodeJS.ProcessEnv): EnvEndpoint {
  const host = env.DOCKER_HOST?.trim();
  if (!host)
    return {
      ok: true,
      endpoint: { kind: "unix", url: `unix://${DEFAULT_SOCKET}`, socketPath: DEFAULT_SOCKET },
    };
  const r = parseEndpoint(host);
  if (!r.ok) return { ok: false, reason: `DOCKER_HOST=${host} is not a Docker endpoint: ${r.reason}` };
  const ep = r.endpoint;
  if (ep.kind === "tcp" && env.DOCKER_TLS_VERIFY) {
    const dir = env.DOCKER_CERT_PATH || join(homedir(), ".docker");
    ep.tls = { ca: join(dir, "ca.pem"), cert: join(dir, "cert.pem"), key: join(dir, "key.pem") };
    if (!/:\d+$/.test(host)) ep.port = 2376;
  }
  return { ok: true, endpoint: ep };
}

/** /var/lib/berth/state.json for root, else $XDG_STATE_HOME/berth/state.json (~/.local/state). */
export function defaultStatePath(
  env: NodeJS.ProcessEnv,
  uid: number | undefined = process.getuid?.(),
): string {
  if (uid === 0) return "/var/lib/berth/state.json";
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), ".local", "state");
  return join(base, "berth", "state.json");
}

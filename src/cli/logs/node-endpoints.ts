// The nodes section of berth.yaml, read on its own for `berth logs`: node names and how to reach
// their engines. Loading the whole file would fail in a shell that lacks the daemon's secrets,
// which reading logs does not need. The rules are the loader's: an endpoint left out comes from
// DOCKER_HOST (else the default socket), TLS files are relative to the file, and without any nodes
// there is one, named after this host.

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CORE_SCHEMA, load } from "js-yaml";
import { endpointFromEnv, hostNodeName } from "../../config/defaults.js";
import { parseEndpoint } from "../../config/endpoint.js";
import type { NodeEndpoint } from "../../runtime/node.js";
import { BerthError } from "../../util/errors.js";

export interface NodeEndpoints {
  /** The file read; undefined without one. */
  file?: string;
  nodes: { name: string; endpoint: NodeEndpoint }[];
}

function envEndpoint(env: NodeJS.ProcessEnv): NodeEndpoint {
  const r = endpointFromEnv(env);
  if (!r.ok) throw new BerthError("E_CLI_CONFIG", r.reason);
  const ep = r.endpoint;
  return ep.kind === "tcp" && ep.tls ? { url: ep.url, tls: ep.tls } : { url: ep.url };
}

export function readNodeEndpoints(file: string | undefined, env: NodeJS.ProcessEnv): NodeEndpoints {
  if (file === undefined) return { nodes: [{ name: hostNodeName(), endpoint: envEndpoint(env) }] };
  let doc: unknown;
  try {
    doc = load(readFileSync(file, "utf8"), { schema: CORE_SCHEMA });
  } catch (e) {
    throw new BerthError("E_CLI_CONFIG", `cannot read the nodes of ${file}: ${(e as Error).message}`, {
      origin: { file },
      hint: "fix the file (berth config checks it)",
    });
  }
  const raw = (doc as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(raw) || raw.length === 0) {
    return { file, nodes: [{ name: hostNodeName(), endpoint: envEndpoint(env) }] };
  }
  const base = dirname(file);
  const nodes: NodeEndpoints["nodes"] = [];
  for (const item of raw as unknown[]) {
    const n = item as {
      name?: unknown;
      endpoint?: unknown;
      tls?: { ca?: unknown; cert?: unknown; key?: unknown };
    };
    if (typeof n.name !== "string") continue;
    let endpoint: NodeEndpoint;
    if (typeof n.endpoint === "string") {
      const r = parseEndpoint(n.endpoint);
      if (!r.ok)
        throw new BerthError("E_CLI_CONFIG", `node ${n.name} in ${file}: endpoint ${n.endpoint} ${r.reason}`);
      endpoint = { url: n.endpoint };
    } else {
      endpoint = envEndpoint(env);
    }
    const tls = n.tls;
    if (tls && typeof tls.ca === "string" && typeof tls.cert === "string" && typeof tls.key === "string") {
      endpoint.tls = {
        ca: resolve(base, tls.ca),
        cert: resolve(base, tls.cert),
        key: resolve(base, tls.key),
      };
    }
    nodes.push({ name: n.name, endpoint });
  }
  return { file, nodes };
}

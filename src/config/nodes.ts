// The nodes section: endpoints parsed (DOCKER_HOST for a node without one), TLS files checked,
// quantities parsed, and the single default node for this host when the list is empty.

import { existsSync } from "node:fs";
import { DEFAULT_MAX_PODS } from "../scheduler/node-info.js";
import { DEFAULT_RESERVE, endpointFromEnv, hostNodeName } from "./defaults.js";
import { defaultAddress, parseEndpoint } from "./endpoint.js";
import { problem } from "./errors.js";
import type { FieldParser, NormalizeContext } from "./field-parser.js";
import type { RawConfig, RawNode } from "./raw.js";
import type { DockerEndpoint, NodeConfig } from "./types.js";
import type { FieldPath } from "../manifest/issue.js";

function node(p: FieldParser, raw: RawNode, i: number, ctx: NormalizeContext): NodeConfig {
  const at = (...rest: (string | number)[]): FieldPath => ["nodes", i, ...rest];
  let endpoint: DockerEndpoint;
  if (raw.endpoint !== undefined) {
    const r = parseEndpoint(raw.endpoint);
    endpoint = r.ok ? r.endpoint : { kind: "unix", url: raw.endpoint, socketPath: raw.endpoint };
  } else {
    const r = endpointFromEnv(ctx.env);
    if (!r.ok)
      p.problems.push(problem(at("endpoint"), r.reason, { hint: "set endpoint here or fix DOCKER_HOST" }));
    endpoint = r.ok ? r.endpoint : { kind: "unix", url: "", socketPath: "" };
  }
  if (raw.tls) {
    if (endpoint.kind !== "tcp") {
      p.problems.push(problem(at("tls"), `applies to tcp:// endpoints only, not ${endpoint.kind}://`));
    } else {
      endpoint.tls = { ca: p.path(raw.tls.ca), cert: p.path(raw.tls.cert), key: p.path(raw.tls.key) };
      if (!/:\d+$/.test(endpoint.url)) endpoint.port = 2376;
    }
  }
  if (endpoint.kind === "tcp" && endpoint.tls) {
    for (const k of ["ca", "cert", "key"] as const) {
      const file = endpoint.tls[k];
      // TLS files from DOCKER_CERT_PATH have no field of their own: report them at the endpoint.
      const where = raw.tls ? at("tls", k) : at("endpoint");
      if (!existsSync(file)) p.problems.push(problem(where, `TLS file ${file} does not exist`));
    }
  }
  const capacity: NodeConfig["capacity"] = { pods: raw.capacity?.pods ?? DEFAULT_MAX_PODS };
  if (raw.capacity?.cpu !== undefined)
    capacity.cpuMillis = p.quantity(raw.capacity.cpu, "cpu", at("capacity", "cpu"));
  if (raw.capacity?.memory !== undefined) {
    capacity.memoryBytes = p.quantity(raw.capacity.memory, "memory", at("capacity", "memory"));
  }
  const reserve = {
    cpuMillis:
      raw.reserve?.cpu === undefined
        ? DEFAULT_RESERVE.cpuMillis
        : p.quantity(raw.reserve.cpu, "cpu", at("reserve", "cpu")),
    memoryBytes:
      raw.reserve?.memory === undefined
        ? DEFAULT_RESERVE.memoryBytes
        : p.quantity(raw.reserve.memory, "memory", at("reserve", "memory")),
  };
  if (capacity.cpuMillis !== undefined && capacity.cpuMillis <= reserve.cpuMillis) {
    p.problems.push(
      problem(at("capacity", "cpu"), "leaves nothing to schedule after the reserve", {
        expected: `more than reserve.cpu (${reserve.cpuMillis}m)`,
      }),
    );
  }
  if (capacity.memoryBytes !== undefined && capacity.memoryBytes <= reserve.memoryBytes) {
    p.problems.push(
      problem(at("capacity", "memory"), "leaves nothing to schedule after the reserve", {
        expected: `more than reserve.memory (${reserve.memoryBytes} bytes)`,
      }),
    );
  }
  return {
    name: raw.name,
    endpoint,
    address: raw.address ?? defaultAddress(endpoint),
    labels: raw.labels ?? {},
    taints: raw.taints ?? [],
    unschedulable: raw.unschedulable ?? false,
    capacity,
    reserve,
  };
}

/** Two spellings of one engine (tcp://h and tcp://h:2375) give the same key. */
function engineKey(e: DockerEndpoint): string {
  return e.kind === "unix" ? `unix://${e.socketPath}` : `${e.kind}://${e.host}:${e.port}`;
}

export function nodes(p: FieldParser, raw: RawConfig, ctx: NormalizeContext): NodeConfig[] {
  const list = raw.nodes ?? [];
  if (list.length === 0) return [node(p, { name: hostNodeName() }, 0, ctx)];
  const out = list.map((n, i) => node(p, n, i, ctx));
  p.unique(
    out.map((n) => n.name),
    "node name",
    (i) => ["nodes", i, "name"],
  );
  // Two nodes on one engine would fight over the same containers.
  p.unique(
    out.map((n) => engineKey(n.endpoint)),
    "endpoint",
    (i) => ["nodes", i, "endpoint"],
  );
  return out;
}

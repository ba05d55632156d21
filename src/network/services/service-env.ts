// The kubelet's service environment variables (pkg/kubelet/envvars FromServices and
// getServiceEnvVarMap): for every Service of the pod's namespace with a cluster IP, when the pod
// has enableServiceLinks (default true):
//
//   WEB_SERVICE_HOST=10.96.4.1            WEB_PORT=tcp://10.96.4.1:80
//   WEB_SERVICE_PORT=80                   WEB_PORT_80_TCP=tcp://10.96.4.1:80
//   WEB_SERVICE_PORT_HTTP=80 (named)      WEB_PORT_80_TCP_PROTO=tcp, _PORT=80, _ADDR=10.96.4.1
//
// The kubelet computes them when it creates a container from the Services that exist then; the
// agent passes the store's Services of that moment. Headless and ExternalName Services (no
// cluster IP) and Services whose cluster IP berth has not assigned yet give nothing. With
// enableServiceLinks: false nothing is injected: the kubelet's one exception is the API server's
// own `kubernetes` Service, which berth does not have.

import type { Pod, Service } from "../../manifest/types.js";

/** Upper case, '-' → '_' (makeEnvVariableName). */
export function serviceEnvName(name: string): string {
  return name.toUpperCase().replaceAll("-", "_");
}

function hasClusterIP(s: Service): boolean {
  const ip = s.spec.clusterIP;
  return ip !== undefined && ip !== "" && ip !== "None";
}

function hostPort(ip: string, port: number): string {
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** The variables of one Service, in the kubelet's order. */
export function serviceVariables(s: Service): [string, string][] {
  const ip = s.spec.clusterIP ?? "";
  const ports = s.spec.ports ?? [];
  const first = ports[0];
  if (!hasClusterIP(s) || first === undefined) return [];
  const prefix = serviceEnvName(s.metadata.name);
  const out: [string, string][] = [
    [`${prefix}_SERVICE_HOST`, ip],
    [`${prefix}_SERVICE_PORT`, String(first.port)],
  ];
  for (const p of ports) {
    if (p.name) out.push([`${prefix}_SERVICE_PORT_${serviceEnvName(p.name)}`, String(p.port)]);
  }
  ports.forEach((p, i) => {
    const protocol = p.protocol ?? "TCP";
    const url = `${protocol.toLowerCase()}://${hostPort(ip, p.port)}`;
    if (i === 0) out.push([`${prefix}_PORT`, url]);
    const pp = `${prefix}_PORT_${p.port}_${protocol.toUpperCase()}`;
    out.push(
      [pp, url],
      [`${pp}_PROTO`, protocol.toLowerCase()],
      [`${pp}_PORT`, String(p.port)],
      [`${pp}_ADDR`, ip],
    );
  });
  return out;
}

/**
 * The service variables for a container of `pod`, from `services` (any namespaces; others are
 * skipped). Sorted by name; pass to createContainer as `serviceEnv`.
 */
export function serviceEnv(pod: Pod, services: readonly Service[]): Map<string, string> {
  const out = new Map<string, string>();
  if (pod.spec.enableServiceLinks === false) return out;
  const ns = pod.metadata.namespace ?? "default";
  const mine = services
    .filter((s) => (s.metadata.namespace ?? "default") === ns && hasClusterIP(s))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const vars: [string, string][] = [];
  for (const s of mine) vars.push(...serviceVariables(s));
  vars.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [k, v] of vars) out.set(k, v);
  return out;
}

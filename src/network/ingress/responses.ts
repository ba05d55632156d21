// The ingress's own answers: plain text that says which rule, service or endpoint failed, so
// `curl` alone tells a user what to fix.

import type { Service, ServiceBackendPort } from "../../manifest/types.js";

export interface ErrorResponse {
  status: 404 | 500 | 502 | 503 | 504;
  body: string;
}

export function portLabel(port: ServiceBackendPort): string {
  return port.number !== undefined ? String(port.number) : (port.name ?? "?");
}

export function notFound(host: string, path: string): ErrorResponse {
  return { status: 404, body: `404 Not Found: no Ingress rule matches host "${host}" path "${path}"\n` };
}

export function unsupportedBackend(reason: string, ingress: string): ErrorResponse {
  return { status: 503, body: `503 Service Unavailable: Ingress ${ingress}: ${reason}\n` };
}

/** Why a service port has no endpoints, as precisely as the Service object allows. */
export function noEndpoints(
  namespace: string,
  name: string,
  port: ServiceBackendPort,
  service: Service | undefined,
): ErrorResponse {
  const svc = `${namespace}/${name}`;
  const label = portLabel(port);
  let why = `no ready endpoints for service ${svc} port ${label}`;
  if (!service) {
    why = `service ${svc} does not exist`;
  } else {
    const ports = service.spec.ports ?? [];
    const known =
      port.number !== undefined
        ? ports.some((p) => p.port === port.number)
        : ports.some((p) => p.name === port.name);
    if (!known) {
      const have = ports.map((p) => (p.name ? `${p.name} (${p.port})` : String(p.port))).join(", ");
      why = `service ${svc} has no port ${label} (ports: ${have || "none"})`;
    }
  }
  return { status: 503, body: `503 Service Unavailable: ${why}\n` };
}

export function badGateway(service: string, failures: string[]): ErrorResponse {
  return {
    status: 502,
    body: `502 Bad Gateway: no endpoint of service ${service} answered: ${failures.join("; ")}\n`,
  };
}

export function gatewayTimeout(service: string, endpoint: string, timeoutMs: number): ErrorResponse {
  return {
    status: 504,
    body: `504 Gateway Timeout: service ${service} endpoint ${endpoint} did not answer within ${timeoutMs} ms\n`,
  };
}

/** A bug or a failing dependency inside berth (e.g. the endpoint resolver threw). */
export function internalError(why: string): ErrorResponse {
  return { status: 500, body: `500 Internal Server Error: ${why}\n` };
}

export const STATUS_TEXT: Readonly<Record<ErrorResponse["status"], string>> = {
  404: "Not Found",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** A complete HTTP/1.1 response for a raw socket (upgrade requests have no ServerResponse). */
export function rawResponse(r: ErrorResponse): string {
  return (
    `HTTP/1.1 ${r.status} ${STATUS_TEXT[r.status]}\r\n` +
    `Content-Type: text/plain; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(r.body)}\r\n` +
    `Connection: close\r\n\r\n${r.body}`
  );
}

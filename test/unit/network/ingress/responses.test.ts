import { describe, expect, it } from "vitest";
import type { Service } from "../../../../src/manifest/types.js";
import {
  badGateway,
  gatewayTimeout,
  noEndpoints,
  notFound,
  rawResponse,
} from "../../../../src/network/ingress/responses.js";

const svc: Service = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "web", namespace: "default" },
  spec: { ports: [{ name: "http", port: 80 }, { port: 9090 }] },
};

describe("error answers", () => {
  it("404 names host and path", () => {
    expect(notFound("x", "/y").body).toBe('404 Not Found: no Ingress rule matches host "x" path "/y"\n');
  });

  it("503 says why a service port has no endpoints", () => {
    expect(noEndpoints("default", "web", { name: "http" }, svc).body).toBe(
      "503 Service Unavailable: no ready endpoints for service default/web port http\n",
    );
    expect(noEndpoints("default", "web", { number: 80 }, svc).body).toBe(
      "503 Service Unavailable: no ready endpoints for service default/web port 80\n",
    );
    expect(noEndpoints("default", "web", { name: "grpc" }, svc).body).toBe(
      "503 Service Unavailable: service default/web has no port grpc (ports: http (80), 9090)\n",
    );
    expect(noEndpoints("default", "api", { number: 80 }, undefined).body).toBe(
      "503 Service Unavailable: service default/api does not exist\n",
    );
  });

  it("502 and 504 name the endpoints", () => {
    expect(
      badGateway("default/web:http", ["127.0.0.1:1 connection refused", "127.0.0.1:2 connect timeout"]).body,
    ).toBe(
      "502 Bad Gateway: no endpoint of service default/web:http answered: 127.0.0.1:1 connection refused; 127.0.0.1:2 connect timeout\n",
    );
    expect(gatewayTimeout("default/web:http", "127.0.0.1:1", 500)).toEqual({
      status: 504,
      body: "504 Gateway Timeout: service default/web:http endpoint 127.0.0.1:1 did not answer within 500 ms\n",
    });
  });

  it("rawResponse is a complete HTTP/1.1 message", () => {
    expect(rawResponse(notFound("é", "/"))).toBe(
      'HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 58\r\nConnection: close\r\n\r\n404 Not Found: no Ingress rule matches host "é" path "/"\n',
    );
  });
});

import { describe, expect, it } from "vitest";
import type { HTTPIngressPath, IngressBackend } from "../../../../src/manifest/types.js";
import { check, ingress, summary } from "./helpers.js";

const backend = (
  name = "web",
  port: { number?: number; name?: string } = { number: 80 },
): IngressBackend => ({
  service: { name, port },
});
const withPaths = (...paths: HTTPIngressPath[]) =>
  ingress({ rules: [{ host: "example.com", http: { paths } }] });

describe("Ingresses", () => {
  it("accepts rules with Exact, Prefix and ImplementationSpecific paths", () => {
    expect(
      check(
        withPaths(
          { path: "/", pathType: "Prefix", backend: backend() },
          { path: "/healthz", pathType: "Exact", backend: backend("web", { name: "http" }) },
          { pathType: "ImplementationSpecific", backend: backend() },
        ),
      ),
    ).toEqual([]);
  });

  it("requires a default backend or rules", () => {
    expect(check(ingress({ defaultBackend: backend() }))).toEqual([]);
    expect(summary(check(ingress({})))).toEqual([
      ["E_VALUE", "spec", "either `defaultBackend` or `rules` must be specified"],
    ]);
  });

  it("requires paths to begin with '/'", () => {
    expect(summary(check(withPaths({ path: "api", pathType: "Prefix", backend: backend() })))).toEqual([
      ["E_VALUE", "spec.rules.0.http.paths.0.path", "must be an absolute path"],
    ]);
    expect(summary(check(withPaths({ pathType: "Exact", backend: backend() })))).toEqual([
      ["E_VALUE", "spec.rules.0.http.paths.0.path", "must be an absolute path"],
    ]);
    expect(
      summary(check(withPaths({ path: "api", pathType: "ImplementationSpecific", backend: backend() }))),
    ).toEqual([["E_VALUE", "spec.rules.0.http.paths.0.path", "must be an absolute path"]]);
  });

  it("rejects unnormalised Exact and Prefix paths", () => {
    expect(summary(check(withPaths({ path: "/a//b", pathType: "Prefix", backend: backend() })))).toEqual([
      ["E_VALUE", "spec.rules.0.http.paths.0.path", "must not contain '//'"],
    ]);
    expect(summary(check(withPaths({ path: "/a/..", pathType: "Exact", backend: backend() })))).toEqual([
      ["E_VALUE", "spec.rules.0.http.paths.0.path", "must not end with '/..'"],
    ]);
    expect(
      check(withPaths({ path: "/a//b", pathType: "ImplementationSpecific", backend: backend() })),
    ).toEqual([]);
  });

  it("requires backends to name a service and exactly one port", () => {
    expect(summary(check(withPaths({ path: "/", pathType: "Prefix", backend: backend("web", {}) })))).toEqual(
      [["E_VALUE", "spec.rules.0.http.paths.0.backend.service.port", "port name or number is required"]],
    );
    expect(
      summary(
        check(
          withPaths({ path: "/", pathType: "Prefix", backend: backend("web", { number: 80, name: "http" }) }),
        ),
      ),
    ).toEqual([
      [
        "E_VALUE",
        "spec.rules.0.http.paths.0.backend.service.port",
        "cannot set both port name & port number",
      ],
    ]);
    expect(summary(check(withPaths({ path: "/", pathType: "Prefix", backend: {} })))).toEqual([
      ["E_VALUE", "spec.rules.0.http.paths.0.backend", "one backend type must be specified"],
    ]);
    expect(summary(check(ingress({ defaultBackend: backend("", { number: 80 }) })))).toEqual([
      [
        "E_NAME",
        "spec.defaultBackend.service.name",
        expect.stringContaining("service name: a DNS-1035 label"),
      ],
    ]);
    expect(summary(check(ingress({ defaultBackend: backend("web", { number: 0 }) })))).toEqual([
      ["E_VALUE", "spec.defaultBackend.service.port.number", "must be between 1 and 65535, inclusive"],
    ]);
  });

  it("requires DNS host names, allowing one leading wildcard", () => {
    const rule = (host: string) =>
      ingress({
        rules: [{ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: backend() }] } }],
      });
    expect(check(rule("*.example.com"))).toEqual([]);
    expect(summary(check(rule("10.0.0.1")))).toEqual([
      ["E_VALUE", "spec.rules.0.host", "must be a DNS name, not an IP address"],
    ]);
    expect(summary(check(rule("Example.com")))).toEqual([
      ["E_NAME", "spec.rules.0.host", expect.stringContaining("RFC 1123 subdomain")],
    ]);
    expect(summary(check(ingress({ defaultBackend: backend(), tls: [{ hosts: ["a..b"] }] })))).toEqual([
      ["E_NAME", "spec.tls.0.hosts.0", expect.stringContaining("RFC 1123 subdomain")],
    ]);
  });
});

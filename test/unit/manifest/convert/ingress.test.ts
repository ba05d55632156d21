import { describe, expect, it } from "vitest";
import { convertLegacy } from "../../../../src/manifest/convert/index.js";
import { canonical } from "../pipeline.js";

type Doc = Record<string, unknown>;

describe("convertLegacy: Ingress", () => {
  const legacy = (apiVersion: string): Doc => ({
    apiVersion,
    kind: "Ingress",
    metadata: { name: "web" },
    spec: {
      backend: { serviceName: "fallback", servicePort: 80 },
      rules: [
        {
          host: "example.com",
          http: {
            paths: [
              { path: "/", backend: { serviceName: "web", servicePort: "http" } },
              { path: "/api", pathType: "Prefix", backend: { serviceName: "api", servicePort: 8080 } },
            ],
          },
        },
      ],
    },
  });

  it.each(["extensions/v1beta1", "networking.k8s.io/v1beta1"])(
    "converts %s to networking.k8s.io/v1",
    (apiVersion) => {
      const { object, issues } = convertLegacy(legacy(apiVersion));
      expect(object).toEqual({
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: { name: "web" },
        spec: {
          defaultBackend: { service: { name: "fallback", port: { number: 80 } } },
          rules: [
            {
              host: "example.com",
              http: {
                paths: [
                  {
                    path: "/",
                    pathType: "ImplementationSpecific",
                    backend: { service: { name: "web", port: { name: "http" } } },
                  },
                  {
                    path: "/api",
                    pathType: "Prefix",
                    backend: { service: { name: "api", port: { number: 8080 } } },
                  },
                ],
              },
            },
          ],
        },
      });
      expect(issues[0]?.message).toBe(
        `${apiVersion} Ingress is deprecated (removed in Kubernetes 1.22); converted to networking.k8s.io/v1`,
      );
      expect(canonical(legacy(apiVersion)).issues.map((i) => i.code)).toEqual(["W_DEPRECATED"]);
    },
  );

  it("keeps a resource backend as it is", () => {
    const doc: Doc = {
      apiVersion: "networking.k8s.io/v1beta1",
      kind: "Ingress",
      metadata: { name: "web" },
      spec: { backend: { resource: { kind: "StorageBucket", name: "static" } } },
    };
    expect((convertLegacy(doc).object.spec as Doc).defaultBackend).toEqual({
      resource: { kind: "StorageBucket", name: "static" },
    });
  });
});

import { describe, expect, it } from "vitest";
import type { Service } from "../../../../src/manifest/types.js";
import { RoundRobin } from "../../../../src/network/ingress/balancer.js";
import { dispatch } from "../../../../src/network/ingress/dispatch.js";
import { parseRequestTarget } from "../../../../src/network/ingress/request-target.js";
import type { BackendResolver } from "../../../../src/network/ingress/resolver.js";
import { compileRoutes } from "../../../../src/network/ingress/routes.js";
import { FakeClock } from "../../../../src/util/clock.js";
import { ingress, rule, svcPath } from "../../../support/ingress-objects.js";

const web: Service = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "web", namespace: "default" },
  spec: { ports: [{ name: "http", port: 80 }] },
};
const eps = [
  { host: "10.0.0.1", port: 30001, pod: "default/web-1" },
  { host: "10.0.0.2", port: 30002, pod: "default/web-2" },
];

const table = compileRoutes([
  ingress("shop", [
    rule("shop.test", svcPath("/", "Prefix", "web", "http")),
    rule("empty.test", svcPath("/", "Prefix", "web", "metrics")),
    rule("gone.test", svcPath("/", "Prefix", "gone", "http")),
    rule("broken.test", svcPath("/", "Prefix", "broken", "http")),
    {
      host: "bucket.test",
      http: {
        paths: [{ path: "/", pathType: "Prefix", backend: { resource: { kind: "Bucket", name: "b" } } }],
      },
    },
  ]),
]);

const resolver: BackendResolver = {
  resolve(_ns, service, port) {
    if (service === "broken") throw new Error("index corrupt");
    if (service !== "web") return { endpoints: [] };
    return { endpoints: port.name === "http" ? eps : [], service: web };
  },
};

const go = (host: string, url = "/", balancer = new RoundRobin(new FakeClock())) =>
  dispatch(table, resolver, balancer, parseRequestTarget(url, host));

describe("dispatch", () => {
  it("routes to the service's endpoints in round-robin order", () => {
    const balancer = new RoundRobin(new FakeClock());
    const first = go("shop.test", "/", balancer);
    const second = go("shop.test", "/", balancer);
    expect(first).toMatchObject({ ok: true, ingress: "default/shop", service: "default/web:http" });
    expect(first.ok && first.endpoints.map((e) => e.port)).toEqual([30001, 30002]);
    expect(second.ok && second.endpoints.map((e) => e.port)).toEqual([30002, 30001]);
  });

  it.each([
    ["nowhere.test", 404, 'no Ingress rule matches host "nowhere.test" path "/p"'],
    ["empty.test", 503, "service default/web has no port metrics (ports: http (80))"],
    ["gone.test", 503, "service default/gone does not exist"],
    ["broken.test", 500, "cannot resolve service default/broken:http: index corrupt"],
    [
      "bucket.test",
      503,
      "Ingress default/shop: resource backend Bucket default/b is not supported by berth's ingress",
    ],
  ])("%s → %i", (host, status, why) => {
    const d = go(host, "/p?q=1");
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.error.status).toBe(status);
    expect(d.error.body).toContain(why);
  });
});

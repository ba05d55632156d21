// Routing end to end: real HTTP through the ingress to real backends on loopback.

import { readFileSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadManifestFiles } from "../../../src/manifest/index.js";
import { ingress, rule, svcPath } from "../../support/ingress-objects.js";
import {
  echoed,
  request,
  startBackend,
  startIngress,
  until,
  type Backend,
  type RunningIngress,
} from "./harness.js";

let ing: RunningIngress;
const backends: Record<string, Backend> = {};

beforeAll(async () => {
  ing = await startIngress();
  for (const name of ["shop", "shop-api", "shop-api-v1", "wild", "any", "fallback", "demo-app"]) {
    const b = await startBackend(name);
    backends[name] = b;
    ing.resolver.set("default", name, [{ name: "http", port: 80, endpoints: [b.endpoint] }]);
  }
  ing.resolver.set("default", "empty", [{ name: "http", port: 80, endpoints: [] }]);
  ing.store.create(
    ingress(
      "shop",
      [
        rule(
          "shop.example.com",
          svcPath("/", "Prefix", "shop"),
          svcPath("/api", "Prefix", "shop-api"),
          svcPath("/api/v1", "Exact", "shop-api-v1"),
        ),
        rule("*.example.com", svcPath("/", "Prefix", "wild")),
        rule("down.example.com", svcPath("/", "Prefix", "empty", "http")),
      ],
      { created: "2026-01-01T00:00:00Z" },
    ),
  );
  ing.store.create(
    ingress("catch-all", [rule(undefined, svcPath("/any", "Prefix", "any"))], {
      created: "2026-01-02T00:00:00Z",
      defaultBackend: "fallback",
    }),
  );
});

afterAll(async () => {
  await ing.stop();
  await Promise.all(Object.values(backends).map((b) => b.close()));
});

const reach = async (host: string, path: string): Promise<string> => {
  const r = await request(ing.httpPort, { host, path });
  return r.status === 200 ? echoed(r).backend : String(r.status);
};

describe("host and path precedence", () => {
  it.each([
    ["shop.example.com", "/", "shop"],
    ["shop.example.com", "/cart", "shop"],
    ["shop.example.com", "/api", "shop-api"],
    ["shop.example.com", "/api/v2", "shop-api"],
    ["shop.example.com", "/api/v1", "shop-api-v1"],
    ["shop.example.com", "/api/v1/", "shop-api"],
    ["shop.example.com", "/apiary", "shop"],
    ["SHOP.example.com:8080", "/api?x=1", "shop-api"],
    ["blog.example.com", "/api", "wild"],
    ["a.blog.example.com", "/any/thing", "any"],
    ["example.com", "/any", "any"],
    ["other.org", "/elsewhere", "fallback"],
  ])("%s%s → %s", async (host, path, want) => {
    expect(await reach(host, path)).toBe(want);
  });

  it("forwards path and query unchanged", async () => {
    const r = await request(ing.httpPort, { host: "shop.example.com", path: "/api/%61?q=a%20b&x" });
    expect(echoed(r).url).toBe("/api/%61?q=a%20b&x");
  });
});

describe("the ingress's own answers", () => {
  it("404 when nothing matches, not even a default backend", async () => {
    const solo = await startIngress();
    try {
      solo.store.create(ingress("only", [rule("a.example.com", svcPath("/app", "Prefix", "app"))]));
      const r = await request(solo.httpPort, { host: "b.example.com", path: "/y" });
      expect(r.status).toBe(404);
      expect(r.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(r.body).toBe('404 Not Found: no Ingress rule matches host "b.example.com" path "/y"\n');
      const head = await request(solo.httpPort, { host: "b.example.com", path: "/y", method: "HEAD" });
      expect(head.status).toBe(404);
      expect(head.body).toBe("");
    } finally {
      await solo.stop();
    }
  });

  it("503 naming the service port when it has no ready endpoints", async () => {
    const r = await request(ing.httpPort, { host: "down.example.com", path: "/" });
    expect(r.status).toBe(503);
    expect(r.body).toBe("503 Service Unavailable: no ready endpoints for service default/empty port http\n");
  });
});

describe("legacy Ingress: the deck's extensions/v1beta1 manifest through the real loader", () => {
  it("answers requests with its Host header through the named service port", async () => {
    const file = fileURLToPath(new URL("../../../sample-repo/manifests/v5/ingress.yml", import.meta.url));
    const loaded = loadManifestFiles([{ path: file, content: readFileSync(file, "utf8") }]);
    expect(loaded.errors).toBe(0);
    const legacy = loaded.objects[0]?.object;
    if (legacy?.kind !== "Ingress") throw new Error("the deck's ingress.yml holds no Ingress");
    expect(legacy.spec.rules?.[0]?.http?.paths[0]).toEqual({
      path: "/",
      pathType: "ImplementationSpecific",
      backend: { service: { name: "demo-app", port: { name: "http" } } },
    });
    ing.store.create(legacy);
    const r = await request(ing.httpPort, { host: "demo-app.k8s.fscker.org", path: "/" });
    expect(r.status).toBe(200);
    expect(echoed(r)).toMatchObject({ backend: "demo-app", url: "/" });
    expect(await reach("demo-app.k8s.fscker.org", "/index.html")).toBe("demo-app");
  });
});

describe("live updates", () => {
  it("the next request follows a changed, added or deleted Ingress; open connections keep going", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const viaKeepAlive = (host: string): Promise<string> =>
      new Promise((resolve, reject) => {
        http
          .get({ host: "127.0.0.1", port: ing.httpPort, path: "/", headers: { host }, agent }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => {
              const body = Buffer.concat(chunks).toString();
              resolve(
                res.statusCode === 200
                  ? (JSON.parse(body) as { backend: string }).backend
                  : String(res.statusCode),
              );
            });
          })
          .on("error", reject);
      });
    try {
      ing.store.create(
        ingress("live", [rule("live.example.com", svcPath("/", "Prefix", "shop"))], {
          created: "2026-01-03T00:00:00Z",
        }),
      );
      expect(await viaKeepAlive("live.example.com")).toBe("shop");
      const current = ing.store.get("Ingress", "default", "live");
      if (!current) throw new Error("stored Ingress missing");
      ing.store.update({
        ...current,
        spec: { rules: [rule("live.example.com", svcPath("/", "Prefix", "wild"))] },
      });
      expect(await viaKeepAlive("live.example.com")).toBe("wild");
      ing.store.delete({ kind: "Ingress", namespace: "default", name: "live" });
      expect(await viaKeepAlive("live.example.com")).toBe("wild"); // *.example.com of Ingress shop
      const sockets =
        Object.values(agent.sockets).flat().length + Object.values(agent.freeSockets).flat().length;
      expect(sockets).toBe(1);
    } finally {
      agent.destroy();
    }
  });

  it("reports a conflicting Ingress once as a Warning event", async () => {
    ing.store.create(
      ingress("copycat", [rule("shop.example.com", svcPath("/api", "Prefix", "any"))], {
        created: "2026-01-04T00:00:00Z",
      }),
    );
    expect(await reach("shop.example.com", "/api")).toBe("shop-api");
    await until(() => ing.events.some((e) => e.involvedObject.name === "copycat"));
    ing.store.create(ingress("unrelated", [], { created: "2026-01-05T00:00:00Z" }));
    await reach("shop.example.com", "/");
    const copycat = ing.events.filter((e) => e.involvedObject.name === "copycat");
    expect(copycat).toEqual([
      {
        type: "Warning",
        reason: "PathConflict",
        message:
          'spec.rules[0].http.paths[0]: host "shop.example.com" path "/api" (Prefix) is already served by ' +
          "Ingress default/shop (service shop-api:80); this path (service any:80) is not used",
        involvedObject: expect.objectContaining({
          kind: "Ingress",
          namespace: "default",
          name: "copycat",
        }) as unknown,
        source: { component: "berth-ingress" },
      },
    ]);
  });
});

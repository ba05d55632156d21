// Listeners: every-interface addresses, ports in use, and stopping with requests in flight.

import { describe, expect, it } from "vitest";
import { IngressController } from "../../../src/network/ingress/server.js";
import { ObjectStore } from "../../../src/state/store.js";
import { isBerthError } from "../../../src/util/errors.js";
import { ingress, rule, svcPath } from "../../support/ingress-objects.js";
import { request, startBackend, startIngress, TestResolver } from "./harness.js";

describe("listeners", () => {
  it('":0" listens on every interface, loopback included', async () => {
    const ing = await startIngress({ http: ":0" });
    try {
      const r = await request(ing.httpPort, { host: "x.test" });
      expect(r.status).toBe(404);
    } finally {
      await ing.stop();
    }
  });

  it("a port in use is a BerthError naming the config key", async () => {
    const first = await startIngress();
    const second = new IngressController({
      store: new ObjectStore(),
      resolver: new TestResolver(),
      http: `127.0.0.1:${first.httpPort}`,
    });
    try {
      let caught: unknown;
      try {
        await second.start();
      } catch (e) {
        caught = e;
      }
      expect(isBerthError(caught, "E_INGRESS_LISTEN")).toBe(true);
      expect((caught as Error).message).toMatch(
        new RegExp(`^ingress\\.http: cannot listen on 127\\.0\\.0\\.1:${first.httpPort}: .*EADDRINUSE`),
      );
    } finally {
      await first.stop();
    }
  });

  it("stop() lets a request in flight finish, then closes", async () => {
    const ing = await startIngress({ shutdownGraceMs: 5_000 });
    const slow = await startBackend("slow", (_req, res) => {
      setTimeout(() => res.end("finished"), 300);
    });
    try {
      ing.resolver.set("default", "slow", [{ name: "http", port: 80, endpoints: [slow.endpoint] }]);
      ing.store.create(ingress("slow", [rule("slow.test", svcPath("/", "Prefix", "slow", "http"))]));
      const pending = request(ing.httpPort, { host: "slow.test" });
      await new Promise((r) => setTimeout(r, 100));
      const stopped = ing.stop();
      expect(await pending).toMatchObject({ status: 200, body: "finished" });
      await stopped;
      await expect(request(ing.httpPort, { host: "slow.test" })).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await slow.close();
    }
  });
});

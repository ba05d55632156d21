import { afterEach, describe, expect, it } from "vitest";
import { probeTcp } from "../../../src/runtime/probes/tcp.js";
import { runProbe } from "../../../src/runtime/probes/run.js";
import type { Container, Pod } from "../../../src/manifest/types.js";
import { closedPort, tcpServer, type Running } from "./servers.js";

const servers: Running[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("tcpSocket probe against real sockets", () => {
  it("succeeds when the port accepts a connection", async () => {
    const s = await tcpServer();
    servers.push(s);
    expect(await probeTcp("127.0.0.1", s.port, 1)).toEqual({ result: "success", output: "" });
  });

  it("fails when nothing listens", async () => {
    const port = await closedPort();
    expect(await probeTcp("127.0.0.1", port, 1)).toEqual({
      result: "failure",
      output: `dial tcp 127.0.0.1:${port}: connect: connection refused`,
    });
  });

  it("runs through runProbe with a named port and the resolver", async () => {
    const s = await tcpServer();
    servers.push(s);
    const container: Container = { name: "db", image: "x", ports: [{ name: "pg", containerPort: 5432 }] };
    const pod: Pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "db" },
      spec: { containers: [container] },
    };
    const outcome = await runProbe(
      { tcpSocket: { port: "pg" } },
      { pod, container, containerId: "c1", resolve: () => ({ host: "127.0.0.1", port: s.port }) },
    );
    expect(outcome.result).toBe("success");
  });
});

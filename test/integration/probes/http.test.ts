import type http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { probeHttp, type HttpProbeRequest } from "../../../src/runtime/probes/http.js";
import { runProbe } from "../../../src/runtime/probes/run.js";
import type { Container, Pod } from "../../../src/manifest/types.js";
import { closedPort, httpServer, httpsServer, type Handler, type Running } from "./servers.js";

const servers: Running[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Handler, tls = false): Promise<Running> {
  const s = tls ? await httpsServer(handler) : await httpServer(handler);
  servers.push(s);
  return s;
}

function request(port: number, extra: Partial<HttpProbeRequest> = {}): HttpProbeRequest {
  return { scheme: "HTTP", host: "127.0.0.1", port, path: "/", headers: [], timeoutSeconds: 1, ...extra };
}

const status =
  (code: number, body = ""): Handler =>
  (_req, res) => {
    res.writeHead(code).end(body);
  };

describe("httpGet probe against a real server", () => {
  it.each([200, 204, 301, 399])("status %d succeeds", async (code) => {
    const s = await serve(status(code, "fine"));
    expect((await probeHttp(request(s.port))).result).toBe("success");
  });

  it.each([400, 404, 500, 503])("status %d fails with the kubelet's message", async (code) => {
    const s = await serve(status(code));
    expect(await probeHttp(request(s.port))).toEqual({
      result: "failure",
      output: `HTTP probe failed with statuscode: ${code}`,
    });
  });

  it("returns the body (at most 10 KiB) as output", async () => {
    const s = await serve(status(200, "y".repeat(50_000)));
    const outcome = await probeHttp(request(s.port));
    expect(outcome.output).toHaveLength(10 * 1024);
  });

  it("sends path, query, kube-probe User-Agent, Accept */* and the probe's headers", async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const urls: (string | undefined)[] = [];
    const s = await serve((req, res) => {
      seen.push(req.headers);
      urls.push(req.url);
      res.end("ok");
    });
    await probeHttp(request(s.port, { path: "/healthz?verbose=1" }));
    await probeHttp(
      request(s.port, {
        path: "ready",
        headers: [
          { name: "X-Probe", value: "berth" },
          { name: "User-Agent", value: "custom" },
          { name: "Host", value: "web.example" },
          { name: "Accept", value: "" },
        ],
      }),
    );
    expect(urls).toEqual(["/healthz?verbose=1", "/ready"]);
    expect(seen[0]).toMatchObject({
      "user-agent": "kube-probe/1.33",
      accept: "*/*",
      host: `127.0.0.1:${s.port}`,
    });
    expect(seen[1]).toMatchObject({ "user-agent": "custom", "x-probe": "berth", host: "web.example" });
    expect(seen[1]?.accept).toBeUndefined();
  });

  it("follows redirects on the same host", async () => {
    const s = await serve((req, res) => {
      if (req.url === "/old") res.writeHead(302, { location: "/new" }).end();
      else if (req.url === "/new") res.writeHead(500).end();
      else res.writeHead(404).end();
    });
    expect(await probeHttp(request(s.port, { path: "/old" }))).toEqual({
      result: "failure",
      output: "HTTP probe failed with statuscode: 500",
    });
  });

  it("does not follow a redirect to another host and counts it a success", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(302, { location: "http://elsewhere.invalid/" }).end("moved");
    });
    expect(await probeHttp(request(s.port))).toEqual({
      result: "success",
      output: "Probe terminated redirects, Response body: moved",
    });
  });

  it("gives up after 10 redirects", async () => {
    const s = await serve((req, res) => {
      res.writeHead(302, { location: `/loop${(req.url ?? "").length}` }).end();
    });
    const outcome = await probeHttp(request(s.port));
    expect(outcome.result).toBe("failure");
    expect(outcome.output).toMatch(/stopped after 10 redirects$/);
  });

  it("fails when the server does not answer within timeoutSeconds", async () => {
    const s = await serve(() => {
      // never answers
    });
    const started = Date.now();
    const outcome = await probeHttp(request(s.port, { timeoutSeconds: 1 }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(outcome).toEqual({
      result: "failure",
      output: `Get "http://127.0.0.1:${s.port}/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    });
  });

  it("fails when nothing listens", async () => {
    const port = await closedPort();
    expect(await probeHttp(request(port))).toEqual({
      result: "failure",
      output: `Get "http://127.0.0.1:${port}/": connect: connection refused`,
    });
  });

  it("speaks HTTPS without checking the certificate, as the kubelet does", async () => {
    const s = await serve(status(200, "secure"), true);
    expect(await probeHttp(request(s.port, { scheme: "HTTPS" }))).toEqual({
      result: "success",
      output: "secure",
    });
  });
});

describe("runProbe with httpGet", () => {
  const container: Container = {
    name: "web",
    image: "berth.local/web:1",
    ports: [{ name: "http", containerPort: 80 }],
  };
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web" },
    spec: { containers: [container] },
  };

  it("resolves a named port and reaches it through the resolver (a published port)", async () => {
    const s = await serve(status(200));
    const asked: number[] = [];
    const outcome = await runProbe(
      { httpGet: { path: "/", port: "http" }, timeoutSeconds: 1 },
      {
        pod,
        container,
        containerId: "c1",
        resolve: (_c, port) => {
          asked.push(port);
          return { host: "127.0.0.1", port: s.port };
        },
      },
    );
    expect(asked).toEqual([80]);
    expect(outcome.result).toBe("success");
  });

  it("uses the probe's host and port as given when it names a host", async () => {
    const s = await serve(status(200));
    const outcome = await runProbe(
      { httpGet: { host: "127.0.0.1", port: s.port } },
      { pod, container, containerId: "c1", resolve: () => ({ host: "192.0.2.1", port: 1 }) },
    );
    expect(outcome.result).toBe("success");
  });

  it("defaults the host to the pod IP", async () => {
    const s = await serve(status(500));
    const outcome = await runProbe(
      { httpGet: { port: s.port } },
      { pod, container, containerId: "c1", podIP: "127.0.0.1" },
    );
    expect(outcome.output).toBe("HTTP probe failed with statuscode: 500");
  });
});

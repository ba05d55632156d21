// The proxy program itself, run with this host's node on loopback (as in its container, minus the
// container): round robin, failover past dead endpoints, live reloads that leave established
// connections alone, half-closed connections, ClientIP affinity and UDP.

import { spawn, type ChildProcess } from "node:child_process";
import dgram from "node:dgram";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ProxyConfig } from "../../../src/network/services/proxy-config.js";
import { PROXY_PROGRAM } from "../../../src/network/services/proxy-program.js";

let dir: string;
let proxy: ChildProcess | undefined;
const servers: { close(): void }[] = [];

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A backend that answers its name on connect (after reading what the client sent, if it ends). */
async function nameServer(name: string): Promise<number> {
  const s = net.createServer({ allowHalfOpen: true }, (c) => {
    let got = "";
    c.on("data", (d: Buffer) => (got += d.toString()));
    c.on("end", () => c.end(`${name}:${got}`));
    c.on("error", () => undefined);
  });
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  servers.push(s);
  return (s.address() as net.AddressInfo).port;
}

/** Sends `msg`, half-closes, reads the whole answer. */
function ask(port: number, msg = "hi"): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = net.connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    let out = "";
    c.on("connect", () => c.end(msg));
    c.on("data", (d: Buffer) => (out += d.toString()));
    c.on("close", () => resolve(out));
    c.on("error", reject);
    c.setTimeout(5000, () => c.destroy(new Error("timeout")));
  });
}

async function writeConfig(cfg: ProxyConfig): Promise<void> {
  // Written whole at once, as Docker's archive upload does.
  await writeFile(join(dir, "endpoints.json"), JSON.stringify(cfg));
}

function config(port: number, endpoints: number[], extra: Partial<ProxyConfig> = {}): ProxyConfig {
  return {
    service: "default/test",
    sessionAffinity: "None",
    affinityTimeoutSeconds: 10800,
    ports: [
      {
        protocol: "TCP",
        port,
        endpoints: endpoints.map((p) => ({ host: "127.0.0.1", port: p, pod: `p${p}` })),
      },
    ],
    ...extra,
  };
}

async function startProxy(cfg: ProxyConfig): Promise<void> {
  await writeConfig(cfg);
  proxy = spawn(
    process.execPath,
    ["--max-old-space-size=16", join(dir, "proxy.js"), join(dir, "endpoints.json")],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
}

// Generous: on a loaded 2-core CI machine a fresh node process can take seconds to listen. A
// timeout fails loudly instead of handing back a value that was never accepted.
async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (ok(v)) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`not ready after ${ms} ms; last: ${String(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "berth-proxy-"));
  await writeFile(join(dir, "proxy.js"), PROXY_PROGRAM);
});
afterEach(() => {
  proxy?.kill("SIGTERM");
  proxy = undefined;
});
afterAll(async () => {
  for (const s of servers) s.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the proxy program", () => {
  it("round-robins connections, passes half-closed streams both ways, and survives dead endpoints", async () => {
    const [a, b, c] = [await nameServer("a"), await nameServer("b"), await nameServer("c")];
    const dead = await freePort();
    const port = await freePort();
    await startProxy(config(port, [a, dead, b, c]));
    await until(
      () => ask(port),
      (v) => v !== "",
    );
    const answers: string[] = [];
    for (let i = 0; i < 9; i++) answers.push(await ask(port, `m${i}`));
    expect(answers.every((x) => /^[abc]:m\d$/.test(x))).toBe(true);
    const counts = { a: 0, b: 0, c: 0 };
    for (const x of answers) counts[x[0] as "a" | "b" | "c"]++;
    expect(counts).toEqual({ a: 3, b: 3, c: 3 });
  });

  it("applies a new endpoint list to new connections and leaves established ones alone", async () => {
    const a = await nameServer("a");
    const echo = net.createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo.listen(0, "127.0.0.1", r));
    servers.push(echo);
    const echoPort = (echo.address() as net.AddressInfo).port;
    const port = await freePort();
    await startProxy(config(port, [echoPort]));
    const held = await until(
      () =>
        new Promise<net.Socket>((resolve, reject) => {
          const s = net.connect({ port, host: "127.0.0.1" }, () => resolve(s));
          s.on("error", reject);
        }),
      () => true,
    );
    const reply = (msg: string) =>
      new Promise<string>((r) => {
        held.once("data", (d: Buffer) => r(d.toString()));
        held.write(msg);
      });
    expect(await reply("one")).toBe("one");
    await writeConfig(config(port, [a]));
    expect(
      await until(
        () => ask(port, "x"),
        (v) => v === "a:x",
      ),
    ).toBe("a:x");
    expect(await reply("two")).toBe("two");
    held.destroy();
  });

  it("closes connections at once when there is no endpoint", async () => {
    const port = await freePort();
    await startProxy(config(port, []));
    await until(
      () =>
        new Promise<boolean>((r) =>
          net
            .connect({ port, host: "127.0.0.1" }, function (this: net.Socket) {
              this.destroy();
              r(true);
            })
            .on("error", () => r(false)),
        ),
      (v) => v,
    );
    // Accepted, then closed or reset (kube-proxy's userspace mode did the same; iptables mode
    // rejects): never left hanging.
    const outcome = await ask(port).catch((e: unknown) => (e as { code?: string }).code);
    expect(["", "ECONNRESET"]).toContain(outcome);
  });

  it("keeps a client on one endpoint with ClientIP affinity", async () => {
    const [a, b] = [await nameServer("a"), await nameServer("b")];
    const port = await freePort();
    await startProxy(config(port, [a, b], { sessionAffinity: "ClientIP" }));
    const first = await until(
      () => ask(port),
      (v) => v !== "",
    );
    for (let i = 0; i < 5; i++) expect((await ask(port))[0]).toBe(first[0]);
  });

  it("forwards UDP flows and their replies", async () => {
    const echo = (name: string) =>
      new Promise<number>((resolve) => {
        const s = dgram.createSocket("udp4");
        s.on("message", (m, r) => s.send(`${name}:${m.toString()}`, r.port, r.address));
        s.bind(0, "127.0.0.1", () => resolve(s.address().port));
        servers.push(s);
      });
    const [a, b] = [await echo("a"), await echo("b")];
    const port = await freePort();
    await startProxy({
      service: "default/dns",
      sessionAffinity: "None",
      affinityTimeoutSeconds: 10800,
      ports: [
        {
          protocol: "UDP",
          port,
          endpoints: [a, b].map((p) => ({ host: "127.0.0.1", port: p, pod: `p${p}` })),
        },
      ],
    });
    const query = (client: dgram.Socket, msg: string) =>
      new Promise<string>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error("no reply")), 300);
        client.once("message", (m) => {
          clearTimeout(t);
          resolve(m.toString());
        });
        client.send(msg, port, "127.0.0.1");
      });
    const c1 = dgram.createSocket("udp4");
    const c2 = dgram.createSocket("udp4");
    const r1 = await until(
      () => query(c1, "q1"),
      (v) => v.endsWith(":q1"),
    );
    const r2 = await until(
      () => query(c2, "q2"),
      (v) => v.endsWith(":q2"),
    );
    // Two flows, round robin: one per endpoint; a flow stays on its endpoint.
    expect(new Set([r1[0], r2[0]])).toEqual(new Set(["a", "b"]));
    expect((await query(c1, "again"))[0]).toBe(r1[0]);
    c1.close();
    c2.close();
  });
});

// The small pure pieces: LoadBalancer status, headless aliases, ldd output, sandbox port lists,
// and the once-only warnings.

import { describe, expect, it } from "vitest";
import type { EventRecord } from "../../../../src/controllers/types.js";
import { ServiceEvents } from "../../../../src/network/services/events.js";
import { podDnsAliases } from "../../../../src/network/services/pod-aliases.js";
import { parseLdd } from "../../../../src/network/services/proxy-image.js";
import { sandboxPortsFromList } from "../../../../src/network/services/sandbox-ports.js";
import { desiredServiceStatus } from "../../../../src/network/services/status.js";
import { pod, svc } from "./fixtures.js";

describe("LoadBalancer status", () => {
  it("lists every node address once, as ip or hostname", () => {
    const lb = svc("lb", { type: "LoadBalancer", ports: [{ port: 80 }] });
    expect(desiredServiceStatus(lb, ["192.0.2.1", "192.0.2.2", "192.0.2.1", "node3.example"])).toEqual({
      loadBalancer: { ingress: [{ ip: "192.0.2.1" }, { ip: "192.0.2.2" }, { hostname: "node3.example" }] },
    });
  });

  it("is empty for other types", () => {
    expect(desiredServiceStatus(svc("c", { ports: [{ port: 80 }] }), ["192.0.2.1"])).toEqual({
      loadBalancer: {},
    });
  });
});

describe("headless DNS aliases for a sandbox", () => {
  const hl = svc("web", { clusterIP: "None", selector: { app: "web" }, ports: [{ port: 80 }] });

  it("give StatefulSet pods their qualified names and the headless Service's names", () => {
    const p = pod("web-0", { spec: { hostname: "web-0", subdomain: "web" } });
    expect(podDnsAliases(p, [hl], "cluster.local")).toEqual([
      "web-0.web.default",
      "web-0.web.default.svc",
      "web-0.web.default.svc.cluster.local",
      "web",
      "web.default",
      "web.default.svc",
      "web.default.svc.cluster.local",
    ]);
  });

  it("leave pods alone that no headless Service of their namespace selects", () => {
    const clusterIP = svc("web", { clusterIP: "10.96.4.1", selector: { app: "web" }, ports: [{ port: 80 }] });
    const elsewhere = svc("web", { clusterIP: "None", selector: { app: "web" } }, { namespace: "other" });
    const noSelector = svc("manual", { clusterIP: "None" });
    expect(podDnsAliases(pod("p"), [clusterIP, elsewhere, noSelector], "cluster.local")).toEqual([]);
  });
});

describe("ldd output", () => {
  it("gives the libraries' paths, the loader included, the vdso left out", () => {
    const out = [
      "\tlinux-vdso.so.1 (0x00007ffc1b5f2000)",
      "\tlibdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x00007f5e5cdbe000)",
      "\tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f5e5ca00000)",
      "\t/lib64/ld-linux-x86-64.so.2 (0x00007f5e5cdd6000)",
    ].join("\n");
    expect(parseLdd(out)).toEqual([
      "/lib/x86_64-linux-gnu/libdl.so.2",
      "/lib/x86_64-linux-gnu/libstdc++.so.6",
      "/lib64/ld-linux-x86-64.so.2",
    ]);
    expect(parseLdd("\tnot a dynamic executable\n")).toEqual([]);
    expect(() => parseLdd("\tlibfoo.so.1 => not found\n")).toThrow(/missing/);
  });
});

describe("sandbox port lists", () => {
  it("map pod uids to their published ports and sandbox address", () => {
    const list = [
      {
        Labels: { "io.berth.pod.uid": "u1" },
        HostConfig: { NetworkMode: "berth-ns-default" },
        NetworkSettings: { Networks: { "berth-ns-default": { IPAddress: "10.96.0.2" } } },
        Ports: [
          { IP: "192.0.2.2", PrivatePort: 80, PublicPort: 32768, Type: "tcp" },
          { PrivatePort: 81, Type: "tcp" },
        ],
      },
      { Labels: {} },
    ];
    expect([...sandboxPortsFromList(list)]).toEqual([
      [
        "u1",
        {
          podIP: "10.96.0.2",
          ports: [{ containerPort: 80, protocol: "TCP", hostIP: "192.0.2.2", hostPort: 32768 }],
        },
      ],
    ]);
  });
});

describe("service warnings", () => {
  it("are said once per problem and again after the problem went away", () => {
    const said: EventRecord[] = [];
    const ev = new ServiceEvents((e) => said.push(e));
    const s = svc("web", {});
    ev.warn(s, "R", "m1", "n1");
    ev.warn(s, "R", "m1", "n1");
    ev.warn(s, "R", "m1", "n2");
    ev.warn(s, "R", "m2", "n1");
    ev.clear(s, "R", "n1");
    ev.warn(s, "R", "m2", "n1");
    ev.forget("uid-web");
    ev.warn(s, "R", "m1", "n2");
    expect(said.map((e) => e.message)).toEqual(["m1", "m1", "m2", "m2", "m1"]);
    expect(said[0]).toEqual({
      type: "Warning",
      reason: "R",
      message: "m1",
      object: { kind: "Service", namespace: "default", name: "web", uid: "uid-web" },
    });
  });
});

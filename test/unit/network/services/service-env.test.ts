import { describe, expect, it } from "vitest";
import { serviceEnv, serviceEnvName } from "../../../../src/network/services/service-env.js";
import { pod, svc } from "./fixtures.js";

describe("service environment variables", () => {
  const redis = svc("redis-master", {
    clusterIP: "10.96.4.3",
    ports: [
      { port: 6379, protocol: "TCP" },
      { name: "metrics", port: 9121, protocol: "TCP" },
    ],
  });

  it("are the kubelet's, name upper-cased with '-' as '_'", () => {
    expect(Object.fromEntries(serviceEnv(pod("p"), [redis]))).toEqual({
      REDIS_MASTER_SERVICE_HOST: "10.96.4.3",
      REDIS_MASTER_SERVICE_PORT: "6379",
      REDIS_MASTER_SERVICE_PORT_METRICS: "9121",
      REDIS_MASTER_PORT: "tcp://10.96.4.3:6379",
      REDIS_MASTER_PORT_6379_TCP: "tcp://10.96.4.3:6379",
      REDIS_MASTER_PORT_6379_TCP_PROTO: "tcp",
      REDIS_MASTER_PORT_6379_TCP_PORT: "6379",
      REDIS_MASTER_PORT_6379_TCP_ADDR: "10.96.4.3",
      REDIS_MASTER_PORT_9121_TCP: "tcp://10.96.4.3:9121",
      REDIS_MASTER_PORT_9121_TCP_PROTO: "tcp",
      REDIS_MASTER_PORT_9121_TCP_PORT: "9121",
      REDIS_MASTER_PORT_9121_TCP_ADDR: "10.96.4.3",
    });
    expect(serviceEnvName("a-b-c")).toBe("A_B_C");
  });

  it("come sorted by name", () => {
    const names = [...serviceEnv(pod("p"), [redis]).keys()];
    expect(names).toEqual([...names].sort());
  });

  it("use the protocol of each port, lower-case in values", () => {
    const dns = svc("dns", { clusterIP: "10.96.4.10", ports: [{ name: "dns", port: 53, protocol: "UDP" }] });
    const env = serviceEnv(pod("p"), [dns]);
    expect(env.get("DNS_PORT")).toBe("udp://10.96.4.10:53");
    expect(env.get("DNS_PORT_53_UDP_PROTO")).toBe("udp");
  });

  it("leave out other namespaces, headless and ExternalName Services and unassigned ones", () => {
    const services = [
      svc("elsewhere", { clusterIP: "10.96.12.1", ports: [{ port: 80 }] }, { namespace: "other" }),
      svc("headless", { clusterIP: "None", ports: [{ port: 80 }] }),
      svc("ext", { type: "ExternalName", externalName: "example.com", ports: [{ port: 80 }] }),
      svc("pending", { ports: [{ port: 80 }] }),
      svc("portless", { clusterIP: "10.96.4.5" }),
    ];
    expect(serviceEnv(pod("p"), services).size).toBe(0);
  });

  it("are not given at all when enableServiceLinks is false (as the kubelet: only its own API Service would be)", () => {
    expect(serviceEnv(pod("p", { spec: { enableServiceLinks: false } }), [redis]).size).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { check, service, summary } from "./helpers.js";

describe("Services", () => {
  it("accepts a single unnamed port", () => {
    expect(check(service({ ports: [{ port: 80 }] }))).toEqual([]);
  });

  it("requires names when there are several ports", () => {
    expect(
      check(
        service({
          ports: [
            { name: "http", port: 80 },
            { name: "https", port: 443 },
          ],
        }),
      ),
    ).toEqual([]);
    expect(summary(check(service({ ports: [{ name: "http", port: 80 }, { port: 443 }] })))).toEqual([
      ["E_NAME", "spec.ports.1.name", "each port needs a name when a Service has more than one port"],
    ]);
  });

  it("requires unique port names, as DNS-1123 labels", () => {
    const ports = [
      { name: "web", port: 80 },
      { name: "web", port: 8080 },
      { name: "Web_2", port: 8081 },
    ];
    expect(summary(check(service({ ports })))).toEqual([
      ["E_DUPLICATE", "spec.ports.1.name", 'port name "web" is already used at spec.ports[0].name'],
      ["E_NAME", "spec.ports.2.name", expect.stringContaining("RFC 1123 label")],
    ]);
  });

  it("requires port and protocol to be unique together", () => {
    expect(
      check(
        service({
          ports: [
            { name: "dns", port: 53 },
            { name: "dns-udp", port: 53, protocol: "UDP" },
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      check(
        service({
          ports: [
            { name: "a", port: 80 },
            { name: "b", port: 80 },
          ],
        }),
      ),
    ).toEqual([
      {
        severity: "error",
        code: "E_DUPLICATE",
        path: ["spec", "ports", 1, "port"],
        message: "port 80/TCP is already defined at spec.ports[0]",
        expected: "a unique port and protocol",
        found: "80/TCP",
      },
    ]);
  });

  it("allows nodePort only for NodePort and LoadBalancer Services", () => {
    expect(check(service({ type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }))).toEqual([]);
    expect(check(service({ type: "LoadBalancer", ports: [{ port: 80, nodePort: 30080 }] }))).toEqual([]);
    expect(summary(check(service({ ports: [{ port: 80, nodePort: 30080 }] })))).toEqual([
      ["E_VALUE", "spec.ports.0.nodePort", "may not be used when `type` is 'ClusterIP'"],
    ]);
  });

  it("checks target ports: numbers in range, names as IANA names", () => {
    expect(summary(check(service({ ports: [{ port: 80, targetPort: 70000 }] })))).toEqual([
      ["E_VALUE", "spec.ports.0.targetPort", "must be between 1 and 65535, inclusive"],
    ]);
    expect(summary(check(service({ ports: [{ port: 80, targetPort: "8080" }] })))).toEqual([
      ["E_NAME", "spec.ports.0.targetPort", "port name: must contain at least one letter (a-z)"],
    ]);
    expect(check(service({ ports: [{ port: 80, targetPort: "8080" }] }))[0]?.hint).toBe(
      "write 8080 without quotes to refer to the port by number",
    );
  });

  it("needs externalName for an ExternalName Service", () => {
    expect(
      check(service({ type: "ExternalName", externalName: "db.example.com.", selector: {}, ports: [] })),
    ).toEqual([]);
    expect(summary(check(service({ type: "ExternalName", selector: {}, ports: [] })))).toEqual([
      ["E_VALUE", "spec.externalName", "an ExternalName Service needs spec.externalName"],
    ]);
  });

  it("checks selector labels", () => {
    expect(summary(check(service({ selector: { "app!": "web" } })))).toEqual([
      ["E_NAME", "spec.selector.app!", expect.stringContaining("label key")],
    ]);
  });
});

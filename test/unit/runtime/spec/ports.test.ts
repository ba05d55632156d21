import { describe, expect, it } from "vitest";
import { mapPorts, portKey } from "../../../../src/runtime/spec/ports.js";
import { pod } from "../fixtures.js";

describe("mapPorts", () => {
  it("publishes every declared port: hostPort as given, others ephemeral on the node address", () => {
    const p = pod({
      containers: [
        {
          name: "web",
          image: "x",
          ports: [
            { containerPort: 80, protocol: "TCP" },
            { containerPort: 443, hostPort: 8443, protocol: "TCP" },
            { containerPort: 53, protocol: "UDP", hostPort: 5353, hostIP: "127.0.0.1" },
          ],
        },
        { name: "metrics", image: "y", ports: [{ name: "m", containerPort: 9090 }] },
      ],
    });
    expect(mapPorts(p, "10.0.0.7")).toEqual({
      ExposedPorts: { "80/tcp": {}, "443/tcp": {}, "53/udp": {}, "9090/tcp": {} },
      PortBindings: {
        "80/tcp": [{ HostIp: "10.0.0.7", HostPort: "" }],
        "443/tcp": [{ HostIp: "", HostPort: "8443" }],
        "53/udp": [{ HostIp: "127.0.0.1", HostPort: "5353" }],
        "9090/tcp": [{ HostIp: "10.0.0.7", HostPort: "" }],
      },
    });
  });

  it("keeps several bindings of one port and drops exact duplicates", () => {
    const p = pod({
      containers: [
        {
          name: "a",
          image: "x",
          ports: [
            { containerPort: 80, hostPort: 8080 },
            { containerPort: 80, hostPort: 8081 },
            { containerPort: 80, hostPort: 8080 },
          ],
        },
      ],
    });
    expect(mapPorts(p, "10.0.0.7").PortBindings).toEqual({
      "80/tcp": [
        { HostIp: "", HostPort: "8080" },
        { HostIp: "", HostPort: "8081" },
      ],
    });
  });

  it("publishes nothing for host-network pods and ignores init containers", () => {
    const containers = [{ name: "a", image: "x", ports: [{ containerPort: 80 }] }];
    expect(mapPorts(pod({ hostNetwork: true, containers }), "h")).toEqual({
      ExposedPorts: {},
      PortBindings: {},
    });
    expect(
      mapPorts(pod({ initContainers: containers, containers: [{ name: "b", image: "y" }] }), "h"),
    ).toEqual({
      ExposedPorts: {},
      PortBindings: {},
    });
  });

  it("names ports as Docker does", () => {
    expect(portKey(80, "TCP")).toBe("80/tcp");
    expect(portKey(5000, "SCTP")).toBe("5000/sctp");
    expect(portKey(1, undefined)).toBe("1/tcp");
  });
});

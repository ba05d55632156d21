import { describe, expect, it } from "vitest";
import { podLimits, podRequests, qosClass } from "../../../../src/cli/printers/pod-resources.js";
import {
  formatBytes,
  formatCpuMillis,
  parseCpuMillis,
  parseMemoryBytes,
  percentOf,
} from "../../../../src/cli/printers/quantity.js";
import type { Container, Pod } from "../../../../src/manifest/types.js";

function pod(containers: Container[], initContainers: Container[] = []): Pod {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers, initContainers } };
}

describe("quantities for node columns", () => {
  it("parses cpu and memory", () => {
    expect(parseCpuMillis("250m")).toBe(250);
    expect(parseCpuMillis("0.5")).toBe(500);
    expect(parseCpuMillis("2")).toBe(2000);
    expect(parseMemoryBytes("64Mi")).toBe(64 * 1024 * 1024);
    expect(parseMemoryBytes("1G")).toBe(1e9);
    expect(parseCpuMillis("lots")).toBeUndefined();
    expect(parseMemoryBytes("")).toBeUndefined();
  });

  it("prints sums as Kubernetes prints quantities", () => {
    expect(formatCpuMillis(850)).toBe("850m");
    expect(formatCpuMillis(2000)).toBe("2");
    expect(formatCpuMillis(0)).toBe("0");
    expect(formatBytes(192 * 1024 * 1024)).toBe("192Mi");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3Gi");
    expect(formatBytes(100_000_000)).toBe("100M");
    expect(formatBytes(1001)).toBe("1001");
    expect(formatBytes(0)).toBe("0");
  });

  it("percentages truncate and survive a zero capacity", () => {
    expect(percentOf(850, 2000)).toBe(42);
    expect(percentOf(1, 0)).toBe(0);
  });
});

describe("pod requests, limits and QoS", () => {
  it("sums app containers and takes the larger of that and the largest init container", () => {
    const p = pod(
      [
        { name: "a", image: "x", resources: { requests: { cpu: "100m", memory: "64Mi" } } },
        { name: "b", image: "x", resources: { requests: { cpu: "200m" } } },
      ],
      [{ name: "init", image: "x", resources: { requests: { cpu: "500m", memory: "16Mi" } } }],
    );
    expect(podRequests(p)).toEqual({ cpuMillis: 500, memoryBytes: 64 * 1024 * 1024 });
  });

  it("a limit without a request counts as the request", () => {
    const p = pod([{ name: "a", image: "x", resources: { limits: { cpu: "1", memory: "1Gi" } } }]);
    expect(podRequests(p)).toEqual({ cpuMillis: 1000, memoryBytes: 1024 ** 3 });
    expect(podLimits(p)).toEqual({ cpuMillis: 1000, memoryBytes: 1024 ** 3 });
    expect(qosClass(p)).toBe("Guaranteed");
  });

  it("classifies QoS", () => {
    expect(qosClass(pod([{ name: "a", image: "x" }]))).toBe("BestEffort");
    expect(qosClass(pod([{ name: "a", image: "x", resources: { requests: { cpu: "100m" } } }]))).toBe(
      "Burstable",
    );
    expect(
      qosClass(
        pod([
          {
            name: "a",
            image: "x",
            resources: { limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "1000m", memory: "1024Mi" } },
          },
          { name: "b", image: "x" },
        ]),
      ),
    ).toBe("Burstable");
  });
});

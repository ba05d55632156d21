import { describe, expect, it } from "vitest";
import { mapResources, milliCpuToQuota, milliCpuToShares } from "../../../../src/runtime/spec/resources.js";

describe("mapResources (kubelet's cgroup settings)", () => {
  it("gives a container without resources the minimum 2 CPU shares and no limits", () => {
    expect(mapResources(undefined)).toEqual({ CpuShares: 2 });
    expect(mapResources({})).toEqual({ CpuShares: 2 });
  });

  it("maps limits to quota/period and memory, requests to shares", () => {
    expect(
      mapResources({ limits: { cpu: "500m", memory: "64Mi" }, requests: { cpu: "250m", memory: "32Mi" } }),
    ).toEqual({
      CpuShares: 256,
      CpuPeriod: 100000,
      CpuQuota: 50000,
      Memory: 67108864,
      MemorySwap: 67108864,
    });
  });

  it("derives shares from the limit when only a limit is set", () => {
    expect(mapResources({ limits: { cpu: "2" } })).toEqual({
      CpuShares: 2048,
      CpuPeriod: 100000,
      CpuQuota: 200000,
    });
  });

  it("ignores memory requests (scheduling only)", () => {
    expect(mapResources({ requests: { memory: "1Gi", cpu: "1" } })).toEqual({ CpuShares: 1024 });
  });

  it("clamps tiny values like the kubelet", () => {
    expect(milliCpuToShares(1)).toBe(2);
    expect(milliCpuToShares(0)).toBe(2);
    expect(milliCpuToQuota(1)).toBe(1000);
    expect(milliCpuToQuota(10)).toBe(1000);
    expect(milliCpuToQuota(100)).toBe(10000);
  });
});

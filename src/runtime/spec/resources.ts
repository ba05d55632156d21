// resources → Docker HostConfig, as the kubelet sets a container's cgroup:
//  - limits.cpu → CpuPeriod 100000 µs and CpuQuota = millicores × 100 (at least 1000 µs);
//  - cpu request (or the limit when only that is set) → CpuShares = millicores × 1024 / 1000,
//    at least 2 — so a container without any CPU request gets 2 shares, like a BestEffort pod;
//  - limits.memory → Memory, with MemorySwap equal to it (no swap, as the kubelet configures).
// Requests are otherwise for the scheduler only.

import type { ResourceRequirements } from "../../manifest/types.js";
import { milliValue, value } from "./quantity.js";

export const CPU_PERIOD_US = 100_000;
const MIN_QUOTA_US = 1_000;
const MIN_SHARES = 2;
const SHARES_PER_CPU = 1024;

export interface ResourceHostConfig {
  CpuShares: number;
  CpuPeriod?: number;
  CpuQuota?: number;
  Memory?: number;
  MemorySwap?: number;
}

export function milliCpuToShares(milli: number): number {
  if (milli <= 0) return MIN_SHARES;
  return Math.max(MIN_SHARES, Math.floor((milli * SHARES_PER_CPU) / 1000));
}

export function milliCpuToQuota(milli: number, period = CPU_PERIOD_US): number {
  return Math.max(MIN_QUOTA_US, Math.floor((milli * period) / 1000));
}

export function mapResources(r: ResourceRequirements | undefined): ResourceHostConfig {
  const limits = r?.limits ?? {};
  const requests = r?.requests ?? {};
  const cpuRequest = requests.cpu !== undefined ? milliValue(requests.cpu) : 0;
  const cpuLimit = limits.cpu !== undefined ? milliValue(limits.cpu) : 0;
  const out: ResourceHostConfig = {
    CpuShares: milliCpuToShares(cpuRequest === 0 && cpuLimit !== 0 ? cpuLimit : cpuRequest),
  };
  if (cpuLimit > 0) {
    out.CpuPeriod = CPU_PERIOD_US;
    out.CpuQuota = milliCpuToQuota(cpuLimit);
  }
  if (limits.memory !== undefined) {
    const bytes = value(limits.memory);
    if (bytes > 0) {
      out.Memory = bytes;
      out.MemorySwap = bytes;
    }
  }
  return out;
}

import { describe, expect, it } from "vitest";
import {
  allocate,
  allocationsIn,
  holderOf,
  release,
  releaseHolder,
  type AllocationHolder,
  type Allocations,
} from "../../../src/state/allocations.js";
import { isBerthError } from "../../../src/util/errors.js";

const now = Date.parse("2026-11-26T10:00:00Z");
const web: AllocationHolder = { kind: "Service", namespace: "default", name: "web", uid: "u-web" };
const api: AllocationHolder = { kind: "Service", namespace: "default", name: "api", uid: "u-api" };

describe("allocations", () => {
  it("records values per pool, sorted, with holder and time", () => {
    let a: Allocations = {};
    a = allocate(a, "nodePorts", 30081, web, now);
    a = allocate(a, "nodePorts", 30080, api, now);
    a = allocate(a, "clusterIPs", "10.96.0.10", web, now);
    expect(allocationsIn(a, "nodePorts")).toEqual([
      { value: 30080, holder: api, allocatedAt: "2026-11-26T10:00:00Z" },
      { value: 30081, holder: web, allocatedAt: "2026-11-26T10:00:00Z" },
    ]);
    expect(holderOf(a, "clusterIPs", "10.96.0.10")).toEqual(web);
    expect(holderOf(a, "clusterIPs", "10.96.0.11")).toBeUndefined();
  });

  it("is idempotent for the same holder and refuses a value held by another object", () => {
    const a = allocate({}, "nodePorts", 30080, web, now);
    expect(allocate(a, "nodePorts", 30080, web, now + 1000)).toBe(a);
    let err: unknown;
    try {
      allocate(a, "nodePorts", 30080, api, now);
    } catch (e) {
      err = e;
    }
    expect(isBerthError(err, "E_ALLOCATED")).toBe(true);
    expect((err as Error).message).toBe("nodePorts 30080 is already allocated to Service default/web");
  });

  it("releases one value, or everything an object held", () => {
    let a = allocate({}, "nodePorts", 30080, web, now);
    a = allocate(a, "nodePorts", 30081, api, now);
    a = allocate(a, "clusterIPs", "10.96.0.10", web, now);
    const released = release(a, "nodePorts", 30081);
    expect(allocationsIn(released, "nodePorts").map((x) => x.value)).toEqual([30080]);
    expect(release(released, "nodePorts", 30999)).toBe(released);
    const gone = releaseHolder(a, "u-web");
    expect(allocationsIn(gone, "nodePorts").map((x) => x.value)).toEqual([30081]);
    expect(allocationsIn(gone, "clusterIPs")).toEqual([]);
    expect(releaseHolder(gone, "u-nobody")).toBe(gone);
    // The inputs are untouched.
    expect(allocationsIn(a, "nodePorts")).toHaveLength(2);
  });
});

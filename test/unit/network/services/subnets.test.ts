import { describe, expect, it } from "vitest";
import {
  cidrContains,
  formatIPv4,
  mustParseCidr,
  parseCidr,
  parseIPv4,
} from "../../../../src/network/services/ipv4.js";
import {
  ensureSubnet,
  isClusterIPCandidate,
  namespaceHolder,
  planFor,
  recordedSubnet,
} from "../../../../src/network/services/subnets.js";
import { allocate, type Allocations } from "../../../../src/state/allocations.js";
import { isBerthError } from "../../../../src/util/errors.js";

const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("IPv4 arithmetic", () => {
  it("parses and formats dotted quads", () => {
    expect(parseIPv4("10.96.4.10")).toBe(10 * 2 ** 24 + 96 * 2 ** 16 + 4 * 256 + 10);
    expect(formatIPv4(parseIPv4("255.255.255.255") ?? 0)).toBe("255.255.255.255");
    for (const bad of ["10.96.4", "10.96.4.256", "10.096.0.1", "a.b.c.d", "10.96.4.1 "]) {
      expect(parseIPv4(bad)).toBeUndefined();
    }
  });

  it("parses networks whose address is the network's first", () => {
    const c = parseCidr("10.96.0.0/12");
    expect(c).toEqual({ base: parseIPv4("10.96.0.0"), prefix: 12 });
    expect(parseCidr("10.96.0.1/12")).toBeUndefined();
    expect(parseCidr("10.96.0.0")).toBeUndefined();
    expect(parseCidr("10.96.0.0/33")).toBeUndefined();
    expect(cidrContains(mustParseCidr("10.96.0.0/12", "x"), parseIPv4("10.111.255.255") ?? 0)).toBe(true);
    expect(cidrContains(mustParseCidr("10.96.0.0/12", "x"), parseIPv4("10.112.0.0") ?? 0)).toBe(false);
    expect(() => mustParseCidr("10.96.0.1/12", "services.networkRange")).toThrow(/not an IPv4 network/);
  });
});

describe("namespace network plans", () => {
  const range = mustParseCidr("10.96.0.0/12", "range");

  it("gives each namespace the lowest free /21 and records it", () => {
    let a: Allocations = {};
    const first = ensureSubnet(a, range, "default", NOW);
    expect(first.subnet).toBe("10.96.0.0/21");
    a = first.allocations;
    const second = ensureSubnet(a, range, "shop", NOW);
    expect(second.subnet).toBe("10.96.8.0/21");
    a = second.allocations;
    expect(recordedSubnet(a, "default")).toBe("10.96.0.0/21");
    // Asking again changes nothing.
    expect(ensureSubnet(a, range, "shop", NOW).allocations).toBe(a);
  });

  it("avoids subnets the engines already use and adopts its own earlier network", () => {
    const engines = {
      // Another berth's namespace network, and an unrelated network overlapping the second /21.
      taken: new Set(["10.96.12.0/24"]),
      byNamespace: new Map([
        ["other", "10.96.0.0/21"],
        ["shop", "10.96.40.0/21"],
      ]),
    };
    const first = ensureSubnet({}, range, "default", NOW, engines);
    expect(first.subnet).toBe("10.96.16.0/21");
    const shop = ensureSubnet(first.allocations, range, "shop", NOW, engines);
    expect(shop.subnet).toBe("10.96.40.0/21");
  });

  it("lays a subnet out as pods below, cluster IPs above, .10 of the upper half reserved", () => {
    const p = planFor("default", mustParseCidr("10.96.0.0/21", "s"));
    expect(p).toMatchObject({ subnet: "10.96.0.0/21", gateway: "10.96.0.1", ipRange: "10.96.0.0/22" });
    expect(formatIPv4(p.clusterFirst)).toBe("10.96.4.1");
    expect(formatIPv4(p.clusterLast)).toBe("10.96.7.254");
    expect(formatIPv4(p.reserved)).toBe("10.96.4.10");
    const ok = (ip: string) => isClusterIPCandidate(p, parseIPv4(ip) ?? 0);
    expect(ok("10.96.4.1")).toBe(true);
    expect(ok("10.96.5.0")).toBe(false);
    expect(ok("10.96.5.255")).toBe(false);
    expect(ok("10.96.4.10")).toBe(false);
    expect(ok("10.96.3.7")).toBe(false);
    expect(ok("10.96.8.1")).toBe(false);
  });

  it("skips subnets other namespaces hold and fails clearly when the range is full", () => {
    const small = mustParseCidr("10.200.0.0/20", "range");
    let a: Allocations = allocate({}, "namespaceSubnets", "10.200.0.0/21", namespaceHolder("a"), NOW);
    const b = ensureSubnet(a, small, "b", NOW);
    expect(b.subnet).toBe("10.200.8.0/21");
    a = b.allocations;
    try {
      ensureSubnet(a, small, "c", NOW);
      expect.unreachable();
    } catch (e) {
      expect(isBerthError(e, "E_NETWORK_RANGE_FULL")).toBe(true);
      expect(String(e)).toContain("namespace c gets none");
    }
  });

  it("refuses a range smaller than one namespace network", () => {
    expect(() => ensureSubnet({}, mustParseCidr("10.96.0.0/24", "r"), "a", NOW)).toThrow(
      /smaller than one namespace/,
    );
  });
});

import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../../src/util/clock.js";
import { RoundRobin } from "../../../../src/network/ingress/balancer.js";

const eps = [1, 2, 3].map((n) => ({ host: "127.0.0.1", port: 9000 + n, pod: `p${n}` }));
const ports = (list: { port: number }[]): number[] => list.map((e) => e.port);

describe("RoundRobin", () => {
  it("rotates the starting endpoint per service", () => {
    const rr = new RoundRobin(new FakeClock());
    expect(ports(rr.order("svc", eps))).toEqual([9001, 9002, 9003]);
    expect(ports(rr.order("svc", eps))).toEqual([9002, 9003, 9001]);
    expect(ports(rr.order("other", eps))).toEqual([9001, 9002, 9003]);
    expect(ports(rr.order("svc", eps))).toEqual([9003, 9001, 9002]);
    expect(ports(rr.order("svc", eps))).toEqual([9001, 9002, 9003]);
  });

  it("keeps working when the endpoint list shrinks", () => {
    const rr = new RoundRobin(new FakeClock());
    rr.order("svc", eps);
    rr.order("svc", eps);
    expect(ports(rr.order("svc", eps.slice(0, 2)))).toEqual([9001, 9002]);
    expect(rr.order("svc", [])).toEqual([]);
  });

  it("puts a failed endpoint last until fail timeout passes or it succeeds", () => {
    const clock = new FakeClock();
    const rr = new RoundRobin(clock, 10_000);
    const [first, second] = eps;
    if (!first || !second) throw new Error("fixture");
    rr.markFailed(first);
    expect(ports(rr.order("svc", eps))).toEqual([9002, 9003, 9001]);
    clock.advance(10_000);
    expect(ports(rr.order("svc", eps))).toEqual([9002, 9003, 9001]);
    rr.markFailed(second);
    expect(ports(rr.order("svc", eps))).toEqual([9003, 9001, 9002]);
    rr.markSucceeded(second);
    expect(ports(rr.order("svc", eps))).toEqual([9001, 9002, 9003]);
  });
});

import { describe, expect, it } from "vitest";
import type { Pod } from "../../../../src/manifest/types.js";
import { PodEventSink } from "../../../../src/runtime/agent/event-sink.js";
import type { EventInput } from "../../../../src/state/events.js";
import { FakeClock } from "../../../../src/util/clock.js";

const pod: Pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "default", uid: "u1" },
  spec: { containers: [] },
};

describe("pod events", () => {
  it("passes events on with the pod as involved object and the kubelet as source", () => {
    const out: EventInput[] = [];
    const sink = new PodEventSink(
      (e) => out.push(e),
      { component: "kubelet", host: "n1" },
      new FakeClock(),
      10_000,
    );
    sink.event(pod, { type: "Normal", reason: "Started", message: "Started container web" });
    expect(out).toEqual([
      {
        type: "Normal",
        reason: "Started",
        message: "Started container web",
        involvedObject: { kind: "Pod", namespace: "default", name: "web", uid: "u1" },
        source: { component: "kubelet", host: "n1" },
      },
    ]);
  });

  it("the same event of the same pod goes out at most once per interval", () => {
    const out: EventInput[] = [];
    const clock = new FakeClock();
    const sink = new PodEventSink((e) => out.push(e), { component: "kubelet" }, clock, 10_000);
    const backOff = {
      type: "Warning" as const,
      reason: "BackOff",
      message: "Back-off restarting failed container",
    };
    sink.event(pod, backOff);
    sink.event(pod, backOff);
    sink.event(pod, { ...backOff, message: "another" });
    clock.advance(9_999);
    sink.event(pod, backOff);
    clock.advance(1);
    sink.event(pod, backOff);
    expect(out.map((e) => e.message)).toEqual([backOff.message, "another", backOff.message]);
    sink.forget("u1");
    sink.event(pod, backOff);
    expect(out).toHaveLength(4);
  });
});

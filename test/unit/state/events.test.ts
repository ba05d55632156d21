import { describe, expect, it } from "vitest";
import { DEFAULT_EVENT_LIMIT, eventAbout, recordEvent, type EventInput } from "../../../src/state/events.js";
import type { StateEvent } from "../../../src/state/types.js";

const t0 = Date.parse("2026-11-26T10:00:00Z");

function backOff(pod = "web-1", uid = "u-1", message = "Back-off restarting failed container"): EventInput {
  return {
    type: "Warning",
    reason: "BackOff",
    message,
    involvedObject: { kind: "Pod", namespace: "default", name: pod, uid },
    source: { component: "kubelet", host: "n1" },
  };
}

describe("recordEvent", () => {
  it("appends a new event with count 1 and both timestamps at now", () => {
    const events = recordEvent([], backOff(), t0);
    expect(events).toEqual([
      {
        ...backOff(),
        count: 1,
        firstTimestamp: "2026-11-26T10:00:00Z",
        lastTimestamp: "2026-11-26T10:00:00Z",
      },
    ]);
  });

  it("counts a repeat of the same (object, reason, message) instead of adding a line", () => {
    let events = recordEvent([], backOff(), t0);
    events = recordEvent(events, backOff(), t0 + 10_000);
    events = recordEvent(events, backOff(), t0 + 30_000);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      count: 3,
      firstTimestamp: "2026-11-26T10:00:00Z",
      lastTimestamp: "2026-11-26T10:00:30Z",
    });
  });

  it("keeps events apart when object, uid, reason, message, type or source differ", () => {
    const variants: EventInput[] = [
      backOff(),
      backOff("web-2"),
      backOff("web-1", "u-2"),
      backOff("web-1", "u-1", "another message"),
      { ...backOff(), reason: "Failed" },
      { ...backOff(), type: "Normal" },
      { ...backOff(), source: { component: "kubelet", host: "n2" } },
    ];
    let events: StateEvent[] = [];
    for (const v of variants) events = recordEvent(events, v, t0);
    expect(events).toHaveLength(variants.length);
    expect(events.every((e) => e.count === 1)).toBe(true);
  });

  it("moves a repeated event to the end, newest last", () => {
    let events = recordEvent([], backOff("a"), t0);
    events = recordEvent(events, backOff("b"), t0 + 1000);
    events = recordEvent(events, backOff("a"), t0 + 2000);
    expect(events.map((e) => [e.involvedObject.name, e.count])).toEqual([
      ["b", 1],
      ["a", 2],
    ]);
  });

  it("does not change the list it was given", () => {
    const first = recordEvent([], backOff(), t0);
    const copy = structuredClone(first);
    recordEvent(first, backOff(), t0 + 1000);
    recordEvent(first, backOff("other"), t0 + 1000);
    expect(first).toEqual(copy);
  });

  it("keeps only the newest `limit` events, dropping the oldest", () => {
    let events: StateEvent[] = [];
    for (let i = 0; i < 5; i++) events = recordEvent(events, backOff(`p${i}`), t0 + i * 1000, 3);
    expect(events.map((e) => e.involvedObject.name)).toEqual(["p2", "p3", "p4"]);
    // A repeat of a kept event survives the next eviction because it moved to the end.
    events = recordEvent(events, backOff("p2"), t0 + 10_000, 3);
    events = recordEvent(events, backOff("p5"), t0 + 11_000, 3);
    expect(events.map((e) => e.involvedObject.name)).toEqual(["p4", "p2", "p5"]);
  });

  it("bounds the list at 1000 by default", () => {
    expect(DEFAULT_EVENT_LIMIT).toBe(1000);
    let events: StateEvent[] = [];
    for (let i = 0; i < 1005; i++) events = recordEvent(events, backOff(`p${i}`), t0 + i);
    expect(events).toHaveLength(1000);
    expect(events[0]?.involvedObject.name).toBe("p5");
    expect(events.at(-1)?.involvedObject.name).toBe("p1004");
  });
});

describe("eventAbout", () => {
  it("names the object (kind, namespace, name, uid) and copies the source", () => {
    const source = { component: "kubelet", host: "n1" };
    const e = eventAbout(
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "web", namespace: "prod", uid: "u1" },
        spec: { containers: [] },
      },
      "Normal",
      "Started",
      "Started container web",
      source,
    );
    expect(e).toEqual({
      type: "Normal",
      reason: "Started",
      message: "Started container web",
      involvedObject: { kind: "Pod", namespace: "prod", name: "web", uid: "u1" },
      source: { component: "kubelet", host: "n1" },
    });
    expect(e.source).not.toBe(source);
  });
});

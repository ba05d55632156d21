import { describe, expect, it } from "vitest";
import { parseEngineEvent, sinceParam } from "../../../../src/runtime/docker/event-parse.js";

const attrs = {
  "io.berth.pod.uid": "u1",
  "io.berth.pod.name": "web",
  "io.berth.pod.namespace": "default",
  "io.berth.container.name": "app",
  "io.berth.role": "app",
  "io.berth.restart-count": "2",
  image: "berth.local/web:1",
};

// Docker writes timeNano as a JSON number beyond 2^53; it must survive exactly.
const line = (action: string, extra: Record<string, string> = {}) =>
  JSON.stringify({
    Type: "container",
    Action: action,
    Actor: { ID: "abc", Attributes: { ...attrs, ...extra } },
    time: 1767225600,
  }).replace(/}$/, ',"timeNano":1767225600123456789}');

describe("parseEngineEvent", () => {
  it("reads die events with exit code and pod identity", () => {
    const e = parseEngineEvent(line("die", { exitCode: "137" }));
    expect(e).toMatchObject({
      action: "die",
      containerId: "abc",
      exitCode: 137,
      podUid: "u1",
      podName: "web",
      namespace: "default",
      containerName: "app",
      role: "app",
      attempt: 2,
    });
    expect(e?.time).toBe(1767225600123);
    expect(e?.timeNano).toBe(1767225600123456789n);
  });

  it("splits health_status and keeps oom, start, destroy", () => {
    expect(parseEngineEvent(line("health_status: unhealthy"))).toMatchObject({
      action: "health_status",
      healthStatus: "unhealthy",
    });
    for (const a of ["oom", "start", "destroy", "kill", "create"])
      expect(parseEngineEvent(line(a))?.action).toBe(a);
  });

  it("drops exec noise, other types and garbage", () => {
    expect(parseEngineEvent(line("exec_start: sh -c true"))).toBeUndefined();
    expect(
      parseEngineEvent(JSON.stringify({ Type: "network", Action: "connect", Actor: { ID: "n" } })),
    ).toBeUndefined();
    expect(parseEngineEvent("not json")).toBeUndefined();
  });

  it("formats a resumable since parameter", () => {
    expect(sinceParam(1767225600000000005n)).toBe("1767225600.000000005");
  });
});

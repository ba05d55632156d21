import { describe, expect, it } from "vitest";
import { scheduledStatus, unschedulableStatus } from "../../../src/scheduler/pod-scheduled.js";
import { pod } from "./fixtures.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");

describe("PodScheduled", () => {
  it("keeps the transition time while the status stays, and other conditions as they are", () => {
    const p = pod("web");
    p.status = unschedulableStatus(p, "0/1 nodes are available: 1 Insufficient cpu.", T0);
    p.status.conditions?.push({ type: "Other", status: "True" });
    const again = unschedulableStatus(p, "0/1 nodes are available: 1 Insufficient memory.", T0 + 5_000);
    expect(again.conditions).toEqual([
      {
        type: "PodScheduled",
        status: "False",
        reason: "Unschedulable",
        message: "0/1 nodes are available: 1 Insufficient memory.",
        lastTransitionTime: "2026-01-01T00:00:00Z",
      },
      { type: "Other", status: "True" },
    ]);
    const bound = scheduledStatus({ ...p, status: again }, T0 + 9_000);
    expect(bound.conditions?.[0]).toEqual({
      type: "PodScheduled",
      status: "True",
      lastTransitionTime: "2026-01-01T00:00:09Z",
    });
    expect(bound.phase).toBe("Pending");
  });
});

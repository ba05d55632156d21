import { describe, expect, it } from "vitest";
import { changesInspection } from "../../../../src/runtime/agent/container-cache.js";

describe("changesInspection", () => {
  it("inspects after lifecycle events, not after signals or file and terminal operations", () => {
    for (const a of [
      "create",
      "start",
      "die",
      "oom",
      "stop",
      "destroy",
      "restart",
      "pause",
      "unpause",
      "rename",
      "update",
      "health_status",
    ])
      expect(changesInspection(a), a).toBe(true);
    // A kill that makes the container exit is followed by its die; archive-path and extract-to-dir
    // are berth's own termination-message reads and uploads.
    for (const a of [
      "kill",
      "archive-path",
      "extract-to-dir",
      "attach",
      "detach",
      "resize",
      "copy",
      "export",
      "top",
      "commit",
    ])
      expect(changesInspection(a), a).toBe(false);
  });
});

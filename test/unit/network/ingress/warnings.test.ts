import { describe, expect, it } from "vitest";
import { warningEvent, warningKey, type IngressWarning } from "../../../../src/network/ingress/warnings.js";

const w: IngressWarning = {
  ingress: { namespace: "shop", name: "web", uid: "u1" },
  reason: "PathConflict",
  message: "taken",
};

describe("warnings", () => {
  it("become Warning events on the Ingress from berth-ingress", () => {
    expect(warningEvent(w)).toEqual({
      type: "Warning",
      reason: "PathConflict",
      message: "taken",
      involvedObject: { kind: "Ingress", namespace: "shop", name: "web", uid: "u1" },
      source: { component: "berth-ingress" },
    });
  });

  it("are the same warning when object, reason and message are", () => {
    expect(warningKey(w)).toBe(warningKey({ ...w }));
    expect(warningKey(w)).not.toBe(warningKey({ ...w, message: "other" }));
    expect(warningKey(w)).not.toBe(warningKey({ ...w, ingress: { ...w.ingress, uid: "u2" } }));
  });
});

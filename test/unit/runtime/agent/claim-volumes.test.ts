import { describe, expect, it } from "vitest";
import { boundPodClaims, ClaimVolumes } from "../../../../src/runtime/agent/claim-volumes.js";
import { SILENT_LOG } from "../../../../src/runtime/agent/log.js";
import type { Pod } from "../../../../src/manifest/types.js";
import { ObjectStore } from "../../../../src/state/store.js";
import { FakeClock } from "../../../../src/util/clock.js";

function pod(name: string, node: string | undefined, claims: string[]): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "db", labels: {}, annotations: {} },
    spec: {
      ...(node !== undefined ? { nodeName: node } : {}),
      volumes: [
        ...claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } })),
        { name: "scratch", emptyDir: {} },
      ],
      containers: [{ name: "c", image: "x" }],
    },
  };
}

describe("boundPodClaims", () => {
  it("places the claims of bound pods on their node and ignores unbound pods and other volumes", () => {
    expect(
      boundPodClaims([pod("a-0", "n1", ["data-a-0", "logs-a-0"]), pod("a-1", undefined, ["data-a-1"])]),
    ).toEqual([
      { namespace: "db", claimName: "data-a-0", node: "n1" },
      { namespace: "db", claimName: "logs-a-0", node: "n1" },
    ]);
  });
});

describe("ClaimVolumes", () => {
  it("offers bound pods' claims before any engine was listed, each claim once", () => {
    const store = new ObjectStore(new FakeClock());
    store.create(pod("a-0", "n2", ["data-a-0"]));
    store.create(pod("b-0", "n2", ["data-a-0"]));
    const claims = new ClaimVolumes({ store, nodes: () => [], log: SILENT_LOG, refreshMs: 1000 });
    expect(claims.locations()).toEqual([{ namespace: "db", claimName: "data-a-0", node: "n2" }]);
  });

  it("keeps a deletion waiting while a pod is bound with the claim, and not offering the claim", async () => {
    const store = new ObjectStore(new FakeClock());
    store.create(pod("a-0", "n2", ["data-a-0"]));
    const claims = new ClaimVolumes({ store, nodes: () => [], log: SILENT_LOG, refreshMs: 1000 });
    claims.delete({ type: "deleteVolume", namespace: "db", claimName: "data-a-0", reason: "scaled down" });
    await claims.refresh();
    expect(claims.locations()).toEqual([]);
    store.delete({ kind: "Pod", namespace: "db", name: "a-0" });
    await claims.refresh();
    // Done: a pod bound with that claim again (a new ordinal pod) is offered as usual.
    store.create(pod("a-0", "n1", ["data-a-0"]));
    expect(claims.locations()).toEqual([{ namespace: "db", claimName: "data-a-0", node: "n1" }]);
  });
});

import { describe, expect, it } from "vitest";
import { ControllerManager } from "../../../src/controllers/manager.js";
import type { Controller, ControllerContext, DeleteVolumeAction } from "../../../src/controllers/types.js";
import type { ConfigMap } from "../../../src/manifest/types.js";
import { ObjectStore } from "../../../src/state/store.js";
import { FakeClock } from "../../../src/util/clock.js";

const cm = (name: string): ConfigMap => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default", labels: {}, annotations: {} },
  data: {},
});

function setup() {
  const clock = new FakeClock();
  const store = new ObjectStore(clock);
  const seen: ControllerContext[] = [];
  const finalized: string[] = [];
  const volumes: DeleteVolumeAction[] = [];
  const controller: Controller<"ConfigMap"> = {
    kind: "ConfigMap",
    reconcile(_obj, ctx) {
      seen.push(ctx);
      return { actions: [] };
    },
    finalize(obj) {
      finalized.push(obj.metadata.name);
      return [
        {
          type: "deleteVolume",
          namespace: "default",
          claimName: `data-${obj.metadata.name}`,
          reason: "gone",
        },
      ];
    },
  };
  const mgr = new ControllerManager(store, [controller], {
    clock,
    randomSuffix: () => "aaaaa",
    nodes: () => [],
    claims: () => [{ namespace: "default", claimName: "data-a", node: "n1" }],
    config: { jobBackoffBaseMs: 5 },
    onDeleteVolume: (a) => volumes.push(a),
  });
  mgr.start();
  return { store, mgr, seen, finalized, volumes };
}

describe("ControllerManager extensions for the batch and node controllers", () => {
  it("passes claims and config to controllers", () => {
    const { store, mgr, seen } = setup();
    store.create(cm("a"));
    mgr.drain();
    expect(seen.at(-1)?.claims).toEqual([{ namespace: "default", claimName: "data-a", node: "n1" }]);
    expect(seen.at(-1)?.config).toEqual({ jobBackoffBaseMs: 5 });
    mgr.stop();
  });

  it("calls finalize once for a deleted object and hands deleteVolume to the runtime", () => {
    const { store, mgr, finalized, volumes } = setup();
    store.create(cm("a"));
    mgr.drain();
    store.delete({ kind: "ConfigMap", namespace: "default", name: "a" });
    mgr.drain();
    mgr.drain();
    expect(finalized).toEqual(["a"]);
    expect(volumes).toEqual([
      { type: "deleteVolume", namespace: "default", claimName: "data-a", reason: "gone" },
    ]);
    mgr.stop();
  });

  it("skips finalize when a namesake was created in the meantime", () => {
    const { store, mgr, finalized } = setup();
    store.create(cm("a"));
    store.delete({ kind: "ConfigMap", namespace: "default", name: "a" });
    store.create(cm("a"));
    mgr.drain();
    expect(finalized).toEqual([]);
    mgr.stop();
  });

  it("enqueueKind reconciles every object of that kind", () => {
    const { store, mgr, seen } = setup();
    store.create(cm("a"));
    store.create(cm("b"));
    mgr.drain();
    const before = seen.length;
    mgr.enqueueKind("ConfigMap");
    mgr.drain();
    expect(seen.length - before).toBe(2);
    mgr.stop();
  });
});

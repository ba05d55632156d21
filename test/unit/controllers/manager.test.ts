import { describe, expect, it } from "vitest";
import { ControllerManager } from "../../../src/controllers/manager.js";
import { collectGarbage } from "../../../src/controllers/gc.js";
import { controllerRef } from "../../../src/controllers/owner.js";
import type { Controller } from "../../../src/controllers/types.js";
import type { ConfigMap, Pod } from "../../../src/manifest/types.js";
import { ObjectStore } from "../../../src/state/store.js";
import { FakeClock } from "../../../src/util/clock.js";

const cm = (name: string): ConfigMap => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default", labels: {}, annotations: {} },
  data: { copies: "2" },
});

const pod = (name: string, owner?: ConfigMap): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name,
    namespace: "default",
    labels: {},
    annotations: {},
    ...(owner ? { ownerReferences: [controllerRef(owner)] } : {}),
  },
  spec: { containers: [{ name: "c", image: "x:1" }] },
});

// A toy controller: a ConfigMap wants `data.copies` pods named after it.
const copies: Controller<"ConfigMap"> = {
  kind: "ConfigMap",
  reconcile(obj, ctx) {
    const want = Number(obj.data?.copies ?? "0");
    const have = ctx.view
      .list("Pod")
      .filter((p) => p.metadata.ownerReferences?.[0]?.uid === obj.metadata.uid);
    const actions = [];
    for (let i = have.length; i < want; i++)
      actions.push({
        type: "create" as const,
        object: pod(`${obj.metadata.name}-${ctx.randomSuffix()}`, obj),
      });
    return { actions };
  },
};

function setup() {
  const clock = new FakeClock();
  const store = new ObjectStore(clock);
  let n = 0;
  const mgr = new ControllerManager(store, [copies], {
    clock,
    randomSuffix: () => `s${n++}`,
    nodes: () => [],
  });
  return { store, mgr, clock };
}

describe("ControllerManager", () => {
  it("reconciles to the desired state and is idempotent", () => {
    const { store, mgr } = setup();
    store.create(cm("a"));
    mgr.enqueueAll();
    mgr.drain();
    expect(
      store
        .list("Pod")
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(["a-s0", "a-s1"]);
    mgr.enqueueAll();
    mgr.drain();
    expect(store.list("Pod")).toHaveLength(2);
  });

  it("re-reconciles an owner when one of its dependents disappears", () => {
    const { store, mgr } = setup();
    store.create(cm("a"));
    mgr.start();
    mgr.drain();
    const victim = store.list("Pod")[0];
    if (!victim) throw new Error("no pod");
    store.delete({ kind: "Pod", namespace: "default", name: victim.metadata.name });
    mgr.drain();
    expect(store.list("Pod")).toHaveLength(2);
    mgr.stop();
  });

  it("garbage-collects dependents of a deleted owner", () => {
    const { store, mgr } = setup();
    store.create(cm("a"));
    mgr.start();
    mgr.drain();
    store.delete({ kind: "ConfigMap", namespace: "default", name: "a" });
    mgr.drain();
    expect(store.list("Pod")).toEqual([]);
    mgr.stop();
  });
});

describe("collectGarbage", () => {
  it("deletes only objects none of whose owners exist, and leaves unowned objects alone", () => {
    const store = new ObjectStore(new FakeClock());
    const owner = store.create(cm("owner"));
    store.create(pod("owned", owner));
    store.create(pod("free"));
    expect(collectGarbage(store.all())).toEqual([]);
    store.delete({ kind: "ConfigMap", namespace: "default", name: "owner" });
    expect(collectGarbage(store.all())).toEqual([
      {
        type: "delete",
        id: { kind: "Pod", namespace: "default", name: "owned" },
        reason: "owner ConfigMap owner is gone",
      },
    ]);
  });
});

describe("ControllerManager feedback and triggers", () => {
  it("hands the failed actions of a reconcile to the next reconcile of the same object, once", () => {
    const clock = new FakeClock();
    const store = new ObjectStore(clock);
    const seen: string[][] = [];
    const clashing: Controller<"ConfigMap"> = {
      kind: "ConfigMap",
      reconcile(obj, ctx) {
        seen.push((ctx.failedActions ?? []).map((f) => `${f.action.type}:${f.code ?? ""}:${f.message}`));
        // Always tries to create the same pod: the second time it exists.
        return seen.length <= 2
          ? { actions: [{ type: "create", object: pod(`${obj.metadata.name}-p`) }] }
          : { actions: [] };
      },
    };
    const mgr = new ControllerManager(store, [clashing], { clock, randomSuffix: () => "x", nodes: () => [] });
    store.create(pod("a-p"));
    store.create(cm("a"));
    mgr.enqueue("ConfigMap/default/a");
    mgr.drain();
    clock.advance(1000); // the retry after the failure
    mgr.enqueue("ConfigMap/default/a");
    mgr.drain();
    const failure = ["create:E_EXISTS:Pod/default/a-p already exists"];
    expect(seen.slice(0, 2)).toEqual([[], failure]);
    // The second attempt failed too; the third creates nothing and succeeds; after it, no failures.
    mgr.enqueue("ConfigMap/default/a");
    mgr.drain();
    expect(seen[2]).toEqual(failure);
    mgr.enqueue("ConfigMap/default/a");
    mgr.drain();
    expect(seen.at(-1)).toEqual([]);
    mgr.stop();
  });

  it("enqueues what a controller's affected hook names when another object changes", () => {
    const clock = new FakeClock();
    const store = new ObjectStore(clock);
    const reconciled: string[] = [];
    const watcher: Controller<"ConfigMap"> = {
      kind: "ConfigMap",
      reconcile(obj) {
        reconciled.push(obj.metadata.name);
        return { actions: [] };
      },
      affected: (change) =>
        change.object.kind === "Pod" ? [{ kind: "ConfigMap", namespace: "default", name: "watcher" }] : [],
    };
    const mgr = new ControllerManager(store, [watcher], { clock, randomSuffix: () => "x", nodes: () => [] });
    store.create(cm("watcher"));
    mgr.start();
    mgr.drain();
    reconciled.length = 0;
    store.create(pod("anything"));
    mgr.drain();
    expect(reconciled).toEqual(["watcher"]);
    mgr.stop();
  });
});

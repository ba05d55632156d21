// A DaemonSet on two engines (the main one and n2) rolled from web:1 to web:2 through git with
// maxUnavailable 1: one node at a time, so at every store change at least one node has a ready
// daemon pod and no node ever has two; at the end each engine runs exactly one web:2 container.

import { afterAll, describe, expect, it } from "vitest";
import { isReady, makeHarness, N2_ADDRESS, N2_SOCKET } from "./harness.js";

const h = makeHarness("wldsr");
const n2 = h.node("n2", N2_SOCKET, N2_ADDRESS);

const daemonSet = (tag: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: web
          image: berth.local/web:${tag}
          readinessProbe: {httpGet: {path: /version, port: 80}, periodSeconds: 1}
`;

afterAll(() => h.cleanup());

describe("DaemonSet rolling update on two engines", () => {
  it("replaces one node's pod at a time and ends with web:2 on both", async () => {
    h.commit("web v1 everywhere", { "web.yaml": daemonSet("1") });
    const d = await h.start({ nodes: [h.main, n2] });
    const live = () => h.pods().filter((p) => p.metadata.deletionTimestamp === undefined);
    const image = (tag: string) => `berth.local/web:${tag}`;
    const rolledTo = (tag: string) => {
      const pods = live();
      const s = d.store.get("DaemonSet", h.namespace, "web")?.status;
      return (
        pods.length === 2 &&
        pods.every((p) => isReady(p) && p.spec.containers[0]?.image === image(tag)) &&
        s?.updatedNumberScheduled === 2 &&
        s.numberAvailable === 2
      );
    };
    await h.until("web:1 ready on both nodes", () => rolledTo("1"), 60_000);

    let minReady = Infinity;
    let maxOnOneNode = 0;
    const unwatch = d.store.watch((e) => {
      if (e.object.kind !== "Pod") return;
      const pods = live();
      minReady = Math.min(minReady, pods.filter(isReady).length);
      for (const node of [h.main.name, n2.name])
        maxOnOneNode = Math.max(maxOnOneNode, pods.filter((p) => p.spec.nodeName === node).length);
    });
    try {
      h.commit("web v2 everywhere", { "web.yaml": daemonSet("2") });
      await h.until("web:2 ready on both nodes", () => rolledTo("2"), 60_000);
    } finally {
      unwatch();
    }
    expect(minReady).toBe(1);
    expect(maxOnOneNode).toBe(1);

    for (const socket of [undefined, N2_SOCKET]) {
      const containers = await h.until(
        "one container on the engine",
        async () => {
          const all = await h.appContainers(socket, true);
          return all.length === 1 && all;
        },
        30_000,
      );
      expect(containers.map((c) => [c.Image, c.State])).toEqual([[image("2"), "running"]]);
    }
  });
});

import { describe, expect, it } from "vitest";
import { listView } from "../../../../src/cli/view/list.js";
import { eventName, eventObject, nodeObject } from "../../../../src/cli/view/shapes.js";
import type { ConfigMap } from "../../../../src/manifest/types.js";
import * as c from "../../../support/cli-cluster.js";
import { MemoryReader } from "../../../support/memory-reader.js";

const reader = new MemoryReader(c.objects, c.nodes, c.events);

describe("listView", () => {
  it("lists one namespace, or all sorted by namespace then name", async () => {
    expect((await listView(reader, "Pod", { namespace: "default" })).map((p) => p.metadata.name)).toEqual([
      "db-0",
      "web-7d4b9c-abcde",
      "web-7d4b9c-fghij",
    ]);
    expect(
      (await listView(reader, "Pod")).map((p) => `${p.metadata.namespace ?? ""}/${p.metadata.name}`),
    ).toEqual(["default/db-0", "default/web-7d4b9c-abcde", "default/web-7d4b9c-fghij", "team-a/worker-1"]);
  });

  it("filters by label selector", async () => {
    const pods = await listView(reader, "Pod", {
      selector: { matchExpressions: [{ key: "app", operator: "In", values: ["db", "worker"] }] },
    });
    expect(pods.map((p) => p.metadata.name)).toEqual(["db-0", "worker-1"]);
  });

  it("namespaces: declared ones plus those objects live in, default always, with the name label", async () => {
    const ns = await listView(reader, "Namespace", { namespace: "ignored" });
    expect(
      ns.map((n) => [n.metadata.name, n.metadata.creationTimestamp, n.metadata.labels, n.status?.phase]),
    ).toEqual([
      ["default", c.at(0), { "kubernetes.io/metadata.name": "default" }, "Active"],
      ["team-a", c.at(-3600), { "kubernetes.io/metadata.name": "team-a" }, "Active"],
    ]);
    const empty = await listView(new MemoryReader([]), "Namespace");
    expect(empty.map((n) => [n.metadata.name, n.metadata.creationTimestamp])).toEqual([
      ["default", undefined],
    ]);
    const elsewhere: ConfigMap = {
      ...c.configMap,
      metadata: { ...c.configMap.metadata, namespace: "undeclared", creationTimestamp: c.at(-10) },
    };
    const more = await listView(new MemoryReader([elsewhere]), "Namespace");
    expect(more.map((n) => [n.metadata.name, n.metadata.creationTimestamp])).toEqual([
      ["default", undefined],
      ["undeclared", c.at(-10)],
    ]);
  });

  it("endpoints: one per service with a selector (not ExternalName), computed from the pods", async () => {
    const eps = await listView(reader, "Endpoints", { namespace: "default" });
    expect(eps.map((e) => e.metadata.name)).toEqual(["db", "web", "web-np"]);
    expect(eps[0]?.subsets?.[0]?.notReadyAddresses?.map((a) => a.ip)).toEqual(["10.244.2.9"]);
  });

  it("events oldest first by last time; a namespace filters on the involved object's", async () => {
    const all = await listView(reader, "Event");
    expect(all.map((e) => e.reason)).toEqual(["ScalingReplicaSet", "Scheduled", "BackOff", "Started"]);
    expect(await listView(reader, "Event", { namespace: "team-a" })).toEqual([]);
  });

  it("nodes as core/v1 Nodes, the agent's heartbeat on conditions that have none", async () => {
    const [n1] = await listView(reader, "Node");
    expect(n1?.status.conditions[0]?.lastHeartbeatTime).toBe(c.at(290));
    expect(
      nodeObject({
        ...c.n1,
        conditions: [{ type: "Ready", status: "True", lastHeartbeatTime: c.at(5) }],
      }).status.conditions[0]?.lastHeartbeatTime,
    ).toBe(c.at(5));
  });
});

describe("event objects", () => {
  it("are core/v1 Events with stable names", () => {
    const e = c.scalingEvent;
    const o = eventObject(e);
    expect(o).toMatchObject({
      apiVersion: "v1",
      kind: "Event",
      metadata: { namespace: "default", creationTimestamp: c.at(0) },
      involvedObject: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        namespace: "default",
        name: "web",
        uid: "uid-deploy-web",
      },
      reason: "ScalingReplicaSet",
      count: 1,
      reportingComponent: "deployment-controller",
      reportingInstance: "",
    });
    expect(o.metadata.name).toMatch(/^web\.[0-9a-f]{16}$/);
    expect(eventName(e)).toBe(o.metadata.name);
    expect(eventName({ ...e, message: "other" })).not.toBe(o.metadata.name);
  });

  it("events of cluster-scoped objects are filed in default", () => {
    const ns = eventObject({
      ...c.scalingEvent,
      involvedObject: { kind: "Namespace", namespace: "", name: "team-a" },
    });
    expect(ns.metadata.namespace).toBe("default");
    expect(ns.involvedObject.namespace).toBeUndefined();
  });
});

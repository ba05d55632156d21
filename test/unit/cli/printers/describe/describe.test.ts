// kubectl describe output for every kind, against golden files (golden/<name>.txt) at the fixture
// clock. The goldens were checked line by line against kubectl 1.30's describers.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ViewKind } from "../../../../../src/cli/view/resource-types.js";
import { typeOf } from "../../../../../src/cli/view/resource-types.js";
import { describeFetched } from "../../../../../src/cli/view/describe-view.js";
import { fetchRequest } from "../../../../../src/cli/view/fetch.js";
import * as c from "../../../../support/cli-cluster.js";
import { MemoryReader } from "../../../../support/memory-reader.js";
import { extraObjects } from "./extra-objects.js";

const GOLDEN = join(import.meta.dirname, "golden");
const reader = new MemoryReader([...c.objects, ...extraObjects], c.nodes, c.events);

async function describeOne(kind: ViewKind, name: string, namespace = "default"): Promise<string> {
  const f = await fetchRequest(reader, { type: typeOf(kind), names: [name] }, { namespace });
  const texts = await describeFetched(reader, [f], c.NOW);
  expect(texts).toHaveLength(1);
  return texts[0] ?? "";
}

function golden(name: string): string {
  return readFileSync(join(GOLDEN, `${name}.txt`), "utf8");
}

describe("berth describe", () => {
  it.each<[string, ViewKind, string, string?]>([
    ["pod", "Pod", "web-7d4b9c-fghij"],
    ["pod-rich", "Pod", "rich"],
    ["deployment", "Deployment", "web"],
    ["deployment-rollout", "Deployment", "api"],
    ["replicaset", "ReplicaSet", "web-7d4b9c"],
    ["daemonset", "DaemonSet", "agent"],
    ["statefulset", "StatefulSet", "db"],
    ["job", "Job", "backup-29000000"],
    ["cronjob", "CronJob", "backup"],
    ["service", "Service", "web"],
    ["service-nodeport", "Service", "web-np"],
    ["service-external", "Service", "ext"],
    ["endpoints", "Endpoints", "db"],
    ["ingress", "Ingress", "web"],
    ["ingress-default-backend", "Ingress", "fallback"],
    ["configmap", "ConfigMap", "bin-config"],
    ["secret", "Secret", "web-secret"],
    ["namespace", "Namespace", "team-a"],
    ["node", "Node", "n2"],
  ])("%s", async (file, kind, name, ns) => {
    expect(await describeOne(kind, name, ns)).toBe(golden(file));
  });

  it("events: the object's own, matched by kind, namespace, name and uid", async () => {
    const text = await describeOne("Pod", "web-7d4b9c-abcde");
    expect(text.endsWith("Events:          <none>\n")).toBe(true);
  });

  it("a name that matches nothing exactly describes the objects it prefixes", async () => {
    const f = await fetchRequest(
      reader,
      { type: typeOf("Pod"), names: ["web-7d4b9c-"] },
      { namespace: "default", prefixMatch: true },
    );
    expect(f.items.map((o) => o.metadata.name)).toEqual(["web-7d4b9c-abcde", "web-7d4b9c-fghij"]);
    const exact = await fetchRequest(
      reader,
      { type: typeOf("Deployment"), names: ["web"] },
      { namespace: "default", prefixMatch: true },
    );
    expect(exact.items.map((o) => o.metadata.name)).toEqual(["web"]);
    const none = await fetchRequest(
      reader,
      { type: typeOf("Pod"), names: ["zzz"] },
      { namespace: "default", prefixMatch: true },
    );
    expect(none).toMatchObject({ items: [], missing: ["zzz"] });
  });

  it("Secret values never appear: hashes print as <redacted>, plain values as their size", async () => {
    const text = await describeOne("Secret", "plain");
    expect(text).toContain("token:   6 bytes\n");
    expect(text).toContain("pw:      7 bytes\n");
    expect(text).not.toContain("c2VjcmV0");
    expect(text).not.toContain("hunter2");
    expect(await describeOne("Secret", "web-secret")).not.toContain("hmac-sha256");
  });

  it("an event describes itself field by field", async () => {
    const f = await fetchRequest(reader, { type: typeOf("Event"), names: [] }, { namespace: "default" });
    const [first] = await describeFetched(reader, [{ ...f, items: f.items.slice(0, 1) }], c.NOW);
    expect(first).toMatch(/^Name:\s+web\.[0-9a-f]{16}\nNamespace:\s+default\n/);
    expect(first).toContain("Reason:           ScalingReplicaSet\n");
    expect(first).toContain("Object:           deployment/web\n");
  });
});

// Namespace networks under concurrency: Docker's duplicate-name check is not atomic, so pods of a
// new namespace created at the same moment must still end up on one network.

import { randomBytes } from "node:crypto";
import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import { ensureNamespaceNetwork, removeNamespaceNetwork } from "../../../src/runtime/docker/network.js";
import { namespaceNetworkName } from "../../../src/runtime/labels.js";

const docker = new Docker({ socketPath: "/var/run/docker.sock", version: "v1.41" });
const namespaces: string[] = [];

function freshNamespace(): string {
  const ns = `nr${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  namespaces.push(ns);
  return ns;
}

async function named(name: string): Promise<string[]> {
  const list = await docker.listNetworks({ filters: { name: [name] } });
  return list.filter((n) => n.Name === name).map((n) => n.Id);
}

afterAll(async () => {
  for (const ns of namespaces) {
    for (const id of await named(namespaceNetworkName(ns))) await docker.getNetwork(id).remove();
  }
});

describe("namespace networks", () => {
  it("concurrent ensures create one network", async () => {
    const ns = freshNamespace();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => ensureNamespaceNetwork(docker, "n", ns)),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await named(namespaceNetworkName(ns))).toEqual([results[0]?.id]);
  });

  it("duplicates left by another client are resolved: the oldest is kept", async () => {
    const ns = freshNamespace();
    const name = namespaceNetworkName(ns);
    const a = await docker.createNetwork({ Name: name, Driver: "bridge", CheckDuplicate: false });
    const b = await docker.createNetwork({ Name: name, Driver: "bridge", CheckDuplicate: false });
    expect((await named(name)).length).toBe(2);
    const kept = await ensureNamespaceNetwork(docker, "n", ns);
    expect(kept.id).toBe(a.id);
    expect(await named(name)).toEqual([a.id]);
    expect(b.id).not.toBe(a.id);
    expect(await removeNamespaceNetwork(docker, ns)).toBe(true);
  });
});

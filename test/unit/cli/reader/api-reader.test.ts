import { describe, expect, it } from "vitest";
import type { BerthClient } from "../../../../src/cli/client.js";
import { ApiClusterReader, appStateFromView } from "../../../../src/cli/reader/api-reader.js";
import { app, pod } from "../../../support/fake-daemon-view.js";

function fakeClient(fail = 0) {
  const calls: string[] = [];
  let failures = fail;
  const client = {
    target: { baseUrl: "http://127.0.0.1:7070", from: "flag" },
    objects: async (q: { kind?: string; namespace?: string }) => {
      calls.push(`objects ${q.kind ?? ""} ${q.namespace ?? "*"}`);
      if (failures-- > 0) throw new Error("down");
      return [pod("shop", "web-1")];
    },
    nodes: async () => (calls.push("nodes"), []),
    events: async () => (calls.push("events"), []),
    status: async () => (calls.push("status"), { version: "t", ready: true, apps: [app("shop")] }),
  };
  return { client: client as unknown as BerthClient, calls };
}

describe("ApiClusterReader", () => {
  it("asks once per list until the data may have changed", async () => {
    const { client, calls } = fakeClient();
    const r = new ApiClusterReader(client, { pollMs: 1 });
    expect(r.source).toBe("berth daemon at http://127.0.0.1:7070");
    await r.listObjects("Pod", { namespace: "shop" });
    await r.listObjects("Pod", { namespace: "shop" });
    await r.listObjects("Namespace", { namespace: "shop" });
    expect(calls).toEqual(["objects Pod shop", "objects Namespace *"]);
    await r.waitForChange(new AbortController().signal);
    await r.listObjects("Pod", { namespace: "shop" });
    expect(calls).toHaveLength(3);
  });

  it("does not remember a failed read", async () => {
    const { client, calls } = fakeClient(1);
    const r = new ApiClusterReader(client);
    await expect(r.listObjects("Pod")).rejects.toThrow("down");
    expect(await r.listObjects("Pod")).toHaveLength(1);
    expect(calls).toHaveLength(2);
  });

  it("returns at once from waitForChange when aborted", async () => {
    const { client } = fakeClient();
    const r = new ApiClusterReader(client, { pollMs: 60_000 });
    const ac = new AbortController();
    const waiting = r.waitForChange(ac.signal);
    ac.abort();
    await expect(waiting).resolves.toBeUndefined();
  });

  it("turns app views into the state file's app records", () => {
    expect(
      appStateFromView(
        app("shop", {
          lastSync: {
            startedAt: "a",
            finishedAt: "b",
            result: "failed",
            revision: { sha: "9".repeat(40), subject: "x" },
            errors: ["e"],
          },
        }),
      ),
    ).toEqual({
      name: "shop",
      source: { repoURL: "https://git.example.com/org/shop.git", ref: "main", path: "deploy" },
      syncedRevision: {
        sha: "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        subject: "Add web",
        author: "",
        date: "",
      },
      lastGoodRevision: {
        sha: "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        subject: "Add web",
        author: "",
        date: "",
      },
      lastSyncAttempt: { startedAt: "a", finishedAt: "b", result: "failed", errors: ["e"] },
    });
  });
});

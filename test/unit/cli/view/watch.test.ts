import { describe, expect, it } from "vitest";
import { typeOf } from "../../../../src/cli/view/resource-types.js";
import { watchGet } from "../../../../src/cli/view/watch.js";
import type { KObject, Pod } from "../../../../src/manifest/types.js";
import { FakeClock } from "../../../../src/util/clock.js";
import { dbPod, NOW, webPodA, webPodB } from "../../../support/cli-cluster.js";
import { MemoryReader } from "../../../support/memory-reader.js";

/** A reader whose data the test replaces; each replacement wakes the watcher once. */
class ScriptedReader extends MemoryReader {
  private data: KObject[];
  private wake: (() => void) | undefined;
  private onWait: (() => void) | undefined;

  constructor(objects: KObject[]) {
    super([]);
    this.data = objects;
  }

  override async listObjects<K extends KObject["kind"]>(kind: K, opts = {}) {
    return new MemoryReader(this.data).listObjects(kind, opts);
  }

  /** Resolves once the watcher is waiting for the next change. */
  waiting(): Promise<void> {
    return new Promise((resolve) => (this.onWait = resolve));
  }

  change(objects: KObject[]): void {
    this.data = objects;
    this.wake?.();
  }

  override async waitForChange(signal: AbortSignal): Promise<void> {
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      signal.addEventListener("abort", () => resolve(), { once: true });
      this.onWait?.();
    });
  }
}

describe("get --watch", () => {
  it("prints the table, then a row per changed, new or removed object, keeping column widths", async () => {
    const reader = new ScriptedReader([webPodA, webPodB]);
    const out: string[] = [];
    const err: string[] = [];
    const ac = new AbortController();
    let waiting = reader.waiting();
    const done = watchGet(
      reader,
      { type: typeOf("Pod"), names: [] },
      { namespace: "default" },
      { namespace: "default" },
      { stdout: (t) => out.push(t), stderr: (t) => err.push(t) },
      new FakeClock(NOW),
      ac.signal,
    );
    await waiting;
    expect(out.join("")).toBe(
      "NAME               READY   STATUS    RESTARTS     AGE\n" +
        "web-7d4b9c-abcde   1/1     Running   0            5m\n" +
        "web-7d4b9c-fghij   1/1     Running   2 (3m ago)   5m\n",
    );

    // One pod stops being ready, one appears; the unchanged one is not printed again.
    const notReady: Pod = {
      ...webPodA,
      status: {
        ...webPodA.status,
        phase: "Running",
        containerStatuses: webPodA.status?.containerStatuses?.map((c) => ({ ...c, ready: false })) ?? [],
      },
    };
    waiting = reader.waiting();
    reader.change([notReady, webPodB, dbPod]);
    await waiting;
    expect(out.slice(1).join("")).toBe(
      "db-0               0/1     Running   0            5m\n" +
        "web-7d4b9c-abcde   0/1     Running   0            5m\n",
    );

    // A pod goes away: its last row is printed once.
    waiting = reader.waiting();
    reader.change([notReady, dbPod]);
    await waiting;
    expect(out.slice(2).join("")).toBe("web-7d4b9c-fghij   1/1     Running   2 (3m ago)   5m\n");

    ac.abort();
    await done;
    expect(err).toEqual([]);
  });

  it("says when there is nothing yet, then prints the header with the first row", async () => {
    const reader = new ScriptedReader([]);
    const out: string[] = [];
    const err: string[] = [];
    const ac = new AbortController();
    let waiting = reader.waiting();
    const done = watchGet(
      reader,
      { type: typeOf("Pod"), names: [] },
      { namespace: "default" },
      { namespace: "default" },
      { stdout: (t) => out.push(t), stderr: (t) => err.push(t) },
      new FakeClock(NOW),
      ac.signal,
    );
    await waiting;
    expect(err).toEqual(["No resources found in default namespace.\n"]);
    waiting = reader.waiting();
    reader.change([webPodA]);
    await waiting;
    expect(out).toEqual([
      "NAME               READY   STATUS    RESTARTS   AGE\nweb-7d4b9c-abcde   1/1     Running   0          5m\n",
    ]);
    ac.abort();
    await done;
  });
});

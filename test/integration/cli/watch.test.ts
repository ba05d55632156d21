// `get --watch` over a real state file while a StateFile (as the daemon) rewrites it.

import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StateFileReader } from "../../../src/cli/reader/state-file-reader.js";
import { typeOf } from "../../../src/cli/view/resource-types.js";
import { watchGet } from "../../../src/cli/view/watch.js";
import type { KObject } from "../../../src/manifest/types.js";
import { StateFile } from "../../../src/state/file.js";
import { emptyStateContent } from "../../../src/state/snapshot.js";
import { FakeClock } from "../../../src/util/clock.js";
import { dbPod, NOW, webPodA } from "../../support/cli-cluster.js";
import { tempDir } from "../../support/state-fixtures.js";

let dir: { dir: string; cleanup: () => void };
beforeEach(() => (dir = tempDir("berth-watch-")));
afterEach(() => dir.cleanup());

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("get --watch over the state file", () => {
  it("prints new rows when the daemon saves a change, and stops on abort", async () => {
    const path = join(dir.dir, "state.json");
    const file = await StateFile.open(path, { saveIntervalMs: 0 });
    const save = async (objects: KObject[]) => {
      file.scheduleSave({ ...emptyStateContent(), resourceVersion: 10, objects });
      await file.flush();
    };
    await save([webPodA]);

    const out: string[] = [];
    const ac = new AbortController();
    const done = watchGet(
      new StateFileReader(path, { pollMs: 20 }),
      { type: typeOf("Pod"), names: [] },
      { namespace: "default" },
      { namespace: "default" },
      { stdout: (t) => out.push(t), stderr: () => undefined },
      new FakeClock(NOW),
      ac.signal,
    );
    try {
      await until(() => out.length === 1, "the first table");
      expect(out[0]).toBe(
        "NAME               READY   STATUS    RESTARTS   AGE\nweb-7d4b9c-abcde   1/1     Running   0          5m\n",
      );
      await save([webPodA, dbPod]);
      await until(() => out.length === 2, "the new pod's row");
      expect(out[1]).toBe("db-0               0/1     Running   0          5m\n");
    } finally {
      ac.abort();
      await done;
      await file.close();
    }
  });
});

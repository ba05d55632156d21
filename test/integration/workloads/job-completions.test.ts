// (1) A Job with completions 10 and parallelism 3 runs exactly 10 successful pods, never more than 3
// at once: counted in the store on every change (the controller's view), in the Job's status, and in
// Docker (exited-0 app containers) at the end. (2) An Indexed Job whose index 1 fails once (a claim
// volume remembers it) replaces just that index after the backoff and completes indexes 0-3.

import { afterAll, describe, expect, it } from "vitest";
import type { Pod } from "../../../src/manifest/types.js";
import { makeHarness } from "./harness.js";

const h = makeHarness("wljob");
const hIndexed = makeHarness("wljobi");

const job = `apiVersion: batch/v1
kind: Job
metadata: {name: batch}
spec:
  completions: 10
  parallelism: 3
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - {name: work, image: "berth.local/busybox:1", command: ["sh", "-c", "sleep 1"]}
`;

const active = (p: Pod): boolean =>
  p.metadata.deletionTimestamp === undefined &&
  p.status?.phase !== "Succeeded" &&
  p.status?.phase !== "Failed";

const indexedJob = `apiVersion: batch/v1
kind: Job
metadata: {name: indexed}
spec:
  completions: 4
  parallelism: 2
  completionMode: Indexed
  backoffLimit: 3
  template:
    spec:
      restartPolicy: Never
      volumes: [{name: marks, persistentVolumeClaim: {claimName: marks}}]
      containers:
        - name: work
          image: berth.local/busybox:1
          volumeMounts: [{name: marks, mountPath: /marks}]
          command:
            - sh
            - -c
            - if [ $JOB_COMPLETION_INDEX = 1 ] && [ ! -f /marks/failed ]; then touch /marks/failed; exit 3; fi
`;

afterAll(async () => {
  await h.cleanup();
  await hIndexed.cleanup();
});

describe("Job completions and parallelism", () => {
  it("succeeds exactly 10 times with at most 3 pods running at once", async () => {
    h.commit("a batch job", { "job.yaml": job });
    const d = await h.start();
    let maxActive = 0;
    let maxRunning = 0;
    const sample = () => {
      const pods = h.pods();
      maxActive = Math.max(maxActive, pods.filter(active).length);
      maxRunning = Math.max(maxRunning, pods.filter((p) => p.status?.phase === "Running").length);
    };
    sample();
    const unwatch = d.store.watch((e) => {
      if (e.object.kind === "Pod") sample();
    });
    try {
      await h.until(
        "the Job to complete",
        () =>
          d.store
            .get("Job", h.namespace, "batch")
            ?.status?.conditions?.some((c) => c.type === "Complete" && c.status === "True"),
        90_000,
      );
    } finally {
      unwatch();
    }
    const status = d.store.get("Job", h.namespace, "batch")?.status;
    expect(status?.succeeded).toBe(10);
    expect(status?.failed ?? 0).toBe(0);
    expect(status?.active ?? 0).toBe(0);
    expect(maxActive).toBe(3);
    expect(maxRunning).toBeGreaterThan(1); // they did run side by side
    expect(maxRunning).toBeLessThanOrEqual(3);

    const pods = h.pods();
    expect(pods.filter((p) => p.status?.phase === "Succeeded")).toHaveLength(10);
    expect(pods).toHaveLength(10);

    // Docker ran exactly 10 containers of the Job, each ended with exit code 0.
    const containers = await h.until(
      "the last container to be seen as exited",
      async () => {
        const all = await h.appContainers(undefined, true);
        return all.every((c) => c.State === "exited") && all;
      },
      20_000,
    );
    expect(containers).toHaveLength(10);
    expect(new Set(containers.map((c) => c.Labels["io.berth.pod.name"])).size).toBe(10);
    for (const c of containers) {
      const info = await h.docker().getContainer(c.Id).inspect();
      expect(info.State.ExitCode).toBe(0);
    }
  });

  it("replaces only the failed index of an Indexed Job", async () => {
    hIndexed.commit("an indexed job", { "job.yaml": indexedJob });
    const d = await hIndexed.start({
      // Kubernetes' 10 s first backoff, shortened: the replacement still waits for it.
      configure: (c) => ({ ...c, runtime: { ...c.runtime, jobBackoff: { initial: 1_000, max: 4_000 } } }),
    });
    await hIndexed.until(
      "the Job to complete",
      () =>
        d.store
          .get("Job", hIndexed.namespace, "indexed")
          ?.status?.conditions?.some((c) => c.type === "Complete" && c.status === "True"),
      60_000,
    );
    const status = d.store.get("Job", hIndexed.namespace, "indexed")?.status;
    expect(status).toMatchObject({ succeeded: 4, failed: 1, completedIndexes: "0-3" });
    const byIndex = hIndexed
      .pods()
      .map(
        (p) => `${p.metadata.annotations?.["batch.kubernetes.io/job-completion-index"]} ${p.status?.phase}`,
      )
      .sort();
    expect(byIndex).toEqual(["0 Succeeded", "1 Failed", "1 Succeeded", "2 Succeeded", "3 Succeeded"]);
    const exitCodes = await Promise.all(
      (await hIndexed.appContainers(undefined, true)).map(
        async (c) => (await hIndexed.docker().getContainer(c.Id).inspect()).State.ExitCode,
      ),
    );
    expect(exitCodes.sort()).toEqual([0, 0, 0, 0, 3]);
  });
});

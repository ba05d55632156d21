import { afterEach, describe, expect, it } from "vitest";
import { jobController, reconcileJob } from "../../../../src/controllers/job/index.js";
import { isPodActive } from "../../../../src/controllers/workload-util/pod-state.js";
import type { Job } from "../../../../src/manifest/types.js";
import { Cluster, node } from "../../../support/batch-cluster.js";
import { contextOf, job, must, template, workQueueJob } from "../../../support/workloads.js";

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

function start(config = { jobBackoffBaseMs: 10_000, jobBackoffMaxMs: 600_000 }): Cluster {
  cluster = new Cluster([jobController], { nodes: [node("node-a")], config });
  return cluster;
}

const getJob = (c: Cluster, name = "work"): Job => must(c.store.get("Job", "default", name), `Job ${name}`);
const condition = (j: Job, type: string) => j.status?.conditions?.find((x) => x.type === type);

/** Tracks the most pods active at once, across every intermediate store state. */
function peakActive(c: Cluster): () => number {
  let peak = 0;
  c.store.watch(() => {
    peak = Math.max(peak, c.store.list("Pod").filter(isPodActive).length);
  });
  return () => peak;
}

describe("Job completions and parallelism", () => {
  it("completions 10, parallelism 3: exactly 10 successes, never more than 3 active", () => {
    const c = start();
    const peak = peakActive(c);
    c.fate = () => "running";
    c.apply(job("work", { completions: 10, parallelism: 3 }));
    let rounds = 0;
    while (!condition(getJob(c), "Complete") && rounds++ < 20) {
      // Every running pod finishes successfully, then the controller catches up.
      for (const p of c.livePods("work-")) c.setPhase(p.metadata.name, "succeeded");
      c.advance(1000);
    }
    const j = getJob(c);
    expect(j.status).toMatchObject({ succeeded: 10, ready: 0 });
    expect(j.status?.active).toBeUndefined();
    expect(j.status?.failed).toBeUndefined();
    expect(c.pods("work-").filter((p) => p.status?.phase === "Succeeded")).toHaveLength(10);
    expect(peak()).toBe(3);
    expect(condition(j, "Complete")).toMatchObject({
      status: "True",
      reason: "CompletionsReached",
      message: "Reached expected number of succeeded pods",
    });
    expect(j.status?.conditions?.map((x) => x.type)).toEqual(["SuccessCriteriaMet", "Complete"]);
    expect(j.status?.completionTime).toBeDefined();
    expect(j.status?.startTime).toBe("2026-01-01T00:00:00Z");
    expect(reconcileJob(j, contextOf(c)).actions).toEqual([]);
    expect(c.events.filter((e) => e.reason === "Completed")).toHaveLength(1);
  });

  it("when the last completions are near, only as many pods as are still missing run", () => {
    const c = start();
    c.fate = () => "running";
    c.apply(job("work", { completions: 4, parallelism: 3 }));
    const [a, b] = c.livePods("work-");
    c.setPhase(must(a).metadata.name, "succeeded");
    c.setPhase(must(b).metadata.name, "succeeded");
    c.settle();
    // 2 succeeded, 2 missing: the third pod keeps running and one more starts.
    expect(c.livePods("work-")).toHaveLength(2);
    expect(getJob(c).status).toMatchObject({ active: 2, succeeded: 2 });
  });

  it("names pods <job>-<5 chars> with the job labels and a controller reference", () => {
    const c = start();
    c.fate = () => "running";
    c.apply(job("work"));
    const pod = must(c.pods("work-")[0]);
    const uid = getJob(c).metadata.uid;
    expect(pod.metadata.name).toMatch(/^work-.{5}$/);
    expect(pod.metadata.labels).toEqual({
      "batch.kubernetes.io/controller-uid": uid,
      "batch.kubernetes.io/job-name": "work",
      "controller-uid": uid,
      "job-name": "work",
    });
    expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: "Job", name: "work", controller: true });
  });

  it("a work-queue Job (no completions) completes once a pod succeeded and the others finished", () => {
    const c = start();
    c.fate = () => "running";
    c.apply(workQueueJob("work", 2));
    const [a, b] = c.livePods("work-");
    c.setPhase(must(a).metadata.name, "succeeded");
    c.settle();
    expect(c.livePods("work-")).toHaveLength(1);
    expect(condition(getJob(c), "Complete")).toBeUndefined();
    c.setPhase(must(b).metadata.name, "succeeded");
    c.settle();
    expect(condition(getJob(c), "Complete")?.status).toBe("True");
  });

  it("keeps finished pods until the Job is deleted, then collects them", () => {
    const c = start();
    c.fate = () => "succeeded";
    c.apply(job("work", { completions: 2, parallelism: 2 }));
    expect(c.pods("work-")).toHaveLength(2);
    c.store.delete({ kind: "Job", namespace: "default", name: "work" });
    c.settle();
    expect(c.pods("work-")).toEqual([]);
  });
});

describe("Job failures", () => {
  it("backs off 10 s, 20 s, 40 s … before replacing failed pods, capped", () => {
    const c = start({ jobBackoffBaseMs: 10_000, jobBackoffMaxMs: 60_000 });
    c.fate = () => "failed";
    const created: number[] = [];
    c.store.watch((e) => {
      if (e.type === "ADDED" && e.object.kind === "Pod") created.push(c.clock.now());
    });
    c.apply(job("work", { backoffLimit: 10 }));
    c.advance(600_000, 1000);
    const gaps = created.slice(1).map((t, i) => (t - (created[i] ?? 0)) / 1000);
    expect(gaps).toEqual([10, 20, 40, 60, 60, 60, 60, 60, 60, 60]);
    expect(condition(getJob(c), "Failed")).toMatchObject({
      reason: "BackoffLimitExceeded",
      message: "Job has reached the specified backoff limit",
    });
    expect(getJob(c).status?.failed).toBe(11);
  });

  it("uses Kubernetes' 10 s / 10 min backoff when not configured", () => {
    const c = new Cluster([jobController], { nodes: [node("node-a")] });
    cluster = c;
    c.fate = () => "failed";
    c.apply(job("work", { backoffLimit: 100 }));
    c.advance(9_000);
    expect(c.pods("work-")).toHaveLength(1);
    c.advance(1_000);
    expect(c.pods("work-")).toHaveLength(2);
    const j = getJob(c);
    expect(reconcileJob(j, { ...contextOf(c), config: {} }).requeueAfterMs).toBe(20_000);
  });

  it("a success resets the backoff", () => {
    const c = start();
    c.fate = () => "running";
    c.apply(job("work", { completions: 3, backoffLimit: 10 }));
    const finishNewest = (fate: "failed" | "succeeded"): void => {
      c.setPhase(must(c.livePods("work-")[0]).metadata.name, fate);
      c.settle();
    };
    finishNewest("failed");
    c.advance(9_000);
    expect(c.pods("work-")).toHaveLength(1);
    c.advance(1_000);
    expect(c.pods("work-")).toHaveLength(2);
    c.advance(1_000);
    finishNewest("succeeded");
    expect(c.pods("work-")).toHaveLength(3);
    c.advance(1_000);
    finishNewest("failed");
    // One failure since the last success: 10 s again, not 20 s.
    c.advance(9_000);
    expect(c.pods("work-")).toHaveLength(3);
    c.advance(1_000);
    expect(c.pods("work-")).toHaveLength(4);
  });

  it("fails with BackoffLimitExceeded after backoffLimit+1 failed pods (restartPolicy Never)", () => {
    const c = start({ jobBackoffBaseMs: 1, jobBackoffMaxMs: 1 });
    c.fate = () => "failed";
    c.apply(job("work", { backoffLimit: 2 }));
    c.advance(10, 1);
    expect(c.pods("work-")).toHaveLength(3);
    expect(getJob(c).status).toMatchObject({ failed: 3 });
    expect(condition(getJob(c), "Failed")?.reason).toBe("BackoffLimitExceeded");
    expect(c.events.some((e) => e.type === "Warning" && e.reason === "BackoffLimitExceeded")).toBe(true);
  });

  it("counts container restarts in place against backoffLimit (restartPolicy OnFailure)", () => {
    const c = start();
    c.fate = () => "running";
    c.apply(job("work", { backoffLimit: 3, template: template({}, "x:1", { restartPolicy: "OnFailure" }) }));
    const [pod] = c.livePods("work-");
    const name = must(pod).metadata.name;
    c.restartContainer(name);
    c.restartContainer(name);
    c.settle();
    expect(condition(getJob(c), "Failed")).toBeUndefined();
    expect(getJob(c).status?.failed).toBeUndefined();
    c.restartContainer(name);
    c.settle();
    expect(condition(getJob(c), "Failed")?.reason).toBe("BackoffLimitExceeded");
    // The pod still running was killed and counts as the one failure.
    expect(getJob(c).status).toMatchObject({ failed: 1 });
    expect(c.livePods("work-")).toEqual([]);
  });

  it("a pod deleted by someone counts as failed and is replaced (no backoff: the pod is gone)", () => {
    const c = start();
    c.fate = () => "running";
    c.apply(job("work"));
    const [pod] = c.livePods("work-");
    c.store.requestDelete({ kind: "Pod", namespace: "default", name: must(pod).metadata.name });
    c.settle();
    expect(c.livePods("work-")).toHaveLength(1);
    expect(c.livePods("work-")[0]?.metadata.name).not.toBe(pod?.metadata.name);
    expect(getJob(c).status).toMatchObject({ failed: 1, active: 1 });
  });
});

describe("Job deadlines, TTL and suspend", () => {
  it("activeDeadlineSeconds kills active pods: Failed DeadlineExceeded, even with retries left", () => {
    const c = start();
    c.fate = () => "running";
    c.apply(job("work", { activeDeadlineSeconds: 60, parallelism: 2, completions: 4 }));
    c.advance(59_000);
    expect(c.livePods("work-")).toHaveLength(2);
    c.advance(1_000);
    const j = getJob(c);
    expect(condition(j, "Failed")).toMatchObject({
      status: "True",
      reason: "DeadlineExceeded",
      message: "Job was active longer than specified deadline",
    });
    expect(c.livePods("work-")).toEqual([]);
    expect(j.status?.conditions?.map((x) => `${x.type}/${x.reason ?? ""}`)).toEqual([
      "FailureTarget/DeadlineExceeded",
      "Failed/DeadlineExceeded",
    ]);
    expect(j.status).toMatchObject({ failed: 2, ready: 0 });
    expect(j.status?.completionTime).toBeUndefined();
    expect(reconcileJob(j, contextOf(c)).actions).toEqual([]);
  });

  it("ttlSecondsAfterFinished deletes the Job and, by GC, its pods", () => {
    const c = start();
    c.fate = () => "succeeded";
    c.apply(job("work", { ttlSecondsAfterFinished: 100 }));
    expect(condition(getJob(c), "Complete")?.status).toBe("True");
    c.advance(99_000);
    expect(c.store.get("Job", "default", "work")).toBeDefined();
    c.advance(1_000);
    expect(c.store.get("Job", "default", "work")).toBeUndefined();
    expect(c.pods("work-")).toEqual([]);
  });

  it("ttlSecondsAfterFinished 0 deletes a failed Job at once", () => {
    const c = start({ jobBackoffBaseMs: 1, jobBackoffMaxMs: 1 });
    c.fate = () => "failed";
    c.apply(job("work", { backoffLimit: 0, ttlSecondsAfterFinished: 0 }));
    expect(c.store.get("Job", "default", "work")).toBeUndefined();
  });

  it("suspend removes active pods without counting them; resume restarts the deadline clock", () => {
    const c = start();
    c.fate = () => "running";
    c.apply(job("work", { parallelism: 2, completions: 2, activeDeadlineSeconds: 100 }));
    c.advance(50_000);
    c.apply(job("work", { parallelism: 2, completions: 2, activeDeadlineSeconds: 100, suspend: true }));
    let j = getJob(c);
    expect(c.livePods("work-")).toEqual([]);
    expect(j.status?.failed).toBeUndefined();
    expect(condition(j, "Suspended")).toMatchObject({
      status: "True",
      reason: "JobSuspended",
      message: "Job suspended",
    });
    expect(reconcileJob(j, contextOf(c)).actions).toEqual([]);
    c.advance(500_000, 100_000);
    expect(condition(getJob(c), "Failed")).toBeUndefined();
    c.apply(job("work", { parallelism: 2, completions: 2, activeDeadlineSeconds: 100 }));
    j = getJob(c);
    expect(condition(j, "Suspended")).toMatchObject({ status: "False", reason: "JobResumed" });
    expect(j.status?.startTime).toBe("2026-01-01T00:09:10Z");
    expect(c.livePods("work-")).toHaveLength(2);
    // No backoff: pods removed by the Job itself are not failures.
    c.advance(99_000);
    expect(condition(getJob(c), "Failed")).toBeUndefined();
    c.advance(1_000);
    expect(condition(getJob(c), "Failed")?.reason).toBe("DeadlineExceeded");
  });

  it("a Job created suspended starts no pods and has no startTime", () => {
    const c = start();
    c.apply(job("work", { suspend: true }));
    expect(c.pods("work-")).toEqual([]);
    expect(getJob(c).status?.startTime).toBeUndefined();
  });
});

describe("Indexed Jobs", () => {
  it("runs one pod per index, lowest first, and records completedIndexes", () => {
    const c = start();
    c.fate = () => "running";
    c.apply(job("work", { completions: 5, parallelism: 2, completionMode: "Indexed" }));
    const indexOf = (name: string) =>
      c.store.get("Pod", "default", name)?.metadata.annotations?.["batch.kubernetes.io/job-completion-index"];
    expect(c.livePods("work-").map((p) => indexOf(p.metadata.name))).toEqual(["0", "1"]);
    const first = must(c.livePods("work-0-")[0]);
    expect(first.metadata.name).toMatch(/^work-0-.{5}$/);
    expect(first.spec.hostname).toBe("work-0");
    expect(first.spec.containers[0]?.env).toContainEqual({
      name: "JOB_COMPLETION_INDEX",
      valueFrom: {
        fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" },
      },
    });
    c.setPhase(first.metadata.name, "succeeded");
    c.settle();
    expect(
      c
        .livePods("work-")
        .map((p) => indexOf(p.metadata.name))
        .sort(),
    ).toEqual(["1", "2"]);
    expect(getJob(c).status).toMatchObject({ completedIndexes: "0", succeeded: 1 });
    for (let i = 0; i < 5; i++) {
      for (const p of c.livePods("work-")) c.setPhase(p.metadata.name, "succeeded");
      c.settle();
    }
    expect(getJob(c).status).toMatchObject({ completedIndexes: "0-4", succeeded: 5 });
    expect(condition(getJob(c), "Complete")?.status).toBe("True");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { cronJobController, reconcileCronJob } from "../../../../src/controllers/cronjob/index.js";
import { jobController } from "../../../../src/controllers/job/index.js";
import type { CronJob, Job } from "../../../../src/manifest/types.js";
import { Cluster, type Fate, node } from "../../../support/batch-cluster.js";
import { contextOf, cronJob, must } from "../../../support/workloads.js";

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

const MIN = 60_000;
const HOUR = 60 * MIN;

function start(fate: Fate = "running", at = "2026-01-01T00:00:00Z"): Cluster {
  cluster = new Cluster([cronJobController, jobController], {
    nodes: [node("node-a")],
    start: at,
    config: { defaultTimeZone: "UTC", jobBackoffBaseMs: 1000, jobBackoffMaxMs: 1000 },
  });
  cluster.fate = () => fate;
  return cluster;
}

const getCron = (c: Cluster, name = "tick"): CronJob => must(c.store.get("CronJob", "default", name));
const jobsOf = (c: Cluster): Job[] =>
  c.store.list("Job").sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
const jobNames = (c: Cluster): string[] => jobsOf(c).map((j) => j.metadata.name);
const minutes = (isoTime: string): number => Date.parse(isoTime) / MIN;

/** The daemon is down for `ms`: no controller runs, time passes, then it starts again. */
function downtime(c: Cluster, ms: number): void {
  c.mgr.stop();
  c.clock.advance(ms);
  c.mgr.start();
  c.settle();
}

describe("CronJob scheduling", () => {
  it("starts <cronjob>-<unix minutes> at the scheduled time, with owner and scheduled-timestamp annotation", () => {
    const c = start();
    c.apply(cronJob("tick"));
    expect(jobsOf(c)).toEqual([]);
    const cj = getCron(c);
    expect(reconcileCronJob(cj, contextOf(c)).requeueAfterMs).toBe(5 * MIN);
    c.advance(5 * MIN - 1);
    expect(jobsOf(c)).toEqual([]);
    c.advance(1);
    const [j] = jobsOf(c);
    expect(j?.metadata.name).toBe(`tick-${minutes("2026-01-01T00:05:00Z")}`);
    expect(j?.metadata.creationTimestamp).toBe("2026-01-01T00:05:00Z");
    expect(j?.metadata.annotations?.["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe(
      "2026-01-01T00:05:00Z",
    );
    expect(j?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "CronJob",
      name: "tick",
      controller: true,
    });
    expect(j?.spec.template.spec.restartPolicy).toBe("OnFailure");
    const after = getCron(c);
    expect(after.status).toEqual({
      active: [{ kind: "Job", namespace: "default", name: j?.metadata.name, uid: j?.metadata.uid }],
      lastScheduleTime: "2026-01-01T00:05:00Z",
    });
    const again = reconcileCronJob(after, contextOf(c));
    expect(again.actions).toEqual([]);
    expect(again.requeueAfterMs).toBe(5 * MIN);
    expect(
      c.events.filter((e) => e.reason === "SuccessfulCreate" && e.object.kind === "CronJob"),
    ).toHaveLength(1);
  });

  it("records lastSuccessfulTime and drops finished Jobs from active", () => {
    const c = start("succeeded");
    c.apply(cronJob("tick"));
    c.advance(5 * MIN);
    const cj = getCron(c);
    expect(cj.status?.active).toBeUndefined();
    expect(cj.status).toMatchObject({
      lastScheduleTime: "2026-01-01T00:05:00Z",
      lastSuccessfulTime: "2026-01-01T00:05:00Z",
    });
    expect(c.events.some((e) => e.reason === "SawCompletedJob")).toBe(true);
  });

  it("suspend starts nothing; resuming runs the most recent missed time", () => {
    const c = start("succeeded");
    c.apply(cronJob("tick", { suspend: true }));
    c.advance(30 * MIN, 5 * MIN);
    expect(jobsOf(c)).toEqual([]);
    c.advance(2 * MIN);
    c.apply(cronJob("tick", { suspend: false }));
    expect(jobNames(c)).toEqual([`tick-${minutes("2026-01-01T00:30:00Z")}`]);
  });

  it("uses the configured default zone and spec.timeZone across a DST change", () => {
    const c = start("succeeded", "2026-03-06T00:00:00Z");
    c.apply(
      cronJob("tick", {
        schedule: "0 9 * * *",
        timeZone: "America/New_York",
        successfulJobsHistoryLimit: 10,
      }),
    );
    c.advance(4 * 24 * HOUR, HOUR);
    const stamps = jobsOf(c).map(
      (j) => j.metadata.annotations?.["batch.kubernetes.io/cronjob-scheduled-timestamp"],
    );
    expect(stamps).toEqual([
      "2026-03-06T09:00:00-05:00",
      "2026-03-07T09:00:00-05:00",
      "2026-03-08T09:00:00-04:00",
      "2026-03-09T09:00:00-04:00",
    ]);
    expect(jobsOf(c).map((j) => j.metadata.creationTimestamp)).toEqual([
      "2026-03-06T14:00:00Z",
      "2026-03-07T14:00:00Z",
      "2026-03-08T13:00:00Z",
      "2026-03-09T13:00:00Z",
    ]);
  });

  it("warns about an unknown time zone and schedules nothing", () => {
    const c = start();
    c.apply(cronJob("tick", { timeZone: "Mars/Olympus" }));
    c.advance(10 * MIN);
    expect(jobsOf(c)).toEqual([]);
    expect(c.events.some((e) => e.reason === "UnknownTimeZone" && e.type === "Warning")).toBe(true);
  });
});

describe("CronJob after downtime", () => {
  it("starts only the most recent missed run after 3 h down (no startingDeadlineSeconds)", () => {
    const c = start("succeeded");
    c.apply(cronJob("tick", { schedule: "0 * * * *" }));
    c.advance(HOUR);
    expect(jobNames(c)).toEqual([`tick-${minutes("2026-01-01T01:00:00Z")}`]);
    downtime(c, 3 * HOUR + 20 * MIN);
    expect(jobNames(c)).toEqual([
      `tick-${minutes("2026-01-01T01:00:00Z")}`,
      `tick-${minutes("2026-01-01T04:00:00Z")}`,
    ]);
    expect(getCron(c).status?.lastScheduleTime).toBe("2026-01-01T04:00:00Z");
    expect(c.events.some((e) => e.reason === "TooManyMissedTimes")).toBe(false);
  });

  it.each([
    [5 * MIN, true],
    [20 * MIN, false],
  ])("with startingDeadlineSeconds 600, back %i ms after the missed time: runs it = %s", (late, runs) => {
    const c = start("succeeded");
    c.apply(cronJob("tick", { schedule: "0 * * * *", startingDeadlineSeconds: 600 }));
    c.advance(HOUR);
    downtime(c, 3 * HOUR + late);
    const expected = [`tick-${minutes("2026-01-01T01:00:00Z")}`];
    if (runs) expected.push(`tick-${minutes("2026-01-01T04:00:00Z")}`);
    expect(jobNames(c)).toEqual(expected);
    // Either way the next run happens on time.
    c.advance(HOUR - late);
    expect(jobNames(c)).toContain(`tick-${minutes("2026-01-01T05:00:00Z")}`);
  });

  it("more than 100 missed runs: warns TooManyMissedTimes and still starts the most recent", () => {
    const c = start("succeeded");
    c.apply(cronJob("tick", { schedule: "* * * * *" }));
    c.advance(MIN);
    downtime(c, 3 * HOUR + 30_000);
    expect(jobNames(c)).toEqual([
      `tick-${minutes("2026-01-01T00:01:00Z")}`,
      `tick-${minutes("2026-01-01T03:01:00Z")}`,
    ]);
    const warning = c.events.find((e) => e.reason === "TooManyMissedTimes");
    expect(warning).toMatchObject({
      type: "Warning",
      message:
        "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
    });
  });
});

describe("CronJob concurrencyPolicy", () => {
  it("Allow runs Jobs side by side", () => {
    const c = start("running");
    c.apply(cronJob("tick", { concurrencyPolicy: "Allow" }));
    c.advance(10 * MIN, 5 * MIN);
    expect(jobNames(c)).toHaveLength(2);
    expect(getCron(c).status?.active).toHaveLength(2);
  });

  it("Forbid skips a run while the previous one is still active", () => {
    const c = start("running");
    c.apply(cronJob("tick", { concurrencyPolicy: "Forbid" }));
    c.advance(10 * MIN, 5 * MIN);
    expect(jobNames(c)).toEqual([`tick-${minutes("2026-01-01T00:05:00Z")}`]);
    expect(c.events.some((e) => e.reason === "JobAlreadyActive")).toBe(true);
    expect(getCron(c).status?.lastScheduleTime).toBe("2026-01-01T00:05:00Z");
  });

  it("Replace deletes the running Job and starts the new one", () => {
    const c = start("running");
    c.apply(cronJob("tick", { concurrencyPolicy: "Replace" }));
    c.advance(10 * MIN, 5 * MIN);
    expect(jobNames(c)).toEqual([`tick-${minutes("2026-01-01T00:10:00Z")}`]);
    expect(getCron(c).status?.active?.map((r) => r.name)).toEqual([
      `tick-${minutes("2026-01-01T00:10:00Z")}`,
    ]);
    // The replaced Job's pods go with it.
    expect(c.livePods(`tick-${minutes("2026-01-01T00:05:00Z")}`)).toEqual([]);
  });
});

describe("CronJob history limits", () => {
  it("keeps the newest successfulJobsHistoryLimit complete and failedJobsHistoryLimit failed Jobs", () => {
    const c = start("succeeded");
    c.apply(cronJob("tick", { successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 1 }));
    c.advance(25 * MIN, 5 * MIN);
    expect(jobNames(c)).toEqual([
      `tick-${minutes("2026-01-01T00:20:00Z")}`,
      `tick-${minutes("2026-01-01T00:25:00Z")}`,
    ]);
    expect(c.pods("tick-")).toHaveLength(2);
    expect(c.events.filter((e) => e.reason === "SuccessfulDelete")).toHaveLength(3);

    c.fate = () => "failed";
    const failing = cronJob("tick", { successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 1 });
    failing.spec.jobTemplate.spec.backoffLimit = 0;
    failing.spec.jobTemplate.spec.template.spec.restartPolicy = "Never";
    c.apply(failing);
    c.advance(15 * MIN, 5 * MIN);
    const failed = jobsOf(c).filter((j) => j.status?.conditions?.some((x) => x.type === "Failed"));
    expect(failed.map((j) => j.metadata.name)).toEqual([`tick-${minutes("2026-01-01T00:40:00Z")}`]);
    expect(jobsOf(c)).toHaveLength(3);
  });
});

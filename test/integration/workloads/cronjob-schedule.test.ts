// CronJobs on the running daemon with a clock the test moves forward a minute at a time: every
// scheduled minute starts a Job named <cronjob>-<scheduled unix minutes> that really runs in
// Docker, and successfulJobsHistoryLimit / failedJobsHistoryLimit keep only the newest finished
// Jobs (the trimmed Jobs' pods and containers go too). With a Job that never ends, Forbid keeps the
// first one and starts no other, Replace deletes the running one (and its container) for each new
// minute.

import { afterAll, describe, expect, it } from "vitest";
import { cronJobController } from "../../../src/controllers/cronjob/index.js";
import type { Controller } from "../../../src/controllers/types.js";
import { allControllers } from "../../../src/daemon/controllers.js";
import type { Job } from "../../../src/manifest/types.js";
import { isoTime } from "../../../src/util/clock.js";
import { makeHarness, OffsetClock } from "./harness.js";

const h = makeHarness("wlcron");
const clock = new OffsetClock();
const hPolicy = makeHarness("wlcronp");
const policyClock = new OffsetClock();
const MINUTE = 60_000;

/** The CronJob controller as it is, looked at again at least every 300 ms (real time): its own
 * wake-up is a timer for the next scheduled time in real milliseconds, which a clock the test jumps
 * forward would otherwise make us wait out. Reconciling more often changes no decision. */
const POLL_MS = 300;
const polledCronJobs: Controller<"CronJob"> = {
  ...cronJobController,
  reconcile: (cj, ctx) => {
    const r = cronJobController.reconcile(cj, ctx);
    return { ...r, requeueAfterMs: Math.min(r.requeueAfterMs ?? POLL_MS, POLL_MS) };
  },
};

const controllers = () => allControllers().map((c) => (c.kind === "CronJob" ? polledCronJobs : c));

/** Moves the clock just past the next minute, which becomes the scheduled time; returns it. */
function nextMinute(c: OffsetClock): number {
  const scheduled = (Math.floor(c.now() / MINUTE) + 1) * MINUTE;
  c.advance(scheduled + 1_000 - c.now());
  return scheduled / MINUTE;
}

const cronJob = (name: string, script: string, limits: string) => `apiVersion: batch/v1
kind: CronJob
metadata: {name: ${name}}
spec:
  schedule: "* * * * *"
  ${limits}
  jobTemplate:
    spec:
      backoffLimit: 0
      template:
        spec:
          restartPolicy: Never
          containers:
            - {name: run, image: "berth.local/busybox:1", command: ["sh", "-c", "${script}"]}
`;

const finished = (j: Job | undefined, type: "Complete" | "Failed"): boolean =>
  j?.status?.conditions?.some((c) => c.type === type && c.status === "True") === true;

const endless = (name: string, policy: string) => `apiVersion: batch/v1
kind: CronJob
metadata: {name: ${name}}
spec:
  schedule: "* * * * *"
  concurrencyPolicy: ${policy}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          terminationGracePeriodSeconds: 1
          containers:
            - {name: run, image: "berth.local/busybox:1", command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]}
`;

afterAll(async () => {
  await h.cleanup();
  await hPolicy.cleanup();
});

describe("CronJob on a moving clock", () => {
  it("starts one Job per scheduled minute and keeps the history limits", async () => {
    h.commit("two cron jobs", {
      "ok.yaml": cronJob("ok", "exit 0", "successfulJobsHistoryLimit: 2"),
      "bad.yaml": cronJob("bad", "exit 1", "failedJobsHistoryLimit: 1"),
    });
    const d = await h.start({ clock, controllers: controllers() });
    const jobs = (cronjob: string): Job[] =>
      d.store
        .list("Job", { namespace: h.namespace })
        .filter((j) => j.metadata.ownerReferences?.some((o) => o.kind === "CronJob" && o.name === cronjob))
        .filter((j) => j.metadata.deletionTimestamp === undefined);
    const names = (cronjob: string) =>
      jobs(cronjob)
        .map((j) => j.metadata.name)
        .sort();

    // Nothing is due until the first scheduled minute after the CronJobs were created.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(d.store.list("Job", { namespace: h.namespace })).toEqual([]);

    const minutes: number[] = [];
    for (let step = 0; step < 4; step++) {
      const minute = nextMinute(clock);
      minutes.push(minute);
      await h.until(
        `ok-${minute} to complete and bad-${minute} to fail`,
        () =>
          finished(d.store.get("Job", h.namespace, `ok-${minute}`), "Complete") &&
          finished(d.store.get("Job", h.namespace, `bad-${minute}`), "Failed"),
        45_000,
      );
      const ok = d.store.get("CronJob", h.namespace, "ok");
      expect(ok?.status?.lastScheduleTime).toBe(isoTime(minute * MINUTE));

      // Within a moment the history is trimmed to the newest 2 successful / 1 failed Jobs.
      const keptOk = minutes.slice(-2).map((m) => `ok-${m}`);
      await h.until(
        `history after minute ${step + 1}`,
        () =>
          JSON.stringify(names("ok")) === JSON.stringify(keptOk) &&
          JSON.stringify(names("bad")) === JSON.stringify([`bad-${minute}`]),
        15_000,
      );
    }

    // Exactly one Job per scheduled minute was ever started (no duplicates, no extra minutes).
    const created = d.events
      .filter((e) => e.reason === "SuccessfulCreate" && e.involvedObject.kind === "CronJob")
      .map((e) => `${e.involvedObject.name}: ${e.message}`);
    for (const cj of ["ok", "bad"]) {
      const mine = created.filter((m) => m.startsWith(`${cj}:`));
      expect(mine.map((m) => m.replace(/^.*Created job /, "")).sort()).toEqual(
        minutes.map((m) => `${cj}-${m}`),
      );
    }

    // The trimmed Jobs' pods went, and with them their containers: 2 ok + 1 bad remain.
    const containers = await h.until(
      "the trimmed Jobs' containers to be removed",
      async () => {
        const all = await h.appContainers(undefined, true);
        return all.length === 3 && all;
      },
      30_000,
    );
    const jobOf = (pod: string | undefined) => pod?.replace(/-[a-z0-9]{5}$/, "");
    expect(containers.map((c) => jobOf(c.Labels["io.berth.pod.name"])).sort()).toEqual(
      [`bad-${minutes[3]}`, `ok-${minutes[2]}`, `ok-${minutes[3]}`].sort(),
    );
  });

  it("Forbid keeps the running Job, Replace swaps it for each new minute", async () => {
    hPolicy.commit("two endless cron jobs", {
      "forbid.yaml": endless("forbid", "Forbid"),
      "replace.yaml": endless("replace", "Replace"),
    });
    const d = await hPolicy.start({ clock: policyClock, controllers: controllers() });
    const jobs = () =>
      d.store
        .list("Job", { namespace: hPolicy.namespace })
        .filter((j) => j.metadata.deletionTimestamp === undefined)
        .map((j) => j.metadata.name)
        .sort();
    const running = async () =>
      (await hPolicy.appContainers()).map((c) => c.Labels["io.berth.pod.name"]?.replace(/-[a-z0-9]{5}$/, ""));
    const minutes: number[] = [];
    for (let step = 0; step < 3; step++) {
      const minute = nextMinute(policyClock);
      minutes.push(minute);
      await hPolicy.until(
        `replace-${minute} to run`,
        async () => (await running()).includes(`replace-${minute}`),
        30_000,
      );
      expect(jobs()).toEqual([`forbid-${minutes[0]}`, `replace-${minute}`]);
    }
    // Replace's earlier Jobs went with their containers; Forbid's first Job runs on.
    await hPolicy.until(
      "the replaced Jobs' containers to be removed",
      async () => (await hPolicy.appContainers(undefined, true)).length === 2,
      30_000,
    );
    expect((await running()).sort()).toEqual([`forbid-${minutes[0]}`, `replace-${minutes[2]}`]);
    const reasons = d.events
      .filter((e) => e.involvedObject.kind === "CronJob")
      .map((e) => `${e.involvedObject.name} ${e.reason}`);
    expect(reasons).toContain("forbid JobAlreadyActive");
    expect(reasons.filter((r) => r === "replace SuccessfulDelete")).toHaveLength(2);
  });
});

import { describe, expect, it } from "vitest";
import { jobCompletions, jobDuration, jobStatus } from "../../../../src/cli/printers/batch.js";
import type { CronJob, Job } from "../../../../src/manifest/types.js";
import { at, cronJob, job, NOW } from "../../../support/cli-cluster.js";
import { lines, table } from "./helpers.js";

function withStatus(status: Job["status"], spec: Partial<Job["spec"]> = {}): Job {
  const j: Job = { ...job, spec: { ...job.spec, ...spec } };
  if (status) j.status = status;
  else delete j.status;
  return j;
}

describe("berth get jobs", () => {
  it("prints NAME STATUS COMPLETIONS DURATION AGE (kubectl 1.30)", () => {
    expect(table("Job", [job])).toBe(
      lines(
        "NAME              STATUS     COMPLETIONS   DURATION   AGE",
        "backup-29000000   Complete   1/1           45s        5m",
      ),
    );
  });

  it("-o wide adds CONTAINERS IMAGES SELECTOR", () => {
    expect(table("Job", [job], { wide: true })).toBe(
      lines(
        "NAME              STATUS     COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES                  SELECTOR",
        "backup-29000000   Complete   1/1           45s        5m    backup       berth.local/busybox:1   batch.kubernetes.io/controller-uid=uid-job-backup",
      ),
    );
  });

  it("a job not started yet has an empty DURATION; a running one counts up to now", () => {
    expect(table("Job", [withStatus(undefined)], { noHeaders: true })).toBe(
      lines("backup-29000000   Running   0/1         5m"),
    );
    expect(jobDuration(withStatus({ startTime: at(60), active: 1 }), NOW)).toBe("4m");
  });

  it("STATUS follows the conditions: Complete, Failed, Suspended, FailureTarget, Terminating, Running", () => {
    const cond = (type: string, status: "True" | "False" = "True") =>
      withStatus({ conditions: [{ type, status }] });
    expect(jobStatus(cond("Failed"))).toBe("Failed");
    expect(jobStatus(cond("Suspended"))).toBe("Suspended");
    expect(jobStatus(cond("FailureTarget"))).toBe("FailureTarget");
    expect(jobStatus(cond("Complete", "False"))).toBe("Running");
    const deleting = withStatus({});
    deleting.metadata = { ...deleting.metadata, deletionTimestamp: at(200) };
    expect(jobStatus(deleting)).toBe("Terminating");
  });

  it("COMPLETIONS for fixed counts and work queues", () => {
    expect(jobCompletions(withStatus({ succeeded: 2 }, { completions: 5 }))).toBe("2/5");
    const queue = withStatus({ succeeded: 1 }, { parallelism: 4 });
    delete queue.spec.completions;
    expect(jobCompletions(queue)).toBe("1/1 of 4");
    const single = withStatus({}, { parallelism: 1 });
    delete single.spec.completions;
    expect(jobCompletions(single)).toBe("0/1");
  });
});

describe("berth get cronjobs", () => {
  it("prints the issue's columns NAME SCHEDULE SUSPEND ACTIVE LAST SCHEDULE AGE", () => {
    expect(table("CronJob", [cronJob])).toBe(
      lines(
        "NAME     SCHEDULE    SUSPEND   ACTIVE   LAST SCHEDULE   AGE",
        "backup   0 * * * *   False     0        5m              5m",
      ),
    );
  });

  it("never scheduled: LAST SCHEDULE <none>; suspended and active jobs counted", () => {
    const cj: CronJob = {
      ...cronJob,
      spec: { ...cronJob.spec, suspend: true },
      status: { active: [{ kind: "Job", name: "backup-1", namespace: "default" }] },
    };
    expect(table("CronJob", [cj], { wide: true })).toBe(
      lines(
        "NAME     SCHEDULE    SUSPEND   ACTIVE   LAST SCHEDULE   AGE   CONTAINERS   IMAGES                  SELECTOR",
        "backup   0 * * * *   True      1        <none>          5m    backup       berth.local/busybox:1   ",
      ),
    );
  });
});

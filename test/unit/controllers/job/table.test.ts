import { describe, expect, it } from "vitest";
import { JOB_COLUMNS, jobRow, jobStatusText } from "../../../../src/controllers/job/table.js";
import type { Job } from "../../../../src/manifest/types.js";
import { job, workQueueJob } from "../../../support/workloads.js";

const now = Date.parse("2026-01-01T04:00:00Z");

function withStatus(
  spec: Partial<Job["spec"]> | Job,
  status: Job["status"],
  created = "2026-01-01T00:48:00Z",
): Job {
  const j = "kind" in spec ? spec : job("pi", spec);
  j.metadata.creationTimestamp = created;
  if (status) j.status = status;
  return j;
}

describe("jobRow (kubectl get jobs)", () => {
  it("has kubectl's columns", () => {
    expect(JOB_COLUMNS).toEqual(["NAME", "COMPLETIONS", "DURATION", "AGE"]);
  });

  it.each<[string, Job, string[]]>([
    ["not started", withStatus({ completions: 10, parallelism: 3 }, undefined), ["pi", "0/10", "", "3h12m"]],
    [
      "running",
      withStatus({ completions: 10 }, { succeeded: 3, startTime: "2026-01-01T03:58:00Z" }),
      ["pi", "3/10", "2m", "3h12m"],
    ],
    [
      "complete",
      withStatus(
        { completions: 1 },
        { succeeded: 1, startTime: "2026-01-01T03:00:00Z", completionTime: "2026-01-01T03:00:45Z" },
      ),
      ["pi", "1/1", "45s", "3h12m"],
    ],
    [
      "work queue with parallelism",
      withStatus(workQueueJob("pi", 4), {
        startTime: "2026-01-01T03:59:30Z",
      }),
      ["pi", "0/1 of 4", "30s", "3h12m"],
    ],
  ])("%s", (_name, j, row) => {
    expect(jobRow(j, now)).toEqual(row);
  });

  it.each<[string[], string]>([
    [[], "Running"],
    [["Suspended"], "Suspended"],
    [["FailureTarget"], "FailureTarget"],
    [["FailureTarget", "Failed"], "Failed"],
    [["SuccessCriteriaMet", "Complete"], "Complete"],
  ])("STATUS of a Job with True conditions %j is %s", (types, text) => {
    const j = job("pi");
    j.status = { conditions: types.map((type) => ({ type, status: "True" as const })) };
    expect(jobStatusText(j)).toBe(text);
  });
});

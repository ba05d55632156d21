import { describe, expect, it } from "vitest";
import { standardScheduleError, timeZoneError } from "../../../../src/manifest/checks/index.js";
import { check, cronJob, summary } from "./helpers.js";

describe("CronJob schedules", () => {
  it.each([
    "*/1 * * * *",
    "0 3 * * *",
    "0 0 1 1 *",
    "15,45 9-17 * * MON-FRI",
    "0 0 * jan,jul sun",
    "5/15 * * * ?",
    "@yearly",
    "@annually",
    "@monthly",
    "@weekly",
    "@daily",
    "@midnight",
    "@hourly",
  ])("accepts %s", (schedule) => {
    expect(standardScheduleError(schedule)).toBeUndefined();
    expect(check(cronJob({ schedule }))).toEqual([]);
  });

  it.each([
    ["", "empty spec string"],
    ["* * * *", "expected exactly 5 fields, found 4: [* * * *]"],
    ["0 * * * * *", "expected exactly 5 fields, found 6: [0 * * * * *]"],
    ["60 * * * *", "end of range (60) above maximum (59): 60"],
    ["* 24 * * *", "end of range (24) above maximum (23): 24"],
    ["* * 0 * *", "beginning of range (0) below minimum (1): 0"],
    ["* * * 13 *", "end of range (13) above maximum (12): 13"],
    ["* * * * 7", "end of range (7) above maximum (6): 7"],
    ["5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"],
    ["*/0 * * * *", "step of range should be a positive number: */0"],
    ["1-2-3 * * * *", "too many hyphens: 1-2-3"],
    ["*/2/3 * * * *", "too many slashes: */2/3"],
    ["H * * * *", "failed to parse int from H"],
    ["0 0 L * *", "failed to parse int from L"],
    ["@often", "unrecognized descriptor: @often"],
  ])("rejects %j like Kubernetes: %s", (schedule, reason) => {
    expect(standardScheduleError(schedule)).toBe(reason);
    expect(check(cronJob({ schedule }))).toEqual([
      {
        severity: "error",
        code: "E_SCHEDULE",
        path: ["spec", "schedule"],
        message: `the schedule does not parse: ${reason}`,
        expected:
          "5 fields (minute hour day-of-month month day-of-week) or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly",
        found: JSON.stringify(schedule),
      },
    ]);
  });

  it("rejects TZ= and CRON_TZ= prefixes with a pointer to spec.timeZone", () => {
    for (const schedule of ["TZ=Europe/Berlin 0 3 * * *", "CRON_TZ=UTC 0 3 * * *"]) {
      expect(check(cronJob({ schedule }))).toMatchObject([
        {
          code: "E_SCHEDULE",
          message: "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
          hint: expect.stringContaining("spec.timeZone") as string,
        },
      ]);
    }
  });

  it("rejects @every, which berth does not run", () => {
    expect(summary(check(cronJob({ schedule: "@every 5m" })))).toEqual([
      ["E_SCHEDULE", "spec.schedule", "@every schedules are not supported"],
    ]);
  });
});

describe("CronJob time zones", () => {
  it.each(["Europe/Berlin", "America/New_York", "Etc/UTC", "UTC", "Asia/Kolkata"])(
    "accepts %s",
    (timeZone) => {
      expect(timeZoneError(timeZone)).toBeUndefined();
      expect(check(cronJob({ timeZone }))).toEqual([]);
    },
  );

  it.each([
    ["", "timeZone must be nil or non-empty string"],
    ["Local", "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"],
    ["Mars/Olympus", "unknown time zone Mars/Olympus"],
    ["+01:00", "unknown time zone +01:00"],
    ["europe/berlin", "unknown time zone europe/berlin (did you mean Europe/Berlin?)"],
  ])("rejects %j", (timeZone, message) => {
    expect(check(cronJob({ timeZone }))).toEqual([
      {
        severity: "error",
        code: "E_SCHEDULE",
        path: ["spec", "timeZone"],
        message,
        expected: "an IANA time zone name such as Etc/UTC or Europe/Berlin",
        found: JSON.stringify(timeZone),
      },
    ]);
  });
});

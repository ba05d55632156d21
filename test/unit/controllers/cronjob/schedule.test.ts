import { describe, expect, it } from "vitest";
import { mostRecentScheduleTime } from "../../../../src/controllers/cronjob/missed.js";
import {
  parseGoDuration,
  parseSchedule,
  rfc3339InZone,
} from "../../../../src/controllers/cronjob/schedule.js";
import {
  CRONJOB_COLUMNS,
  cronJobRow,
  cronJobTimeZoneText,
} from "../../../../src/controllers/cronjob/table.js";
import { cronJob } from "../../../support/workloads.js";

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe("parseSchedule", () => {
  it.each([
    ["@yearly", "2026-05-05T10:00:00Z", "2027-01-01T00:00:00.000Z"],
    ["@annually", "2026-05-05T10:00:00Z", "2027-01-01T00:00:00.000Z"],
    ["@monthly", "2026-05-05T10:00:00Z", "2026-06-01T00:00:00.000Z"],
    ["@weekly", "2026-05-05T10:00:00Z", "2026-05-10T00:00:00.000Z"],
    ["@daily", "2026-05-05T10:00:00Z", "2026-05-06T00:00:00.000Z"],
    ["@midnight", "2026-05-05T10:00:00Z", "2026-05-06T00:00:00.000Z"],
    ["@hourly", "2026-05-05T10:00:00Z", "2026-05-05T11:00:00.000Z"],
    ["*/15 * * * *", "2026-05-05T10:00:00Z", "2026-05-05T10:15:00.000Z"],
    ["30 2 * * 1-5", "2026-05-08T03:00:00Z", "2026-05-11T02:30:00.000Z"],
    ["@every 90m", "2026-05-05T10:00:00.400Z", "2026-05-05T11:30:00.000Z"],
    ["CRON_TZ=Asia/Tokyo 0 9 * * *", "2026-05-05T00:00:00Z", "2026-05-06T00:00:00.000Z"],
  ])("%s after %s is %s", (spec, after, next) => {
    expect(iso(parseSchedule(spec, "UTC").next(at(after)))).toBe(next);
  });

  it("is strictly after the given time", () => {
    expect(iso(parseSchedule("0 * * * *", "UTC").next(at("2026-05-05T10:00:00Z")))).toBe(
      "2026-05-05T11:00:00.000Z",
    );
  });

  it("follows wall-clock time across a DST change", () => {
    const s = parseSchedule("0 9 * * *", "America/New_York");
    const runs: string[] = [];
    let t = at("2026-03-06T00:00:00Z");
    for (let i = 0; i < 4; i++) runs.push(iso((t = s.next(t))));
    expect(runs).toEqual([
      "2026-03-06T14:00:00.000Z",
      "2026-03-07T14:00:00.000Z",
      "2026-03-08T13:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
    ]);
  });

  it.each(["0 0 0 * * *", "* * * *", "@fortnightly", "61 * * * *", "@every soon", "TZ=Mars/Base 0 * * * *"])(
    "rejects %s",
    (spec) => {
      expect(() => parseSchedule(spec, "UTC")).toThrow();
    },
  );

  it("parses Go durations", () => {
    expect(parseGoDuration("1h30m")).toBe(5_400_000);
    expect(parseGoDuration("1.5h")).toBe(5_400_000);
    expect(parseGoDuration("90s")).toBe(90_000);
    expect(parseGoDuration("1x")).toBeUndefined();
  });
});

describe("rfc3339InZone", () => {
  it("prints Go's RFC 3339 with the zone's offset, Z for zero", () => {
    expect(rfc3339InZone(at("2026-03-08T13:00:00Z"), "America/New_York")).toBe("2026-03-08T09:00:00-04:00");
    expect(rfc3339InZone(at("2026-03-07T14:00:00Z"), "America/New_York")).toBe("2026-03-07T09:00:00-05:00");
    expect(rfc3339InZone(at("2026-03-07T14:00:00Z"), "UTC")).toBe("2026-03-07T14:00:00Z");
    expect(rfc3339InZone(at("2026-07-01T00:00:00Z"), "Asia/Kolkata")).toBe("2026-07-01T05:30:00+05:30");
  });
});

describe("mostRecentScheduleTime", () => {
  const hourly = parseSchedule("0 * * * *", "UTC");
  const created = (extra: Parameters<typeof cronJob>[1] = {}) => {
    const cj = cronJob("c", { schedule: "0 * * * *", ...extra });
    cj.metadata.creationTimestamp = "2026-01-01T00:00:00Z";
    return cj;
  };

  it("finds nothing before the first occurrence", () => {
    expect(
      mostRecentScheduleTime(created(), at("2026-01-01T00:59:59Z"), hourly, true).mostRecent,
    ).toBeUndefined();
  });

  it("returns only the most recent of several missed times", () => {
    const r = mostRecentScheduleTime(created(), at("2026-01-01T03:30:00Z"), hourly, true);
    expect(iso(r.mostRecent ?? 0)).toBe("2026-01-01T03:00:00.000Z");
    expect(r.missed).toBe("few");
  });

  it("ignores times outside startingDeadlineSeconds", () => {
    const cj = created({ startingDeadlineSeconds: 600 });
    expect(mostRecentScheduleTime(cj, at("2026-01-01T03:30:00Z"), hourly, true).mostRecent).toBeUndefined();
    expect(iso(mostRecentScheduleTime(cj, at("2026-01-01T03:05:00Z"), hourly, true).mostRecent ?? 0)).toBe(
      "2026-01-01T03:00:00.000Z",
    );
  });

  it("finds the most recent time when the first interval spans a DST change", () => {
    const ny = parseSchedule("0 9 * * *", "America/New_York");
    const cj = created({ schedule: "0 9 * * *", timeZone: "America/New_York" });
    // Last run Mar 6; the first interval (Mar 7 → Mar 8) is 23 h, so the count is overestimated.
    cj.status = { lastScheduleTime: "2026-03-06T14:00:00Z" };
    const r = mostRecentScheduleTime(cj, at("2026-03-09T12:00:00Z"), ny, true);
    expect(iso(r.mostRecent ?? 0)).toBe("2026-03-08T13:00:00.000Z");
  });

  it("counts more than 100 missed times as many", () => {
    const r = mostRecentScheduleTime(created(), at("2026-01-06T00:30:00Z"), hourly, true);
    expect(r.missed).toBe("many");
    expect(iso(r.mostRecent ?? 0)).toBe("2026-01-06T00:00:00.000Z");
  });
});

describe("cronJobRow (kubectl get cronjobs)", () => {
  it("prints kubectl's columns", () => {
    expect(CRONJOB_COLUMNS).toEqual(["NAME", "SCHEDULE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"]);
    const cj = cronJob("backup", { schedule: "0 3 * * *" });
    cj.metadata.creationTimestamp = "2026-01-01T00:00:00Z";
    const now = at("2026-01-03T04:00:00Z");
    expect(cronJobRow(cj, now)).toEqual(["backup", "0 3 * * *", "False", "0", "<none>", "2d4h"]);
    cj.status = {
      active: [{ kind: "Job", namespace: "default", name: "backup-1" }],
      lastScheduleTime: "2026-01-03T03:00:00Z",
    };
    cj.spec.suspend = true;
    expect(cronJobRow(cj, now)).toEqual(["backup", "0 3 * * *", "True", "1", "60m", "2d4h"]);
    expect(cronJobTimeZoneText(cj)).toBe("<none>");
    cj.spec.timeZone = "Europe/Berlin";
    expect(cronJobTimeZoneText(cj)).toBe("Europe/Berlin");
  });
});

// CronJob schedules as Kubernetes parses them (robfig/cron's ParseStandard: five fields, or one of
// the @ descriptors), checked again with cron-parser, which berth uses to compute run times.
// Time zones must be IANA names; TZ= and CRON_TZ= prefixes are rejected in favour of spec.timeZone.

import { CronExpressionParser } from "cron-parser";
import { error, showValue, type Issue } from "../issue.js";

interface FieldBounds {
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const MONTHS = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: readonly FieldBounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];
/** robfig/cron's descriptors as five fields (cron-parser lacks @midnight). */
const DESCRIPTORS: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** A schedule Kubernetes accepts, as five fields (descriptors expanded). */
export function expandDescriptor(schedule: string): string {
  const trimmed = schedule.trim();
  return DESCRIPTORS[trimmed] ?? trimmed;
}

export const SCHEDULE_EXPECTED =
  "5 fields (minute hour day-of-month month day-of-week) or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly";

function parseUint(expr: string): number {
  if (!/^[+-]?[0-9]+$/.test(expr)) throw new Error(`failed to parse int from ${expr}`);
  const n = Number.parseInt(expr, 10);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names: FieldBounds["names"]): number {
  const named = names?.[expr.toLowerCase()];
  return named ?? parseUint(expr);
}

function checkRange(expr: string, b: FieldBounds): void {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = (rangeAndStep[0] ?? "").split("-");
  let start: number;
  let end: number;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = b.min;
    end = b.max;
  } else {
    start = parseIntOrName(lowAndHigh[0] ?? "", b.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1] ?? "", b.names);
    else throw new Error(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseUint(rangeAndStep[1] ?? "");
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1) end = b.max;
  } else if (rangeAndStep.length > 2) {
    throw new Error(`too many slashes: ${expr}`);
  }
  if (start < b.min) throw new Error(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new Error(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
}

/** robfig/cron's verdict in its own words, or undefined when the schedule parses. */
export function standardScheduleError(spec: string): string | undefined {
  try {
    if (spec.trim() === "") return "empty spec string";
    const trimmed = spec.trim();
    if (trimmed.startsWith("@")) {
      if (DESCRIPTORS[trimmed] !== undefined) return undefined;
      return `unrecognized descriptor: ${trimmed}`;
    }
    const fields = trimmed.split(/\s+/);
    if (fields.length !== 5)
      return `expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`;
    fields.forEach((field, i) => {
      const bounds = FIELDS[i];
      if (bounds) for (const expr of field.split(",")) checkRange(expr, bounds);
    });
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function checkSchedule(schedule: string): Issue[] {
  const path = ["spec", "schedule"];
  const found = showValue(schedule);
  if (schedule.includes("TZ")) {
    return [
      error("E_SCHEDULE", path, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead", {
        expected: SCHEDULE_EXPECTED,
        found,
        hint: "move the zone to spec.timeZone (e.g. timeZone: Europe/Berlin) and keep the five fields in spec.schedule",
      }),
    ];
  }
  if (schedule.trim().startsWith("@every")) {
    return [
      error("E_SCHEDULE", path, "@every schedules are not supported", {
        expected: SCHEDULE_EXPECTED,
        found,
        hint: "write it as five fields, e.g. */5 * * * * for every five minutes",
      }),
    ];
  }
  const problem = standardScheduleError(schedule);
  if (problem !== undefined) {
    return [
      error("E_SCHEDULE", path, `the schedule does not parse: ${problem}`, {
        expected: SCHEDULE_EXPECTED,
        found,
      }),
    ];
  }
  try {
    CronExpressionParser.parse(expandDescriptor(schedule));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return [
      error("E_SCHEDULE", path, `berth cannot compute run times for this schedule: ${why}`, {
        expected: SCHEDULE_EXPECTED,
        found,
      }),
    ];
  }
  return [];
}

/** Kubernetes loads the zone with Go's time.LoadLocation, which is case-sensitive. */
export function timeZoneError(tz: string): string | undefined {
  if (tz === "") return "timeZone must be nil or non-empty string";
  if (tz.toLowerCase() === "local")
    return "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones";
  // Intl also takes offsets ("+01:00") and any letter case; IANA names are neither.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return `unknown time zone ${tz}`;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return `unknown time zone ${tz}`;
  }
  if (resolved !== tz && resolved.toLowerCase() === tz.toLowerCase())
    return `unknown time zone ${tz} (did you mean ${resolved}?)`;
  return undefined;
}

export function checkTimeZone(tz: string | undefined): Issue[] {
  if (tz === undefined) return [];
  const problem = timeZoneError(tz);
  if (problem === undefined) return [];
  return [
    error("E_SCHEDULE", ["spec", "timeZone"], problem, {
      expected: "an IANA time zone name such as Etc/UTC or Europe/Berlin",
      found: showValue(tz),
    }),
  ];
}

// CronJob schedules as kube-controller-manager reads them (robfig/cron ParseStandard): five fields,
// the descriptors @yearly @annually @monthly @weekly @daily @midnight @hourly and @every <duration>,
// an optional `CRON_TZ=<zone> ` / `TZ=<zone> ` prefix, evaluated in an IANA time zone (spec.timeZone,
// else the daemon's local zone). Occurrences come from cron-parser, which handles DST the way
// wall-clock schedules need (a 09:00 New York job runs at 14:00Z in winter, 13:00Z in summer).

import { CronExpressionParser } from "cron-parser";

export interface Schedule {
  /** The first occurrence strictly after `afterMs`. */
  next(afterMs: number): number;
}

const DESCRIPTORS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** The daemon's own zone, what kube-controller-manager uses for CronJobs without timeZone. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function isValidTimeZone(zone: string): boolean {
  if (zone === "") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Go duration text ("1h30m", "90s", "1.5h") in milliseconds; undefined when malformed. */
export function parseGoDuration(text: string): number | undefined {
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    total += Number(m[1]) * (units[m[2] ?? ""] ?? 0);
    matched = re.lastIndex;
  }
  return matched === text.length && text.length > 0 ? total : undefined;
}

/** Parses `schedule`; throws an Error whose message says what is wrong. */
export function parseSchedule(schedule: string, defaultZone: string): Schedule {
  let spec = schedule.trim();
  let zone = defaultZone;
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(spec);
  if (tz) {
    zone = tz[1] ?? zone;
    spec = (tz[2] ?? "").trim();
    if (!isValidTimeZone(zone)) throw new Error(`provided bad location ${zone}: unknown time zone ${zone}`);
  }
  if (spec.startsWith("@every ")) {
    const ms = parseGoDuration(spec.slice("@every ".length).trim());
    if (ms === undefined) throw new Error(`failed to parse duration ${spec}`);
    // ConstantDelaySchedule: whole seconds, at least one.
    const delay = Math.max(1000, Math.floor(ms / 1000) * 1000);
    return { next: (after) => Math.floor(after / 1000) * 1000 + delay };
  }
  if (spec.startsWith("@")) {
    const expanded = DESCRIPTORS[spec];
    if (expanded === undefined) throw new Error(`unrecognized descriptor: ${spec}`);
    spec = expanded;
  }
  const fields = spec.split(/\s+/).filter((f) => f !== "");
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: ${spec}`);
  const expr = fields.join(" ");
  // Validate once up front; cron-parser reports bad ranges and names at parse time.
  CronExpressionParser.parse(expr, { tz: zone, currentDate: new Date(0) });
  return {
    next(after: number): number {
      const it = CronExpressionParser.parse(expr, { tz: zone, currentDate: new Date(after) });
      return it.next().toDate().getTime();
    },
  };
}

/** RFC 3339 in `zone` as Go's time.Format prints it ("Z" for a zero offset). */
export function rfc3339InZone(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? "0");
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  const offsetMin = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
  const date = `${pad(get("year"), 4)}-${pad(get("month"))}-${pad(get("day"))}T${pad(get("hour"))}:${pad(get("minute"))}:${pad(get("second"))}`;
  if (offsetMin === 0) return `${date}Z`;
  const sign = offsetMin > 0 ? "+" : "-";
  const abs = Math.abs(offsetMin);
  return `${date}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

// Whether a container's line in `docker ps -a` still agrees with what berth last inspected (pure).
// Relisting is one cheap call; inspecting every container each time is not (hundreds of pods). The
// listed State, exit code and the human time in Status ("Up 3 minutes", "Exited (1) 5 seconds
// ago", Docker's units.HumanDuration) are compared with the inspected state, start and finish
// times, within the text's granularity: a restart or exit between two relists disagrees, an older
// container's "Up 3 minutes" turning into "Up 4 minutes" does not.

import type { ObservedContainer } from "../observed.js";
import { timeMs } from "../lifecycle/observed.js";

const SLACK_MS = 3_000;

const UNIT_SECONDS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3_600,
  day: 86_400,
  week: 7 * 86_400,
  month: 30 * 86_400,
  year: 365 * 86_400,
};

/** A duration in Docker's human form: its lower bound and how coarse it is, in ms. */
export function humanDurationMs(text: string): { ms: number; granularityMs: number } | undefined {
  const t = text.trim();
  if (/^Less than a second$/i.test(t)) return { ms: 0, granularityMs: 1_000 };
  if (/^About a minute$/i.test(t)) return { ms: 60_000, granularityMs: 60_000 };
  if (/^About an hour$/i.test(t)) return { ms: 3_600_000, granularityMs: 3_600_000 };
  const m = /^(\d+) (second|minute|hour|day|week|month|year)s?$/i.exec(t);
  const unit = m?.[2]?.toLowerCase();
  const seconds = unit === undefined ? undefined : UNIT_SECONDS[unit];
  if (!m || seconds === undefined) return undefined;
  return { ms: Number(m[1]) * seconds * 1000, granularityMs: seconds * 1000 };
}

/**
 * `atMs` lies where a duration `text` before `nowMs` puts it, within the text's granularity either
 * way (Docker floors seconds and minutes but rounds hours).
 */
function agrees(atMs: number | undefined, text: string, nowMs: number): boolean {
  const d = humanDurationMs(text);
  if (atMs === undefined || !d) return false;
  return Math.abs(nowMs - atMs - d.ms) <= d.granularityMs + SLACK_MS;
}

/** True when the listing shows nothing the inspection does not already know. */
export function listingAgrees(
  obs: ObservedContainer,
  listedState: string,
  status: string,
  nowMs: number,
): boolean {
  if (listedState !== obs.state) return false;
  switch (obs.state) {
    case "running": {
      const up = /^Up (.+?)(?: \((?:healthy|unhealthy|health: starting|Paused)\))?$/.exec(status);
      return up?.[1] !== undefined && agrees(timeMs(obs.startedAt), up[1], nowMs);
    }
    case "exited": {
      const ex = /^Exited \((-?\d+)\) (.+) ago$/.exec(status);
      return (
        ex?.[2] !== undefined &&
        Number(ex[1]) === obs.exitCode &&
        agrees(timeMs(obs.finishedAt), ex[2], nowMs)
      );
    }
    case "created":
      return true;
    default:
      return false;
  }
}

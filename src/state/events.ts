// The event list kept in the state file: what `berth get events` / `describe` show. Like the
// Kubernetes event correlator, a repeat of the same event bumps `count` and `lastTimestamp` instead of
// adding a line, and only the newest events are kept.

import { idOf } from "../manifest/identity.js";
import type { KObject } from "../manifest/types.js";
import { isoTime } from "../util/clock.js";
import type { EventSource, ObjectReference, StateEvent } from "./types.js";

export const DEFAULT_EVENT_LIMIT = 1000;

/** What a module reports; counting and timestamps are recordEvent's job. */
export interface EventInput {
  type: StateEvent["type"];
  reason: string;
  message: string;
  involvedObject: ObjectReference;
  source: EventSource;
}

/** An event about `obj` (its kind, namespace, name and uid as the involved object). */
export function eventAbout(
  obj: KObject,
  type: StateEvent["type"],
  reason: string,
  message: string,
  source: EventSource,
): EventInput {
  const id = idOf(obj);
  const uid = obj.metadata.uid;
  return {
    type,
    reason,
    message,
    involvedObject: { kind: id.kind, namespace: id.namespace, name: id.name, ...(uid ? { uid } : {}) },
    source: { ...source },
  };
}

/**
 * The aggregation key, as Kubernetes' getEventKey: source, involved object (uid included, so a
 * recreated object starts a new count), type, reason and message.
 */
function sameEvent(a: EventInput, b: EventInput): boolean {
  const x = a.involvedObject;
  const y = b.involvedObject;
  return (
    x.kind === y.kind &&
    x.namespace === y.namespace &&
    x.name === y.name &&
    (x.uid ?? "") === (y.uid ?? "") &&
    a.type === b.type &&
    a.reason === b.reason &&
    a.message === b.message &&
    a.source.component === b.source.component &&
    (a.source.host ?? "") === (b.source.host ?? "")
  );
}

/**
 * The event list with `event` recorded at `now`: a repeat is counted and moved to the end (newest
 * last), a new event is appended; then only the newest `limit` are kept. Pure: returns a new array.
 */
export function recordEvent(
  events: readonly StateEvent[],
  event: EventInput,
  now: number,
  limit: number = DEFAULT_EVENT_LIMIT,
): StateEvent[] {
  const at = isoTime(now);
  const i = events.findLastIndex((e) => sameEvent(e, event));
  const previous = i === -1 ? undefined : events[i];
  const recorded: StateEvent = {
    type: event.type,
    reason: event.reason,
    message: event.message,
    involvedObject: { ...event.involvedObject },
    source: { ...event.source },
    count: previous ? previous.count + 1 : 1,
    firstTimestamp: previous ? previous.firstTimestamp : at,
    lastTimestamp: at,
  };
  const rest = i === -1 ? events : [...events.slice(0, i), ...events.slice(i + 1)];
  const next = [...rest, recorded];
  return next.length > limit ? next.slice(next.length - Math.max(0, limit)) : next;
}

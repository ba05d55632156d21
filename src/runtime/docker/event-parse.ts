// Pure: Docker's /events messages → EngineEvent.

import { LABEL, type ContainerRole } from "../labels.js";

export interface EngineEvent {
  /** start, die, oom, kill, stop, create, destroy, health_status, pause, unpause, restart, … */
  action: string;
  containerId: string;
  /** Milliseconds since the epoch. */
  time: number;
  /** Nanoseconds since the epoch as Docker reports it, for resuming a stream (`since`). */
  timeNano: bigint;
  podUid?: string;
  podName?: string;
  namespace?: string;
  containerName?: string;
  role?: ContainerRole;
  attempt?: number;
  /** die events. */
  exitCode?: number;
  /** health_status events: healthy, unhealthy, starting. */
  healthStatus?: string;
}

interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  time?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

/** Undefined for messages that are not container events, and for exec_* noise (probes). */
export function parseEngineEvent(line: string): EngineEvent | undefined {
  let raw: RawEvent;
  try {
    raw = JSON.parse(line) as RawEvent;
  } catch {
    return undefined;
  }
  if (raw.Type !== undefined && raw.Type !== "container") return undefined;
  const fullAction = raw.Action ?? raw.status ?? "";
  if (fullAction === "" || fullAction.startsWith("exec_")) return undefined;
  const id = raw.Actor?.ID ?? raw.id ?? "";
  if (id === "") return undefined;
  const attrs = raw.Actor?.Attributes ?? {};
  const [action = fullAction, detail] = fullAction.split(": ", 2);
  // timeNano exceeds 2^53: read its digits from the text, not from the parsed (rounded) number.
  const nanoText = /"timeNano"\s*:\s*(\d+)/.exec(line)?.[1];
  const timeNano = nanoText !== undefined ? BigInt(nanoText) : BigInt(raw.time ?? 0) * 1_000_000_000n;
  const e: EngineEvent = { action, containerId: id, time: Number(timeNano / 1_000_000n), timeNano };
  const set = <K extends keyof EngineEvent>(k: K, v: EngineEvent[K] | undefined) => {
    if (v !== undefined) e[k] = v;
  };
  set("podUid", attrs[LABEL.podUid]);
  set("podName", attrs[LABEL.podName]);
  set("namespace", attrs[LABEL.podNamespace]);
  set("containerName", attrs[LABEL.containerName]);
  set("role", attrs[LABEL.role] as ContainerRole | undefined);
  const attempt = attrs[LABEL.restartCount];
  if (attempt !== undefined) e.attempt = Number(attempt);
  if (action === "die" && attrs.exitCode !== undefined) e.exitCode = Number(attrs.exitCode);
  if (action === "health_status" && detail !== undefined) e.healthStatus = detail.trim();
  return e;
}

/** Docker's `since` for resuming after the event at `timeNano` ("<seconds>.<nanoseconds>"). */
export function sinceParam(timeNano: bigint): string {
  const s = timeNano / 1_000_000_000n;
  const ns = timeNano % 1_000_000_000n;
  return `${s}.${ns.toString().padStart(9, "0")}`;
}

// The READY, STATUS and RESTARTS columns of `kubectl get pods`, computed as kubectl's printPod does.

import type { Pod } from "../../manifest/types.js";
import { humanDuration } from "./duration.js";
import { timeMs } from "./observed.js";

function conditionTrue(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === "True");
}

interface Columns {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  lastRestartMs: number | undefined;
}

function printPod(pod: Pod): Columns {
  const status = pod.status;
  const total = pod.spec.containers.length;
  let ready = 0;
  let restarts = 0;
  let lastRestartMs: number | undefined;
  const noteRestart = (finishedAt: string | undefined): void => {
    const ms = timeMs(finishedAt);
    if (ms !== undefined && (lastRestartMs === undefined || ms > lastRestartMs)) lastRestartMs = ms;
  };
  let reason: string = status?.phase ?? "";
  if (status?.reason) reason = status.reason;
  for (const c of status?.conditions ?? []) {
    if (c.type === "PodScheduled" && c.reason === "SchedulingGated") reason = "SchedulingGated";
  }

  let initializing = false;
  const initStatuses = status?.initContainerStatuses ?? [];
  const initCount = (pod.spec.initContainers ?? []).length;
  for (const [i, c] of initStatuses.entries()) {
    restarts += c.restartCount;
    noteRestart(c.lastState.terminated?.finishedAt);
    const t = c.state.terminated;
    if (t?.exitCode === 0) continue;
    if (t) {
      if (t.reason) reason = `Init:${t.reason}`;
      else if (t.signal) reason = `Init:Signal:${t.signal}`;
      else reason = `Init:ExitCode:${t.exitCode}`;
    } else if (c.state.waiting?.reason && c.state.waiting.reason !== "PodInitializing") {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, "Initialized")) {
    restarts = 0;
    lastRestartMs = undefined;
    let hasRunning = false;
    const statuses = status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      if (!c) continue;
      restarts += c.restartCount;
      noteRestart(c.lastState.terminated?.finishedAt);
      const t = c.state.terminated;
      if (c.state.waiting?.reason) reason = c.state.waiting.reason;
      else if (t?.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
      else if (c.ready && c.state.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning) reason = conditionTrue(pod, "Ready") ? "Running" : "NotReady";
  }

  const phase = status?.phase;
  const terminal = phase === "Succeeded" || phase === "Failed";
  if (pod.metadata.deletionTimestamp !== undefined && status?.reason === "NodeLost") reason = "Unknown";
  else if (pod.metadata.deletionTimestamp !== undefined && !terminal) reason = "Terminating";
  return { ready, total, reason, restarts, lastRestartMs };
}

/** STATUS: Running, Init:0/2, Init:CrashLoopBackOff, PodInitializing, CrashLoopBackOff, Completed… */
export function podDisplayStatus(pod: Pod): string {
  return printPod(pod).reason;
}

/** READY: "1/2". */
export function podReadyColumn(pod: Pod): string {
  const p = printPod(pod);
  return `${p.ready}/${p.total}`;
}

/** RESTARTS: "0", or "3 (5m ago)" once a container has restarted. */
export function podRestartsColumn(pod: Pod, nowMs: number): string {
  const p = printPod(pod);
  if (p.restarts !== 0 && p.lastRestartMs !== undefined) {
    return `${p.restarts} (${humanDuration(nowMs - p.lastRestartMs)} ago)`;
  }
  return String(p.restarts);
}

/** AGE and other "time since" columns: kubectl's translateTimestampSince. */
export function ageColumn(timestamp: string | undefined, nowMs: number): string {
  const ms = timeMs(timestamp);
  return ms === undefined ? "<unknown>" : humanDuration(nowMs - ms);
}

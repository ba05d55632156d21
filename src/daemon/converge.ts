// `berth run --once`: after the first sync, wait until every app is Synced and Healthy (pods running
// or completed as their specs say), or until the timeout; report either way.
import type { Daemon } from "./daemon.js";
import type { AppStatus } from "./status.js";

export interface ConvergeResult {
  converged: boolean;
  report: string;
  statuses: AppStatus[];
}

function converged(s: AppStatus): boolean {
  return s.sync.status === "Synced" && s.health.status === "Healthy";
}

function describe(statuses: AppStatus[]): string {
  const lines: string[] = [];
  for (const s of statuses) {
    const rev = s.sync.revision ? ` at ${s.sync.revision.sha.slice(0, 12)} (${s.sync.revision.subject})` : "";
    lines.push(`app ${s.name}: ${s.sync.status}, ${s.health.status}${rev}`);
    if (s.sync.message) lines.push(`  ${s.sync.message}`);
    for (const e of s.failedRevision?.errors ?? []) lines.push(`  ${e}`);
    for (const o of s.health.objects)
      lines.push(`  ${o.object}: ${o.status}${o.message ? `: ${o.message}` : ""}`);
  }
  return lines.join("\n");
}

export async function waitForConvergence(
  daemon: Daemon,
  timeoutMs: number,
  pollMs = 250,
): Promise<ConvergeResult> {
  const deadline = Date.now() + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([daemon.ready, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
  clearTimeout(timer);
  for (;;) {
    const statuses = daemon.status();
    // A revision that failed validation will not converge by waiting.
    const failed = statuses.some((s) => s.failedRevision !== undefined && s.sync.revision === undefined);
    if (statuses.every(converged)) return { converged: true, report: describe(statuses), statuses };
    if (failed || Date.now() >= deadline) {
      const why = failed ? "sync failed" : `not converged after ${Math.round(timeoutMs / 1000)}s`;
      return { converged: false, report: `${why}\n${describe(statuses)}`, statuses };
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

// `berth status` output (pure): a table of apps in the manner of `argocd app list`, then what is wrong
// with the apps that have problems — the errors that kept a revision out, and which revision stays
// in force instead.

import type { AppStatusView, RevisionRef } from "../daemon/api/types.js";
import { humanDuration } from "../util/human-duration.js";

const HEADERS = ["APP", "SYNC STATUS", "HEALTH", "REVISION", "LAST SYNC", "MESSAGE"];
const MESSAGE_WIDTH = 60;

function short(rev: RevisionRef | undefined): string {
  return rev === undefined ? "<none>" : rev.sha.slice(0, 7);
}

function describeRevision(rev: RevisionRef): string {
  return `${rev.sha.slice(0, 7)} "${rev.subject}"`;
}

function lastSync(app: AppStatusView, now: number): string {
  const s = app.lastSync;
  if (s === undefined) return "Never";
  const result = s.result === "succeeded" ? "Succeeded" : "Failed";
  return `${result} ${humanDuration(now - Date.parse(s.finishedAt))} ago`;
}

function message(app: AppStatusView): string {
  if (app.operation !== undefined) {
    return `Syncing: ${app.operation.phase}${app.operation.message ? ` (${app.operation.message})` : ""}`;
  }
  return (
    app.errors[0] ??
    (app.lastSync?.result === "failed" ? app.lastSync.errors[0] : undefined) ??
    app.health.message ??
    app.sync.message ??
    app.revision?.subject ??
    ""
  );
}

function truncate(s: string, width: number): string {
  const line = s.split("\n")[0] ?? "";
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}

/** Rows padded into columns three spaces apart, as kubectl prints them. */
export function formatTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 3)))
        .join("")
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}

export function appsTable(
  apps: readonly AppStatusView[],
  now: number,
  opts: { wide?: boolean } = {},
): string {
  const rows = apps.map((a) => [
    a.name,
    a.sync.status,
    a.health.status,
    short(a.revision),
    lastSync(a, now),
    opts.wide === true ? (message(a).split("\n")[0] ?? "") : truncate(message(a), MESSAGE_WIDTH),
  ]);
  return formatTable([HEADERS, ...rows]);
}

/** Apps whose last sync failed, that report errors, or whose last good revision is not the latest. */
export function appProblems(apps: readonly AppStatusView[]): string {
  const out: string[] = [];
  for (const a of apps) {
    const failed = a.lastSync?.result === "failed";
    const errors = [...new Set([...a.errors, ...(failed ? (a.lastSync?.errors ?? []) : [])])];
    const attempted = failed ? a.lastSync?.revision : undefined;
    const latest = attempted ?? a.revision;
    const good = a.lastGoodRevision;
    const goodDiffers = good !== undefined && latest !== undefined && good.sha !== latest.sha;
    if (errors.length === 0 && !failed && !goodDiffers) continue;
    const lines = [`${a.name}:`];
    if (failed && attempted !== undefined)
      lines.push(`  revision ${describeRevision(attempted)} was not applied`);
    else if (failed) lines.push("  the last sync failed");
    for (const e of errors) lines.push(...e.split("\n").map((l, i) => `  ${i === 0 ? "- " : "  "}${l}`));
    if (good !== undefined && (goodDiffers || failed)) {
      lines.push(`  last good revision: ${describeRevision(good)}${failed ? " (stays applied)" : ""}`);
    } else if (failed) {
      lines.push("  no revision was ever applied");
    }
    out.push(lines.join("\n"));
  }
  return out.length === 0 ? "" : `\n${out.join("\n\n")}\n`;
}

// Cell formatting shared by every printer, each matching the kubectl / apimachinery helper it is
// named after in the comment.

import type { Container, Labels, LabelSelector } from "../../manifest/types.js";
import { ageColumn } from "../../runtime/lifecycle/display.js";

export { ageColumn as age };

/** `<none>` for an empty cell, as kubectl prints absent values. */
export function orNone(text: string | undefined): string {
  return text === undefined || text === "" ? "<none>" : text;
}

/** labels.FormatLabels: `a=1,b=2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Labels | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return "<none>";
  return keys.map((k) => `${k}=${labels?.[k] ?? ""}`).join(",");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key, `in`/`notin` values
 * sorted; "" for an empty or absent selector (which matches everything, or nothing when absent).
 */
export function selectorString(sel: LabelSelector | undefined): string {
  if (sel === undefined) return "";
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const r of sel.matchExpressions ?? []) {
    const values = [...(r.values ?? [])].sort(compare).join(",");
    const text =
      r.operator === "In"
        ? `${r.key} in (${values})`
        : r.operator === "NotIn"
          ? `${r.key} notin (${values})`
          : r.operator === "Exists"
            ? r.key
            : `!${r.key}`;
    reqs.push({ key: r.key, text });
  }
  return reqs
    .sort((a, b) => compare(a.key, b.key))
    .map((r) => r.text)
    .join(",");
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty. */
export function formatSelector(sel: LabelSelector | undefined): string {
  return orNone(selectorString(sel));
}

/** The CONTAINERS and IMAGES cells of workload tables (kubectl's layoutContainerCells). */
export function containerCells(containers: readonly Container[]): { names: string; images: string } {
  return { names: containers.map((c) => c.name).join(","), images: containers.map((c) => c.image).join(",") };
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Go's time.RFC1123Z as kubectl describe prints timestamps ("Thu, 26 Nov 2026 10:00:00 +0000"), in
 * UTC so output does not depend on the machine's time zone. `<unknown>` for a missing or bad time.
 */
export function rfc1123z(timestamp: string | undefined): string {
  const ms = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
  if (Number.isNaN(ms)) return "<unknown>";
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, "0");
  return (
    `${DAYS[d.getUTCDay()] ?? ""}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? ""} ${d.getUTCFullYear()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  );
}

/** Go's %v of a bool as kubectl prints it in tables: "True"/"False" (printBool). */
export function printBool(b: boolean | undefined): string {
  return b === true ? "True" : "False";
}

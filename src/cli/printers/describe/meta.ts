// The parts of kubectl describe every kind shares: labels and annotations (multi-line, sorted), the
// controller, pod counts by phase, and the Events table.

import type { ObjectMeta, Pod } from "../../../manifest/types.js";
import type { EventObject } from "../../view/shapes.js";
import { age, rfc1123z } from "../format.js";
import { LEVEL_0, LEVEL_1, type DescribeWriter } from "./writer.js";

const MAX_ANNOTATION_LEN = 140;
/** Annotations kubectl leaves out: they embed the whole object (Secret values included). */
const SKIP_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);

/** printLabelsMultilineWithIndent: `Labels:  a=1` then one `k=v` per line, aligned. */
export function writeLabels(
  w: DescribeWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = "",
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(LEVEL_0, "<none>\n");
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    w.write(LEVEL_0, `${k}=${labels?.[k] ?? ""}\n`);
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** printAnnotationsMultiline: `key: value`; long or multi-line values on their own lines. */
export function writeAnnotations(
  w: DescribeWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) {
    w.write(LEVEL_0, "<none>\n");
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, "\t");
    const value = (annotations?.[k] ?? "").replace(/\n$/, "");
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(LEVEL_0, `${k}:\n`);
      for (const line of value.split("\n"))
        w.write(LEVEL_0, `\t  ${shorten(line, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${k}: ${value}\n`);
    }
  });
}

/** Name, Namespace, Labels, Annotations: how most describers start. */
export function writeObjectHeader(
  w: DescribeWriter,
  meta: ObjectMeta,
  opts: { created?: boolean } = {},
): void {
  w.write(LEVEL_0, `Name:\t${meta.name}\n`);
  if (meta.namespace !== undefined) w.write(LEVEL_0, `Namespace:\t${meta.namespace}\n`);
  if (opts.created === true) w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  writeLabels(w, "Labels", meta.labels);
  writeAnnotations(w, "Annotations", meta.annotations);
}

/** `ReplicaSet/web-7d4b9c`: the controlling owner, or "" when there is none. */
export function controlledBy(meta: ObjectMeta): string {
  const ref = (meta.ownerReferences ?? []).find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : "";
}

/** "3 Running / 0 Waiting / 0 Succeeded / 0 Failed" (Pending counts as Waiting). */
export function podPhaseCounts(pods: readonly Pod[]): string {
  const n = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of pods) {
    const phase = p.status?.phase ?? "Pending";
    if (phase in n) n[phase as keyof typeof n]++;
  }
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}

/** The Events table (DescribeEvents), oldest first; `Events:  <none>` without events. */
export function writeEvents(w: DescribeWriter, events: readonly EventObject[], now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) =>
    a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : 0,
  );
  w.write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(LEVEL_1, "----\t------\t----\t----\t-------\n");
  for (const e of sorted) {
    const first = age(e.firstTimestamp, now);
    const interval = e.count > 1 ? `${age(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
    w.write(LEVEL_1, `${e.type}\t${e.reason}\t${interval}\t${e.source.component}\t${e.message.trim()}\n`);
  }
}

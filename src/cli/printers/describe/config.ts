// kubectl describe configmap | secret | namespace. A Secret's values are never shown: berth's state
// keeps only hashes of them, printed as <redacted>; a plain value (from a reader that holds values)
// shows only its size, as kubectl does.

import type { ConfigMap, Namespace, Secret } from "../../../manifest/types.js";
import { isHashedSecretValue } from "../../../state/secrets.js";
import type { DescribeContext } from "./context.js";
import { writeEvents, writeObjectHeader } from "./meta.js";
import { DescribeWriter, LEVEL_0 } from "./writer.js";

function sortedEntries(map: Record<string, string> | undefined): [string, string][] {
  return Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function describeConfigMap(cm: ConfigMap, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  writeObjectHeader(w, cm.metadata);
  w.write(LEVEL_0, "\nData\n====\n");
  for (const [k, v] of sortedEntries(cm.data)) w.write(LEVEL_0, `${k}:\n----\n${v}\n`);
  w.write(LEVEL_0, "\nBinaryData\n====\n");
  for (const [k, v] of sortedEntries(cm.binaryData)) {
    w.write(LEVEL_0, `${k}: ${Buffer.from(v, "base64").length} bytes\n`);
  }
  w.write(LEVEL_0, "\n");
  writeEvents(w, ctx.events, ctx.now);
  return w.toString();
}

/** `<redacted>` for a stored hash; otherwise only the size (of base64 `data`, or plain `stringData`). */
export function secretValueSummary(value: string, base64: boolean): string {
  if (isHashedSecretValue(value)) return "<redacted>";
  return `${base64 ? Buffer.from(value, "base64").length : Buffer.byteLength(value)} bytes`;
}

export function describeSecret(s: Secret, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  writeObjectHeader(w, s.metadata);
  w.write(LEVEL_0, `\nType:\t${s.type ?? "Opaque"}\n`);
  w.write(LEVEL_0, "\nData\n====\n");
  const keys = new Set([...Object.keys(s.data ?? {}), ...Object.keys(s.stringData ?? {})]);
  for (const k of [...keys].sort()) {
    const data = s.data?.[k];
    const summary =
      data !== undefined
        ? secretValueSummary(data, true)
        : secretValueSummary(s.stringData?.[k] ?? "", false);
    w.write(LEVEL_0, `${k}:\t${summary}\n`);
  }
  writeEvents(w, ctx.events, ctx.now);
  return w.toString();
}

export function describeNamespace(ns: Namespace, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  writeObjectHeader(w, ns.metadata);
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? "Active"}\n`);
  writeEvents(w, ctx.events, ctx.now);
  return w.toString();
}

// `berth get events`: LAST SEEN TYPE REASON OBJECT MESSAGE, wide adds SUBOBJECT SOURCE (between
// OBJECT and MESSAGE), FIRST SEEN COUNT NAME — kubectl's printEvent.

import type { EventObject } from "../view/shapes.js";
import type { ViewContext } from "./context.js";
import { age } from "./format.js";
import type { Column } from "./table.js";

/** OBJECT: `pod/web-1`, the involved object's kind lower-cased. */
export function eventTarget(e: EventObject): string {
  const kind = e.involvedObject.kind.toLowerCase();
  return e.involvedObject.name ? `${kind}/${e.involvedObject.name}` : kind;
}

/** SOURCE: "kubelet, n1" (component, host). */
export function eventSource(e: EventObject): string {
  return e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component;
}

export const EVENT_COLUMNS: readonly Column<EventObject, ViewContext>[] = [
  { header: "LAST SEEN", cell: (e, ctx) => age(e.lastTimestamp, ctx.now) },
  { header: "TYPE", cell: (e) => e.type },
  { header: "REASON", cell: (e) => e.reason },
  { header: "OBJECT", cell: (e) => eventTarget(e) },
  { header: "SUBOBJECT", wide: true, cell: () => "" },
  { header: "SOURCE", wide: true, cell: (e) => eventSource(e) },
  { header: "MESSAGE", cell: (e) => e.message.trim() },
  { header: "FIRST SEEN", wide: true, cell: (e, ctx) => age(e.firstTimestamp, ctx.now) },
  { header: "COUNT", wide: true, cell: (e) => String(e.count) },
  { header: "NAME", wide: true, name: true, cell: (e) => e.metadata.name },
];

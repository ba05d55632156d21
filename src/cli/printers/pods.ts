// `berth get pods`: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES
// (kubectl's printPod; the READY/STATUS/RESTARTS logic lives with the pod lifecycle).

import type { Pod } from "../../manifest/types.js";
import { podDisplayStatus, podReadyColumn, podRestartsColumn } from "../../runtime/lifecycle/display.js";
import type { ViewContext } from "./context.js";
import { age, orNone } from "./format.js";
import type { Column } from "./table.js";

export const POD_COLUMNS: readonly Column<Pod, ViewContext>[] = [
  { header: "NAME", name: true, cell: (p) => p.metadata.name },
  { header: "READY", cell: (p) => podReadyColumn(p) },
  { header: "STATUS", cell: (p) => podDisplayStatus(p) },
  { header: "RESTARTS", cell: (p, ctx) => podRestartsColumn(p, ctx.now) },
  { header: "AGE", cell: (p, ctx) => age(p.metadata.creationTimestamp, ctx.now) },
  { header: "IP", wide: true, cell: (p) => orNone(p.status?.podIP) },
  { header: "NODE", wide: true, cell: (p) => orNone(p.spec.nodeName) },
  // berth neither preempts nor has readiness gates: kubectl prints <none> for both then.
  { header: "NOMINATED NODE", wide: true, cell: () => "<none>" },
  { header: "READINESS GATES", wide: true, cell: () => "<none>" },
];

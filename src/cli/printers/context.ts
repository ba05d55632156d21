// What table cells may depend on besides their own object.

import type { Pod } from "../../manifest/types.js";
import type { PrintContext } from "./table.js";

export interface ViewContext extends PrintContext {
  /** -o wide: some cells print more (load-balancer addresses are not cut short). */
  wide: boolean;
  /** Pods bound to a node that still hold resources (not Succeeded or Failed): node columns. */
  podsOnNode: (node: string) => readonly Pod[];
}

/** A context whose pods come from `pods` (all pods, any namespace). */
export function viewContext(now: number, pods: readonly Pod[] = [], wide = false): ViewContext {
  const byNode = new Map<string, Pod[]>();
  for (const p of pods) {
    const node = p.spec.nodeName;
    const phase = p.status?.phase;
    if (!node || phase === "Succeeded" || phase === "Failed") continue;
    const list = byNode.get(node) ?? [];
    list.push(p);
    byNode.set(node, list);
  }
  return { now, wide, podsOnNode: (node) => byNode.get(node) ?? [] };
}

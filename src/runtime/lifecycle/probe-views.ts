// The probe tracker's view of each app container, computed once per pass.

import type { Pod } from "../../manifest/types.js";
import { probeView, type ContainerProbeView } from "../probes/tracker.js";
import type { ProbeStates } from "../probes/types.js";
import type { ObservedContainer } from "./types.js";

export type ProbeView = ReadonlyMap<string, ContainerProbeView>;

export function probeViews(
  pod: Pod,
  newest: ReadonlyMap<string, ObservedContainer | undefined>,
  probes: Readonly<Record<string, ProbeStates>>,
  nowMs: number,
): ProbeView {
  const views = new Map<string, ContainerProbeView>();
  for (const c of pod.spec.containers) {
    views.set(c.name, probeView(c, newest.get(c.name), probes[c.name], nowMs));
  }
  return views;
}

import type { PodTemplateSpec } from "../types.js";
import { defaultPodSpec } from "./pod.js";

/** A pod template gets what its pods will get: labels and annotations maps and the pod defaults. */
export function defaultPodTemplate(t: PodTemplateSpec): void {
  // Schema-valid documents may omit template metadata; the type says it is there afterwards.
  const meta = (t.metadata as PodTemplateSpec["metadata"] | undefined) ?? {};
  meta.labels ??= {};
  meta.annotations ??= {};
  t.metadata = meta;
  defaultPodSpec(t.spec);
}

// kubectl describe pod.

import type { Pod } from "../../../manifest/types.js";
import { rfc1123z } from "../format.js";
import { qosClass } from "../pod-resources.js";
import { writeContainers, writeTolerations, writeVolumes } from "./containers.js";
import type { DescribeContext } from "./context.js";
import { controlledBy, writeAnnotations, writeEvents, writeLabels } from "./meta.js";
import { DescribeWriter, LEVEL_0, LEVEL_1 } from "./writer.js";

export function describePod(pod: Pod, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const status = pod.status;
  w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? "default"}\n`);
  if (pod.spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${pod.spec.priorityClassName}\n`);
  if (pod.spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${pod.spec.serviceAccountName}\n`);
  const node = pod.spec.nodeName;
  w.write(LEVEL_0, `Node:\t${node ? `${node}${status?.hostIP ? `/${status.hostIP}` : ""}` : "<none>"}\n`);
  if (status?.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  writeLabels(w, "Labels", pod.metadata.labels);
  writeAnnotations(w, "Annotations", pod.metadata.annotations);
  const phase = status?.phase ?? "Pending";
  if (pod.metadata.deletionTimestamp !== undefined && phase !== "Succeeded" && phase !== "Failed") {
    w.write(LEVEL_0, `Status:\tTerminating (since ${rfc1123z(pod.metadata.deletionTimestamp)})\n`);
    const grace = pod.metadata.deletionGracePeriodSeconds;
    if (grace !== undefined) w.write(LEVEL_0, `Termination Grace Period:\t${grace}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${phase}\n`);
  }
  if (status?.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status?.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  w.write(LEVEL_0, `IP:\t${status?.podIP ?? ""}\n`);
  const ips = status?.podIPs ?? (status?.podIP ? [{ ip: status.podIP }] : []);
  if (ips.length === 0) w.write(LEVEL_0, "IPs:\t<none>\n");
  else {
    w.write(LEVEL_0, "IPs:\n");
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controller = controlledBy(pod.metadata);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  const init = pod.spec.initContainers ?? [];
  if (init.length > 0) writeContainers(w, "Init Containers", init, status?.initContainerStatuses, pod);
  writeContainers(w, "Containers", pod.spec.containers, status?.containerStatuses ?? [], pod);
  const conditions = status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, "Conditions:\n  Type\tStatus\n");
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  writeVolumes(w, pod.spec.volumes);
  w.write(LEVEL_0, `QoS Class:\t${qosClass(pod)}\n`);
  writeLabels(w, "Node-Selectors", pod.spec.nodeSelector);
  writeTolerations(w, "Tolerations", pod.spec.tolerations);
  writeEvents(w, ctx.events, ctx.now);
  return w.toString();
}

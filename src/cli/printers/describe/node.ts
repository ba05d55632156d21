// kubectl describe node, for a berth node (one Docker engine): conditions with the agent's
// heartbeat, capacity and allocatable, system info, the pods on it and what they request.

import type { Pod } from "../../../manifest/types.js";
import type { NodeObject } from "../../view/shapes.js";
import { age, rfc1123z } from "../format.js";
import { formatTaints, nodeRoles } from "../nodes.js";
import { podLimits, podRequests } from "../pod-resources.js";
import { formatBytes, formatCpuMillis, parseCpuMillis, parseMemoryBytes, percentOf } from "../quantity.js";
import type { DescribeContext } from "./context.js";
import { writeAnnotations, writeEvents, writeLabels } from "./meta.js";
import { DescribeWriter, LEVEL_0, LEVEL_1 } from "./writer.js";

function writeResources(w: DescribeWriter, title: string, list: Record<string, string | undefined>): void {
  w.write(LEVEL_0, `${title}:\n`);
  for (const k of Object.keys(list).sort()) w.write(LEVEL_1, `${k}:\t${list[k] ?? ""}\n`);
}

export function describeNode(n: NodeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const name = n.metadata.name;
  w.write(LEVEL_0, `Name:\t${name}\n`);
  w.write(LEVEL_0, `Roles:\t${nodeRoles(n)}\n`);
  writeLabels(w, "Labels", n.metadata.labels);
  writeAnnotations(w, "Annotations", n.metadata.annotations);
  const taints = formatTaints(n.spec.taints).split(",");
  taints.forEach((t, i) => w.write(LEVEL_0, `${i === 0 ? "Taints:" : ""}\t${t}\n`));
  w.write(LEVEL_0, `Unschedulable:\t${n.spec.unschedulable === true}\n`);
  if (n.status.conditions.length > 0) {
    w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of n.status.conditions) {
      w.write(
        LEVEL_1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`,
      );
    }
  }
  writeResources(w, "Capacity", n.status.capacity);
  writeResources(w, "Allocatable", n.status.allocatable);
  const info = n.status.nodeInfo;
  if (info) {
    w.write(LEVEL_0, "System Info:\n");
    w.write(LEVEL_1, `Operating System:\t${info.operatingSystem}\n`);
    w.write(LEVEL_1, `Architecture:\t${info.architecture}\n`);
    if (info.kernelVersion !== undefined) w.write(LEVEL_1, `Kernel Version:\t${info.kernelVersion}\n`);
    w.write(LEVEL_1, `Container Runtime Version:\t${info.containerRuntimeVersion}\n`);
  }
  const cpuCap = parseCpuMillis(n.status.allocatable.cpu ?? n.status.capacity.cpu ?? "") ?? 0;
  const memCap = parseMemoryBytes(n.status.allocatable.memory ?? n.status.capacity.memory ?? "") ?? 0;
  const cpu = (m: number): string => `${formatCpuMillis(m)} (${percentOf(m, cpuCap)}%)`;
  const mem = (b: number): string => `${formatBytes(b)} (${percentOf(b, memCap)}%)`;
  const key = (p: Pod): string => `${p.metadata.namespace ?? ""}/${p.metadata.name}`;
  const pods = ctx.pods
    .filter(
      (p) => p.spec.nodeName === name && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed",
    )
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, "Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(LEVEL_1, "---------\t----\t------------\t----------\t---------------\t-------------\t---\n");
  const req = { cpuMillis: 0, memoryBytes: 0 };
  const lim = { cpuMillis: 0, memoryBytes: 0 };
  for (const p of pods) {
    const r = podRequests(p);
    const l = podLimits(p);
    req.cpuMillis += r.cpuMillis;
    req.memoryBytes += r.memoryBytes;
    lim.cpuMillis += l.cpuMillis;
    lim.memoryBytes += l.memoryBytes;
    w.write(
      LEVEL_1,
      `${p.metadata.namespace ?? "default"}\t${p.metadata.name}\t${cpu(r.cpuMillis)}\t${cpu(l.cpuMillis)}\t` +
        `${mem(r.memoryBytes)}\t${mem(l.memoryBytes)}\t${age(p.metadata.creationTimestamp, ctx.now)}\n`,
    );
  }
  w.write(LEVEL_0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(LEVEL_1, "Resource\tRequests\tLimits\n");
  w.write(LEVEL_1, "--------\t--------\t------\n");
  w.write(LEVEL_1, `cpu\t${cpu(req.cpuMillis)}\t${cpu(lim.cpuMillis)}\n`);
  w.write(LEVEL_1, `memory\t${mem(req.memoryBytes)}\t${mem(lim.memoryBytes)}\n`);
  writeEvents(w, ctx.events, ctx.now);
  return w.toString();
}

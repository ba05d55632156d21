// Containers, volumes and pod templates in kubectl describe's layout (describeContainers,
// describeVolumes, DescribePodTemplate). Environment variables show literal values as kubectl does
// (they are in the manifest anyway); values from Secrets and ConfigMaps show only the reference.

import type {
  Container,
  ContainerState,
  ContainerStatus,
  EnvVar,
  Pod,
  PodTemplateSpec,
  Probe,
  Toleration,
  Volume,
} from "../../../manifest/types.js";
import { printBool, rfc1123z } from "../format.js";
import { writeAnnotations, writeLabels } from "./meta.js";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type DescribeWriter } from "./writer.js";

/** DescribeProbe: "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3". */
export function describeProbe(p: Probe): string {
  const attrs =
    `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s ` +
    `#success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${p.exec.command.join(" ")}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const path =
      g.path === undefined || g.path === "" || g.path.startsWith("/") ? (g.path ?? "") : `/${g.path}`;
    return `http-get ${(g.scheme ?? "HTTP").toLowerCase()}://${g.host ?? ""}:${g.port}${path} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ""}:${p.tcpSocket.port} ${attrs}`;
  return `unknown ${attrs}`;
}

function writeState(w: DescribeWriter, title: string, s: ContainerState): void {
  if (s.running) {
    w.write(LEVEL_2, `${title}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(s.running.startedAt)}\n`);
  } else if (s.waiting) {
    w.write(LEVEL_2, `${title}:\tWaiting\n`);
    if (s.waiting.reason) w.write(LEVEL_3, `Reason:\t${s.waiting.reason}\n`);
  } else if (s.terminated) {
    const t = s.terminated;
    w.write(LEVEL_2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal !== undefined && t.signal > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${title}:\tWaiting\n`);
  }
}

/** What a fieldRef resolves to on `pod` (kubectl's EnvValueRetriever); "" without a pod. */
function fieldValue(pod: Pod | undefined, path: string): string {
  if (!pod) return "";
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === "labels" ? pod.metadata.labels : pod.metadata.annotations)?.[m[2] ?? ""] ?? "";
  const values: Record<string, string | undefined> = {
    "metadata.name": pod.metadata.name,
    "metadata.namespace": pod.metadata.namespace,
    "metadata.uid": pod.metadata.uid,
    "spec.nodeName": pod.spec.nodeName,
    "spec.serviceAccountName": pod.spec.serviceAccountName,
    "status.hostIP": pod.status?.hostIP,
    "status.podIP": pod.status?.podIP,
    "status.podIPs": pod.status?.podIPs?.map((i) => i.ip).join(","),
  };
  return values[path] ?? "";
}

function writeEnvVar(w: DescribeWriter, e: EnvVar, c: Container, pod: Pod | undefined): void {
  const from = e.valueFrom;
  if (!from) {
    (e.value ?? "").split("\n").forEach((line, i) => {
      w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`);
    });
  } else if (from.fieldRef) {
    const f = from.fieldRef;
    w.write(
      LEVEL_3,
      `${e.name}:\t${fieldValue(pod, f.fieldPath)} (${f.apiVersion ?? "v1"}:${f.fieldPath})\n`,
    );
  } else if (from.resourceFieldRef) {
    const resource = from.resourceFieldRef.resource;
    const [kind, name] = resource.split(".") as [string, string | undefined];
    const list = kind === "limits" ? c.resources?.limits : c.resources?.requests;
    const value = list?.[name as keyof typeof list];
    const shown =
      value ?? (kind === "limits" && (name === "cpu" || name === "memory") ? "node allocatable" : "0");
    w.write(LEVEL_3, `${e.name}:\t${shown} (${resource})\n`);
  } else if (from.secretKeyRef) {
    const r = from.secretKeyRef;
    w.write(
      LEVEL_3,
      `${e.name}:\t<set to the key '${r.key}' in secret '${r.name}'>\tOptional: ${r.optional === true}\n`,
    );
  } else if (from.configMapKeyRef) {
    const r = from.configMapKeyRef;
    w.write(
      LEVEL_3,
      `${e.name}:\t<set to the key '${r.key}' of config map '${r.name}'>\tOptional: ${r.optional === true}\n`,
    );
  }
}

function writeContainer(
  w: DescribeWriter,
  c: Container,
  status: ContainerStatus | undefined,
  pod: Pod | undefined,
  space: string,
): void {
  w.write(LEVEL_1, `${space === "" ? "" : " "}${c.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ""}\n`);
  w.write(LEVEL_2, `Image:\t${c.image}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID}\n`);
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}`).join(", ");
  w.write(LEVEL_2, ports.includes(",") ? `Ports:\t${ports}\n` : `Port:\t${ports || "<none>"}\n`);
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`).join(", ");
  w.write(
    LEVEL_2,
    hostPorts.includes(",") ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || "<none>"}\n`,
  );
  for (const [title, list] of [
    ["Command", c.command],
    ["Args", c.args],
  ] as const) {
    if (!list || list.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const item of list) for (const line of item.split("\n")) w.write(LEVEL_3, `${line}\n`);
  }
  if (status) {
    writeState(w, "State", status.state);
    if (status.lastState.terminated) writeState(w, "Last State", status.lastState);
    w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
    w.write(LEVEL_2, `Restart Count:\t${status.restartCount}\n`);
  }
  for (const [title, list] of [
    ["Limits", c.resources?.limits],
    ["Requests", c.resources?.requests],
  ] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (keys.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const k of keys) w.write(LEVEL_3, `${k}:\t${(list as Record<string, string>)[k] ?? ""}\n`);
  }
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
  if ((c.envFrom ?? []).length > 0) {
    w.write(LEVEL_2, "Environment Variables from:\n");
    for (const e of c.envFrom ?? []) {
      const ref = e.configMapRef ?? e.secretRef;
      const from = e.configMapRef ? "ConfigMap" : "Secret";
      const prefix = e.prefix ? ` with prefix '${e.prefix}'` : "";
      w.write(LEVEL_3, `${ref?.name ?? ""}\t${from}${prefix}\tOptional: ${ref?.optional === true}\n`);
    }
  }
  const env = c.env ?? [];
  w.write(LEVEL_2, env.length === 0 ? "Environment:\t<none>\n" : "Environment:\n");
  for (const e of env) writeEnvVar(w, e, c, pod);
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) =>
    a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
  );
  w.write(LEVEL_2, mounts.length === 0 ? "Mounts:\t<none>\n" : "Mounts:\n");
  for (const m of mounts) {
    const flags = [m.readOnly === true ? "ro" : "rw"];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(",")})\n`);
  }
}

/** `Containers:` (or `Init Containers:`) and each container; statuses and pod when describing a pod. */
export function writeContainers(
  w: DescribeWriter,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  pod: Pod | undefined,
  space = "",
): void {
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? " <none>" : ""}\n`);
  for (const c of containers)
    writeContainer(
      w,
      c,
      statuses?.find((s) => s.name === c.name),
      pod,
      space,
    );
}

function writeVolumeSource(w: DescribeWriter, v: Volume): void {
  const rows: [string, string][] = [];
  if (v.hostPath) {
    rows.push(
      ["Type", "HostPath (bare host directory volume)"],
      ["Path", v.hostPath.path],
      ["HostPathType", v.hostPath.type || "<none>"],
    );
  } else if (v.emptyDir) {
    rows.push(["Type", "EmptyDir (a temporary directory that shares a pod's lifetime)"]);
    rows.push(["Medium", v.emptyDir.medium ?? ""], ["SizeLimit", v.emptyDir.sizeLimit ?? "<unset>"]);
  } else if (v.secret) {
    rows.push(["Type", "Secret (a volume populated by a Secret)"], ["SecretName", v.secret.secretName]);
    rows.push(["Optional", String(v.secret.optional === true)]);
  } else if (v.configMap) {
    rows.push(["Type", "ConfigMap (a volume populated by a ConfigMap)"], ["Name", v.configMap.name]);
    rows.push(["Optional", String(v.configMap.optional === true)]);
  } else if (v.persistentVolumeClaim) {
    rows.push([
      "Type",
      "PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)",
    ]);
    rows.push(
      ["ClaimName", v.persistentVolumeClaim.claimName],
      ["ReadOnly", String(v.persistentVolumeClaim.readOnly === true)],
    );
  } else {
    rows.push(["Type", "<unknown>"]);
  }
  for (const [k, val] of rows) w.write(LEVEL_2, `${k}:\t${val}\n`);
}

export function writeVolumes(w: DescribeWriter, volumes: readonly Volume[] | undefined, space = ""): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space === "" ? "" : " "}${v.name}:\n`);
    writeVolumeSource(w, v);
  }
}

/** printPodTolerationsMultiline: `key=value:Effect op=Exists for 300s`, one per line. */
export function writeTolerations(
  w: DescribeWriter,
  title: string,
  tolerations: readonly Toleration[] | undefined,
  indent = "",
): void {
  w.write(LEVEL_0, `${indent}${title}:\t`);
  if (!tolerations || tolerations.length === 0) {
    w.write(LEVEL_0, "<none>\n");
    return;
  }
  tolerations.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${indent}\t`);
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** DescribePodTemplate: `Pod Template:` then labels, containers, volumes, node selectors, tolerations. */
export function writePodTemplate(w: DescribeWriter, template: PodTemplateSpec): void {
  w.write(LEVEL_0, "Pod Template:\n");
  writeLabels(w, "Labels", template.metadata.labels, "  ");
  const annotations = template.metadata.annotations ?? {};
  if (Object.keys(annotations).length > 0) writeAnnotations(w, "  Annotations", annotations);
  if (template.spec.serviceAccountName)
    w.write(LEVEL_1, `Service Account:\t${template.spec.serviceAccountName}\n`);
  const init = template.spec.initContainers ?? [];
  if (init.length > 0) writeContainers(w, "Init Containers", init, undefined, undefined, "  ");
  writeContainers(w, "Containers", template.spec.containers, undefined, undefined, "  ");
  writeVolumes(w, template.spec.volumes, "  ");
  if (template.spec.priorityClassName)
    w.write(LEVEL_1, `Priority Class Name:\t${template.spec.priorityClassName}\n`);
  writeLabels(w, "Node-Selectors", template.spec.nodeSelector, "  ");
  writeTolerations(w, "Tolerations", template.spec.tolerations, "  ");
}

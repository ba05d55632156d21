// Pod specs (Pods and every template): names, uniqueness, volume references, ports, probes,
// environment variables and resources.

import { error, formatPath, type FieldPath, type Issue } from "../issue.js";
import type { Container, PodSpec, Probe } from "../types.js";
import { checkLabels } from "./labels.js";
import { checkProbe } from "./probes.js";
import { isPortNumber, portNameIssues, portRangeIssue, problemIssues } from "./report.js";
import { checkQuantity, checkResourceRequirements } from "./resources.js";
import { isDNS1123Label, isEnvVarName } from "./validation.js";

export interface PodSpecContext {
  /** volumeClaimTemplates names: a StatefulSet's containers may mount them. */
  claimNames?: readonly string[];
}

interface Located {
  container: Container;
  path: FieldPath;
  init: boolean;
}

function duplicate(path: FieldPath, what: string, value: string, firstAt: FieldPath): Issue {
  return error("E_DUPLICATE", path, `${what} "${value}" is already used at ${formatPath(firstAt)}`, {
    expected: `a unique ${what}`,
    found: JSON.stringify(value),
  });
}

function checkContainerNames(all: Located[]): Issue[] {
  const out: Issue[] = [];
  const seen = new Map<string, FieldPath>();
  for (const { container, path } of all) {
    const at = [...path, "name"];
    out.push(
      ...problemIssues(at, container.name, isDNS1123Label(container.name), { what: "container name:" }),
    );
    const first = seen.get(container.name);
    if (first) out.push(duplicate(at, "container name", container.name, first));
    else seen.set(container.name, at);
  }
  return out;
}

function checkVolumes(spec: PodSpec, path: FieldPath): { names: Set<string>; issues: Issue[] } {
  const out: Issue[] = [];
  const seen = new Map<string, FieldPath>();
  (spec.volumes ?? []).forEach((v, i) => {
    const at = [...path, "volumes", i, "name"];
    out.push(...problemIssues(at, v.name, isDNS1123Label(v.name), { what: "volume name:" }));
    const first = seen.get(v.name);
    if (first) out.push(duplicate(at, "volume name", v.name, first));
    else seen.set(v.name, at);
    if (v.emptyDir?.sizeLimit !== undefined) {
      out.push(
        ...checkQuantity(v.emptyDir.sizeLimit, [...path, "volumes", i, "emptyDir", "sizeLimit"]).issues,
      );
    }
  });
  return { names: new Set(seen.keys()), issues: out };
}

function checkMounts(
  c: Container,
  path: FieldPath,
  volumes: Set<string>,
  claims: readonly string[],
): Issue[] {
  const out: Issue[] = [];
  const mountPaths = new Map<string, FieldPath>();
  (c.volumeMounts ?? []).forEach((m, i) => {
    const at = [...path, "volumeMounts", i];
    if (!volumes.has(m.name) && !claims.includes(m.name)) {
      const known = [...volumes, ...claims];
      out.push(
        error("E_VALUE", [...at, "name"], `volumeMount refers to volume "${m.name}", which is not defined`, {
          expected: known.length > 0 ? `one of: ${known.join(", ")}` : "a volume defined in spec.volumes",
          found: JSON.stringify(m.name),
          hint:
            claims.length > 0
              ? "define it in spec.template.spec.volumes or spec.volumeClaimTemplates"
              : "define it in spec.volumes",
        }),
      );
    }
    const first = mountPaths.get(m.mountPath);
    if (first) out.push(duplicate([...at, "mountPath"], "mountPath", m.mountPath, first));
    else mountPaths.set(m.mountPath, [...at, "mountPath"]);
  });
  return out;
}

function checkPorts(c: Container, path: FieldPath, hostNetwork: boolean): Issue[] {
  const out: Issue[] = [];
  const names = new Map<string, FieldPath>();
  (c.ports ?? []).forEach((p, i) => {
    const at = [...path, "ports", i];
    if (!isPortNumber(p.containerPort)) out.push(portRangeIssue([...at, "containerPort"], p.containerPort));
    if (p.hostPort !== undefined && p.hostPort !== 0 && !isPortNumber(p.hostPort)) {
      out.push(portRangeIssue([...at, "hostPort"], p.hostPort));
    }
    if (hostNetwork && p.hostPort !== undefined && p.hostPort !== p.containerPort) {
      out.push(
        error("E_VALUE", [...at, "hostPort"], "must match `containerPort` when `hostNetwork` is true", {
          expected: String(p.containerPort),
          found: String(p.hostPort),
        }),
      );
    }
    if (p.name !== undefined) {
      out.push(...portNameIssues([...at, "name"], p.name));
      const first = names.get(p.name);
      if (first) out.push(duplicate([...at, "name"], "port name", p.name, first));
      else names.set(p.name, [...at, "name"]);
    }
  });
  return out;
}

function checkEnv(c: Container, path: FieldPath): Issue[] {
  const out: Issue[] = [];
  (c.env ?? []).forEach((e, i) => {
    out.push(...problemIssues([...path, "env", i, "name"], e.name, isEnvVarName(e.name)));
    const divisor = e.valueFrom?.resourceFieldRef?.divisor;
    if (divisor !== undefined) {
      out.push(
        ...checkQuantity(divisor, [...path, "env", i, "valueFrom", "resourceFieldRef", "divisor"]).issues,
      );
    }
  });
  (c.envFrom ?? []).forEach((e, i) => {
    if (e.prefix !== undefined && e.prefix !== "") {
      out.push(...problemIssues([...path, "envFrom", i, "prefix"], e.prefix, isEnvVarName(e.prefix)));
    }
  });
  return out;
}

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;

function checkContainerProbes({ container: c, path, init }: Located): Issue[] {
  const out: Issue[] = [];
  // Only sidecars (init containers with restartPolicy Always) may be probed among init containers.
  const sidecar = (c as unknown as Record<string, unknown>).restartPolicy === "Always";
  for (const which of PROBES) {
    const probe: Probe | undefined = c[which];
    if (!probe) continue;
    if (init && !sidecar) {
      out.push(
        error("E_VALUE", [...path, which], `${which} may not be set for init containers`, {
          expected: "no probe (init containers run to completion)",
          found: "a probe",
          hint: `remove ${which}, or make the init container a sidecar with restartPolicy: Always`,
        }),
      );
      continue;
    }
    out.push(...checkProbe(probe, which, c, [...path, which]));
  }
  return out;
}

export function checkPodSpec(spec: PodSpec, path: FieldPath, ctx: PodSpecContext = {}): Issue[] {
  const all: Located[] = [
    ...(spec.initContainers ?? []).map((c, i) => ({
      container: c,
      path: [...path, "initContainers", i],
      init: true,
    })),
    ...spec.containers.map((c, i) => ({ container: c, path: [...path, "containers", i], init: false })),
  ];
  const volumes = checkVolumes(spec, path);
  const out = [...checkContainerNames(all), ...volumes.issues];
  for (const loc of all) {
    const { container: c, path: at } = loc;
    out.push(
      ...checkMounts(c, at, volumes.names, ctx.claimNames ?? []),
      ...checkPorts(c, at, spec.hostNetwork === true),
      ...checkEnv(c, at),
      ...checkContainerProbes(loc),
      ...checkResourceRequirements(c.resources, [...at, "resources"]),
    );
  }
  out.push(...checkLabels(spec.nodeSelector, [...path, "nodeSelector"]));
  return out;
}

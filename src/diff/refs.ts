// What implications need to know beyond the changed object itself: which desired workloads read a
// ConfigMap or Secret, which recorded objects a controller generated for an owner, and how many
// objects live in a namespace. Indexes are built on first use, so plans without such changes pay
// nothing.

import { describeObject, idOf } from "../manifest/identity.js";
import type { KObject, PodSpec } from "../manifest/types.js";

/** The pod spec an object runs, if any (CronJobs through their job template). */
export function podSpecOf(obj: KObject): PodSpec | undefined {
  switch (obj.kind) {
    case "Pod":
      return obj.spec;
    case "Deployment":
    case "ReplicaSet":
    case "DaemonSet":
    case "StatefulSet":
    case "Job":
      return obj.spec.template.spec;
    case "CronJob":
      return obj.spec.jobTemplate.spec.template.spec;
    default:
      return undefined;
  }
}

export type ConfigKind = "ConfigMap" | "Secret";

/** How one workload reads a ConfigMap or Secret. */
export interface ConfigUse {
  /** "Deployment default/web" */
  user: string;
  env: boolean;
  /** Mounted as a volume (kept up to date in place). */
  files: boolean;
  /** Mounted with subPath: files are not updated until the container restarts. */
  subPathFiles: boolean;
  /** Every reference is optional: pods start without the object. */
  optional: boolean;
}

interface Template {
  user: string;
  spec: PodSpec;
}

/** Keys referenced: undefined means the whole object. */
function touches(keys: ReadonlySet<string> | undefined, key: string): boolean {
  return keys === undefined || keys.has(key);
}

function useOf(
  t: Template,
  kind: ConfigKind,
  name: string,
  changed: ReadonlySet<string> | undefined,
): ConfigUse | undefined {
  const use: ConfigUse = { user: t.user, env: false, files: false, subPathFiles: false, optional: true };
  const containers = [...(t.spec.initContainers ?? []), ...t.spec.containers];
  for (const c of containers) {
    for (const e of c.env ?? []) {
      const ref = kind === "ConfigMap" ? e.valueFrom?.configMapKeyRef : e.valueFrom?.secretKeyRef;
      if (ref?.name === name && touches(changed, ref.key)) {
        use.env = true;
        if (ref.optional !== true) use.optional = false;
      }
    }
    for (const f of c.envFrom ?? []) {
      const ref = kind === "ConfigMap" ? f.configMapRef : f.secretRef;
      if (ref?.name === name) {
        use.env = true;
        if (ref.optional !== true) use.optional = false;
      }
    }
  }
  for (const v of t.spec.volumes ?? []) {
    const src = kind === "ConfigMap" ? v.configMap : v.secret;
    const srcName = kind === "ConfigMap" ? v.configMap?.name : v.secret?.secretName;
    if (!src || srcName !== name) continue;
    if (src.items && changed && !src.items.some((i) => changed.has(i.key))) continue;
    if (src.optional !== true) use.optional = false;
    for (const c of containers) {
      for (const m of c.volumeMounts ?? []) {
        if (m.name !== v.name) continue;
        if (m.subPath) use.subPathFiles = true;
        else use.files = true;
      }
    }
  }
  return use.env || use.files || use.subPathFiles ? use : undefined;
}

export class ImplicationContext {
  private templates: Map<string, Template[]> | undefined;
  private owned: Map<string, KObject[]> | undefined;
  private perNamespace: Map<string, number> | undefined;

  constructor(
    private readonly desired: readonly KObject[],
    private readonly recorded: readonly KObject[],
  ) {}

  private templatesIn(namespace: string): Template[] {
    if (!this.templates) {
      this.templates = new Map();
      for (const obj of this.desired) {
        const spec = podSpecOf(obj);
        if (!spec) continue;
        const ns = idOf(obj).namespace;
        let list = this.templates.get(ns);
        if (!list) this.templates.set(ns, (list = []));
        list.push({ user: describeObject(obj), spec });
      }
    }
    return this.templates.get(namespace) ?? [];
  }

  /**
   * Desired workloads in `namespace` that read the object. `changedKeys` narrows single-key
   * references (env valueFrom, volume items) to those keys; undefined counts every reference.
   */
  usersOf(kind: ConfigKind, namespace: string, name: string, changedKeys?: ReadonlySet<string>): ConfigUse[] {
    const out: ConfigUse[] = [];
    for (const t of this.templatesIn(namespace)) {
      const use = useOf(t, kind, name, changedKeys);
      if (use) out.push(use);
    }
    return out;
  }

  /** Recorded objects whose ownerReferences name `owner` (by uid, or by kind and name without one). */
  ownedBy(owner: KObject): KObject[] {
    if (!this.owned) {
      this.owned = new Map();
      for (const obj of this.recorded) {
        const ns = idOf(obj).namespace;
        for (const ref of obj.metadata.ownerReferences ?? []) {
          for (const k of [`uid:${ref.uid}`, `ref:${ref.kind}/${ns}/${ref.name}`]) {
            let list = this.owned.get(k);
            if (!list) this.owned.set(k, (list = []));
            list.push(obj);
          }
        }
      }
    }
    const uid = owner.metadata.uid;
    const id = idOf(owner);
    return (
      (uid ? this.owned.get(`uid:${uid}`) : this.owned.get(`ref:${id.kind}/${id.namespace}/${id.name}`)) ?? []
    );
  }

  /** How many recorded objects live in the namespace. */
  objectsInNamespace(namespace: string): number {
    if (!this.perNamespace) {
      this.perNamespace = new Map();
      for (const obj of this.recorded) {
        const ns = idOf(obj).namespace;
        if (ns !== "") this.perNamespace.set(ns, (this.perNamespace.get(ns) ?? 0) + 1);
      }
    }
    return this.perNamespace.get(namespace) ?? 0;
  }
}

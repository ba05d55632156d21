import { CLUSTER_SCOPED, type Kind, type KObjectBase } from "./types.js";

/** kind + namespace + name: the identity of an object everywhere in berth. */
export interface ObjectId {
  kind: Kind;
  /** "" for cluster-scoped kinds (Namespace). */
  namespace: string;
  name: string;
}

export function isClusterScoped(kind: Kind): boolean {
  return CLUSTER_SCOPED.has(kind);
}

export function idOf(obj: KObjectBase): ObjectId {
  return {
    kind: obj.kind,
    namespace: isClusterScoped(obj.kind) ? "" : (obj.metadata.namespace ?? "default"),
    name: obj.metadata.name,
  };
}

/** A stable map key: "Deployment/default/web", "Namespace//team-a". */
export function keyOf(id: ObjectId): string {
  return `${id.kind}/${id.namespace}/${id.name}`;
}

export function objectKey(obj: KObjectBase): string {
  return keyOf(idOf(obj));
}

export function parseKey(key: string): ObjectId {
  const [kind, namespace, ...rest] = key.split("/");
  if (kind === undefined || namespace === undefined || rest.length === 0) {
    throw new Error(`not an object key: ${key}`);
  }
  return { kind: kind as Kind, namespace, name: rest.join("/") };
}

/** How messages name an object: "Deployment default/web", "Namespace team-a". */
export function describeId(id: ObjectId): string {
  return id.namespace === "" ? `${id.kind} ${id.name}` : `${id.kind} ${id.namespace}/${id.name}`;
}

export function describeObject(obj: KObjectBase): string {
  return describeId(idOf(obj));
}

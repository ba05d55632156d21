// Query parameters of the read endpoints, checked strictly: an unknown parameter or a bad value is a
// 400 naming it, so a typo (`?selectr=app=web`) is not silently read as "everything".

import { KINDS, type Kind } from "../../manifest/types.js";
import { parseSelector } from "../../manifest/selector.js";
import { badRequest } from "./http.js";
import type { EventQuery, ObjectQuery } from "./types.js";

/** kubectl's short names, besides every kind's name and plural in any case. */
const SHORT_NAMES: Record<string, Kind> = {
  ns: "Namespace",
  po: "Pod",
  cm: "ConfigMap",
  svc: "Service",
  deploy: "Deployment",
  rs: "ReplicaSet",
  ds: "DaemonSet",
  sts: "StatefulSet",
  cj: "CronJob",
  ing: "Ingress",
};

function plural(kind: Kind): string {
  const lower = kind.toLowerCase();
  return lower.endsWith("s") ? `${lower}es` : `${lower}s`;
}

export function parseKind(text: string): Kind {
  const lower = text.toLowerCase();
  const kind = KINDS.find((k) => k.toLowerCase() === lower || plural(k) === lower) ?? SHORT_NAMES[lower];
  if (kind === undefined) throw badRequest(`unknown kind "${text}" (known: ${KINDS.join(", ")})`);
  return kind;
}

/** Refuses parameters outside `allowed` and repeated ones. */
export function onlyParams(params: URLSearchParams, allowed: readonly string[]): void {
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (!allowed.includes(key)) {
      throw badRequest(
        allowed.length === 0
          ? `this endpoint takes no query parameters (found "${key}")`
          : `unknown query parameter "${key}" (this endpoint takes ${allowed.join(", ")})`,
      );
    }
    if (seen.has(key)) throw badRequest(`query parameter "${key}" is given twice`);
    seen.add(key);
  }
}

/** A flag: absent → `fallback`; "", "true", "1" → true; "false", "0" → false. */
export function parseBool(params: URLSearchParams, name: string, fallback = false): boolean {
  const v = params.get(name);
  if (v === null) return fallback;
  if (v === "" || v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  throw badRequest(`query parameter "${name}" must be true or false (found "${v}")`);
}

export function parseCount(params: URLSearchParams, name: string): number | undefined {
  const v = params.get(name);
  if (v === null) return undefined;
  if (!/^\d{1,9}$/.test(v))
    throw badRequest(`query parameter "${name}" must be a whole number (found "${v}")`);
  return Number(v);
}

function nonEmpty(params: URLSearchParams, name: string): string | undefined {
  const v = params.get(name);
  if (v === null) return undefined;
  if (v === "") throw badRequest(`query parameter "${name}" is empty`);
  return v;
}

export function parseObjectQuery(params: URLSearchParams): ObjectQuery {
  onlyParams(params, ["kind", "namespace", "name", "selector"]);
  const q: ObjectQuery = {};
  const kind = nonEmpty(params, "kind");
  if (kind !== undefined) q.kind = parseKind(kind);
  const namespace = nonEmpty(params, "namespace");
  if (namespace !== undefined) q.namespace = namespace;
  const name = nonEmpty(params, "name");
  if (name !== undefined) q.name = name;
  const selector = nonEmpty(params, "selector");
  if (selector !== undefined) {
    try {
      q.selector = parseSelector(selector);
    } catch (e) {
      throw badRequest(`query parameter "selector": ${(e as Error).message}`);
    }
  }
  return q;
}

export function parseEventQuery(params: URLSearchParams): EventQuery {
  onlyParams(params, ["kind", "namespace", "name"]);
  const q: EventQuery = {};
  const kind = nonEmpty(params, "kind");
  if (kind !== undefined) q.kind = parseKind(kind);
  const namespace = nonEmpty(params, "namespace");
  if (namespace !== undefined) q.namespace = namespace;
  const name = nonEmpty(params, "name");
  if (name !== undefined) q.name = name;
  return q;
}

// Ingresses: a default backend or rules; every backend names a service and one port; paths are
// absolute (and, for Exact and Prefix, free of '//', '/./', '/../' and encoded slashes); hosts
// are DNS names, optionally with one leading '*' label.

import { error, showValue, type FieldPath, type Issue } from "../issue.js";
import type { Ingress, IngressBackend } from "../types.js";
import { isPortNumber, portNameIssues, portRangeIssue, problemIssues } from "./report.js";
import { isDNS1035Label, isWildcardOrDNS1123Subdomain } from "./validation.js";

const BAD_SEQUENCES = ["//", "/./", "/../", "%2f", "%2F"];
const BAD_SUFFIXES = ["/..", "/."];

function checkBackend(b: IngressBackend, path: FieldPath): Issue[] {
  if (b.service && b.resource) {
    return [
      error("E_VALUE", path, "cannot set both service and resource backends", {
        expected: "one of service or resource",
        found: "both",
      }),
    ];
  }
  if (b.resource) return [];
  if (!b.service) {
    return [
      error("E_VALUE", path, "one backend type must be specified", {
        expected: "service (name and port)",
        found: "nothing",
      }),
    ];
  }
  const at = [...path, "service"];
  const { name, port } = b.service;
  const out = problemIssues([...at, "name"], name, isDNS1035Label(name), { what: "service name:" });
  const hasNumber = port.number !== undefined;
  const hasName = port.name !== undefined && port.name !== "";
  if (hasNumber && hasName) {
    out.push(
      error("E_VALUE", [...at, "port"], "cannot set both port name & port number", {
        expected: "one of number or name",
        found: "both",
      }),
    );
  } else if (!hasNumber && !hasName) {
    out.push(
      error("E_VALUE", [...at, "port"], "port name or number is required", {
        expected: "port.number or port.name",
        found: "neither",
      }),
    );
  } else if (port.number !== undefined) {
    if (!isPortNumber(port.number)) out.push(portRangeIssue([...at, "port", "number"], port.number));
  } else if (port.name !== undefined) {
    out.push(...portNameIssues([...at, "port", "name"], port.name));
  }
  return out;
}

function checkPath(path: string | undefined, pathType: string, at: FieldPath): Issue[] {
  const p = path ?? "";
  const found = showValue(path);
  if (pathType === "ImplementationSpecific" && p === "") return [];
  if (!p.startsWith("/")) {
    return [
      error("E_VALUE", at, "must be an absolute path", { expected: "a path starting with '/'", found }),
    ];
  }
  if (pathType !== "Exact" && pathType !== "Prefix") return [];
  const bad = BAD_SEQUENCES.find((s) => p.includes(s)) ?? BAD_SUFFIXES.find((s) => p.endsWith(s));
  if (bad === undefined) return [];
  const where = BAD_SEQUENCES.includes(bad) ? "contain" : "end with";
  return [
    error("E_VALUE", at, `must not ${where} '${bad}'`, { expected: "a normalised absolute path", found }),
  ];
}

function checkHost(host: string, at: FieldPath): Issue[] {
  if (/^[0-9.]+$/.test(host) || host.includes(":")) {
    return [
      error("E_VALUE", at, "must be a DNS name, not an IP address", {
        expected: "a host name such as example.com",
        found: showValue(host),
      }),
    ];
  }
  return problemIssues(at, host, isWildcardOrDNS1123Subdomain(host));
}

export function checkIngress(ing: Ingress): Issue[] {
  const spec = ing.spec;
  const out: Issue[] = [];
  const rules = spec.rules ?? [];
  if (!spec.defaultBackend && rules.length === 0) {
    out.push(
      error("E_VALUE", ["spec"], "either `defaultBackend` or `rules` must be specified", {
        expected: "spec.defaultBackend or spec.rules",
        found: "neither",
      }),
    );
  }
  if (spec.defaultBackend) out.push(...checkBackend(spec.defaultBackend, ["spec", "defaultBackend"]));
  rules.forEach((rule, i) => {
    const at = ["spec", "rules", i];
    if (rule.host !== undefined && rule.host !== "") out.push(...checkHost(rule.host, [...at, "host"]));
    (rule.http?.paths ?? []).forEach((p, j) => {
      const pathAt = [...at, "http", "paths", j];
      out.push(...checkPath(p.path, p.pathType, [...pathAt, "path"]));
      out.push(...checkBackend(p.backend, [...pathAt, "backend"]));
    });
  });
  (spec.tls ?? []).forEach((tls, i) => {
    (tls.hosts ?? []).forEach((h, j) => out.push(...checkHost(h, ["spec", "tls", i, "hosts", j])));
  });
  return out;
}

// Object names. Most kinds take a DNS-1123 subdomain; Namespaces a DNS-1123 label (they become
// DNS labels); Services a DNS-1035 label (they become DNS names and environment variable
// prefixes); Jobs at most 63 characters (the job-name label carries the name) and CronJobs at most
// 52, because the CronJob controller appends 11 characters for each Job's name.

import type { Issue } from "../issue.js";
import type { KObject } from "../types.js";
import { problemIssues } from "./report.js";
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, type Problem } from "./validation.js";

function nameProblems(obj: KObject, name: string): Problem[] {
  switch (obj.kind) {
    case "Namespace":
      return isDNS1123Label(name);
    case "Service":
      return isDNS1035Label(name);
    case "Job":
      return isDNS1123Subdomain(name, 63);
    case "CronJob":
      return isDNS1123Subdomain(name, 52);
    default:
      return isDNS1123Subdomain(name);
  }
}

const HINTS: Partial<Record<KObject["kind"], string>> = {
  CronJob:
    "CronJob names are limited to 52 characters because Kubernetes appends 11 characters to name each Job",
  Job: "Job names are limited to 63 characters because the job-name label carries them",
  Service: "Service names must start with a letter: they become DNS names",
};

export function checkObjectName(obj: KObject): Issue[] {
  // The schema requires a name; a document that still lacks one has been reported there.
  const name = obj.metadata.name as string | undefined;
  if (typeof name !== "string") return [];
  const problems = nameProblems(obj, name);
  const hint = HINTS[obj.kind];
  const out = problemIssues(["metadata", "name"], name, problems, hint ? { hint } : {});
  // The namespace (written, or set by the loader) names a Namespace object: a DNS-1123 label.
  const ns = obj.metadata.namespace;
  if (ns !== undefined) out.push(...problemIssues(["metadata", "namespace"], ns, isDNS1123Label(ns)));
  return out;
}

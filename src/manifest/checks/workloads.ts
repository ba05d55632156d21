// Workload kinds: controller selectors, the restart policy each owner allows, rollout parameters,
// and the Job and CronJob specifics.

import { error, type FieldPath, type Issue } from "../issue.js";
import type { CronJob, DaemonSet, Deployment, Job, JobSpec, ReplicaSet, StatefulSet } from "../types.js";
import { checkMetadataMaps } from "./labels.js";
import { problemIssues } from "./report.js";
import { checkQuantity } from "./resources.js";
import { checkTimeZone, checkSchedule } from "./schedule.js";
import { checkControllerSelector } from "./selectors.js";
import { checkDaemonSetStrategy, checkDeploymentStrategy, checkStatefulSetStrategy } from "./strategies.js";
import { checkPodTemplate } from "./templates.js";
import { isDNS1123Subdomain } from "./validation.js";

const ALWAYS = ["Always"] as const;
const RUN_TO_COMPLETION = ["OnFailure", "Never"] as const;

export function checkDeployment(d: Deployment): Issue[] {
  return [
    ...checkControllerSelector("Deployment", d.spec.selector, d.spec.template.metadata.labels),
    ...checkPodTemplate(d.spec.template, ["spec", "template"], ALWAYS, "Deployment"),
    ...checkDeploymentStrategy(d),
  ];
}

export function checkReplicaSet(rs: ReplicaSet): Issue[] {
  return [
    ...checkControllerSelector("ReplicaSet", rs.spec.selector, rs.spec.template.metadata.labels),
    ...checkPodTemplate(rs.spec.template, ["spec", "template"], ALWAYS, "ReplicaSet"),
  ];
}

export function checkDaemonSet(ds: DaemonSet): Issue[] {
  return [
    ...checkControllerSelector("DaemonSet", ds.spec.selector, ds.spec.template.metadata.labels),
    ...checkPodTemplate(ds.spec.template, ["spec", "template"], ALWAYS, "DaemonSet"),
    ...checkDaemonSetStrategy(ds),
  ];
}

export function checkStatefulSet(sts: StatefulSet): Issue[] {
  const out: Issue[] = [];
  const claims = sts.spec.volumeClaimTemplates ?? [];
  claims.forEach((claim, i) => {
    const at = ["spec", "volumeClaimTemplates", i];
    out.push(
      ...problemIssues(
        [...at, "metadata", "name"],
        claim.metadata.name,
        isDNS1123Subdomain(claim.metadata.name),
      ),
    );
    out.push(...checkMetadataMaps(claim.metadata, [...at, "metadata"]));
    const requests = claim.spec.resources?.requests ?? {};
    if (requests.storage === undefined) {
      out.push(
        error(
          "E_QUANTITY",
          [...at, "spec", "resources", "requests"],
          "a volume claim template must request storage",
          {
            expected: "requests.storage, such as 1Gi",
            found: "no storage request",
          },
        ),
      );
    }
    for (const [name, value] of Object.entries(requests)) {
      out.push(...checkQuantity(value, [...at, "spec", "resources", "requests", name]).issues);
    }
  });
  out.push(
    ...checkControllerSelector("StatefulSet", sts.spec.selector, sts.spec.template.metadata.labels),
    ...checkPodTemplate(sts.spec.template, ["spec", "template"], ALWAYS, "StatefulSet", {
      claimNames: claims.map((c) => c.metadata.name),
    }),
    ...checkStatefulSetStrategy(sts),
  );
  return out;
}

function checkJobSpec(spec: JobSpec, path: FieldPath, owner: string): Issue[] {
  const out: Issue[] = [];
  if (spec.manualSelector === true) {
    out.push(
      ...checkControllerSelector("Job", spec.selector, spec.template.metadata.labels, [...path, "selector"]),
    );
  } else if (spec.selector !== undefined) {
    out.push(
      error(
        "E_SELECTOR",
        [...path, "selector"],
        "the Job controller generates the selector unless manualSelector is true",
        {
          expected: "no selector",
          found: "a selector",
          hint: "remove the selector, or set manualSelector: true and make it match the template's labels",
        },
      ),
    );
  }
  if (spec.completionMode === "Indexed" && spec.completions === undefined) {
    out.push(
      error("E_VALUE", [...path, "completions"], "when completion mode is Indexed, completions must be set", {
        expected: "a number of completions",
        found: "nothing",
      }),
    );
  }
  out.push(...checkPodTemplate(spec.template, [...path, "template"], RUN_TO_COMPLETION, owner));
  return out;
}

export function checkJob(job: Job): Issue[] {
  return checkJobSpec(job.spec, ["spec"], "Job");
}

export function checkCronJob(cj: CronJob): Issue[] {
  return [
    ...checkSchedule(cj.spec.schedule),
    ...checkTimeZone(cj.spec.timeZone),
    ...checkMetadataMaps(cj.spec.jobTemplate.metadata, ["spec", "jobTemplate", "metadata"]),
    ...checkJobSpec(cj.spec.jobTemplate.spec, ["spec", "jobTemplate", "spec"], "CronJob"),
  ];
}

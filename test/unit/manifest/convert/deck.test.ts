import { describe, expect, it } from "vitest";
import { convertLegacy, UNLIMITED } from "../../../../src/manifest/convert/index.js";
import type { CronJob, DaemonSet, StatefulSet } from "../../../../src/manifest/types.js";
import { DECK_DAEMON_SET, DECK_SCHEDULED_JOB, DECK_STATEFUL_SET } from "../fixtures/deck.js";
import { canonical, yamlDoc } from "../pipeline.js";

describe("convertLegacy: the deck's legacy manifests", () => {
  it("turns the batch/v2alpha1 ScheduledJob into a batch/v1 CronJob that keeps every Job", () => {
    const { object, issues } = convertLegacy(yamlDoc(DECK_SCHEDULED_JOB));
    expect(object.apiVersion).toBe("batch/v1");
    expect(object.kind).toBe("CronJob");
    expect(issues).toEqual([
      {
        severity: "warning",
        code: "W_DEPRECATED",
        path: ["apiVersion"],
        message:
          "batch/v2alpha1 ScheduledJob is deprecated (removed in Kubernetes 1.21); converted to batch/v1 CronJob",
        expected: "batch/v1",
        found: "batch/v2alpha1",
        hint: "change apiVersion to batch/v1 and kind to CronJob",
      },
    ]);
    const spec = (object as unknown as CronJob).spec;
    expect(spec.successfulJobsHistoryLimit).toBe(UNLIMITED);
    expect(spec.failedJobsHistoryLimit).toBe(UNLIMITED);
    expect(spec.schedule).toBe("*/1 * * * *");
  });

  it("loads the ScheduledJob through all stages with only the deprecation warning", () => {
    const { object, issues } = canonical(DECK_SCHEDULED_JOB);
    expect(issues.map((i) => i.code)).toEqual(["W_DEPRECATED"]);
    const cj = object as CronJob;
    expect(cj.spec.concurrencyPolicy).toBe("Allow");
    expect(cj.spec.successfulJobsHistoryLimit).toBe(UNLIMITED);
    expect(cj.spec.jobTemplate.spec.template.spec.restartPolicy).toBe("OnFailure");
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBe(6);
  });

  it("turns the extensions/v1beta1 DaemonSet into apps/v1 with the template selector and OnDelete", () => {
    const { object, issues } = convertLegacy(yamlDoc(DECK_DAEMON_SET));
    expect(object.apiVersion).toBe("apps/v1");
    expect(issues[0]?.message).toBe(
      "extensions/v1beta1 DaemonSet is deprecated (removed in Kubernetes 1.16); converted to apps/v1",
    );
    const ds = object as unknown as DaemonSet;
    expect(ds.spec.selector).toEqual({ matchLabels: { name: "kube2iam" } });
    // The object had labels of its own, so they stay.
    expect(ds.metadata.labels).toEqual({ app: "kube2iam" });
    expect(ds.spec.updateStrategy).toEqual({ type: "OnDelete" });
    const loaded = canonical(DECK_DAEMON_SET);
    expect(loaded.issues.map((i) => i.code)).toEqual(["W_DEPRECATED"]);
    expect((loaded.object as DaemonSet).spec.updateStrategy).toEqual({ type: "OnDelete" });
  });

  it("turns the apps/v1beta1 StatefulSet into apps/v1 with the template selector, labels and OnDelete", () => {
    const { object, issues } = convertLegacy(yamlDoc(DECK_STATEFUL_SET));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "W_DEPRECATED",
      path: ["apiVersion"],
      message: "apps/v1beta1 StatefulSet is deprecated (removed in Kubernetes 1.16); converted to apps/v1",
      hint: "change apiVersion to apps/v1",
    });
    const sts = object as unknown as StatefulSet;
    expect(sts.spec.selector).toEqual({ matchLabels: { app: "nginx" } });
    expect(sts.metadata.labels).toEqual({ app: "nginx" });
    expect(sts.spec.updateStrategy).toEqual({ type: "OnDelete" });
    const loaded = canonical(DECK_STATEFUL_SET);
    expect(loaded.issues.map((i) => i.code)).toEqual(["W_DEPRECATED"]);
    const spec = (loaded.object as StatefulSet).spec;
    expect(spec.updateStrategy).toEqual({ type: "OnDelete" });
    expect(spec.replicas).toBe(2);
    expect(spec.volumeClaimTemplates?.[0]?.spec.resources?.requests?.storage).toBe("1Gi");
  });
});

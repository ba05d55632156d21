import { describe, expect, it } from "vitest";
import type { Pod } from "../../../../src/manifest/types.js";
import { dbPod, NOW, T0, webPodA, webPodB, workerPod } from "../../../support/cli-cluster.js";
import { lines, table } from "./helpers.js";

describe("berth get pods", () => {
  it("prints NAME READY STATUS RESTARTS AGE", () => {
    expect(table("Pod", [dbPod, webPodA, webPodB])).toBe(
      lines(
        "NAME               READY   STATUS    RESTARTS     AGE",
        "db-0               0/1     Running   0            5m",
        "web-7d4b9c-abcde   1/1     Running   0            5m",
        "web-7d4b9c-fghij   1/1     Running   2 (3m ago)   5m",
      ),
    );
  });

  it("-o wide adds IP NODE NOMINATED NODE READINESS GATES; -A puts NAMESPACE first", () => {
    expect(table("Pod", [webPodA, workerPod], { wide: true, withNamespace: true })).toBe(
      lines(
        "NAMESPACE   NAME               READY   STATUS      RESTARTS   AGE   IP           NODE   NOMINATED NODE   READINESS GATES",
        "default     web-7d4b9c-abcde   1/1     Running     0          5m    10.244.1.5   n1     <none>           <none>",
        "team-a      worker-1           0/1     Completed   0          5m    10.244.1.9   n1     <none>           <none>",
      ),
    );
  });

  it("a pending pod without node or IP prints <none>; a crash-looping one its waiting reason", () => {
    const pending: Pod = {
      ...webPodA,
      metadata: {
        ...webPodA.metadata,
        name: "pending",
        creationTimestamp: new Date(NOW - 30_000).toISOString(),
      },
      spec: { containers: webPodA.spec.containers },
      status: {
        phase: "Pending",
        conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable" }],
      },
    };
    const crashing: Pod = {
      ...webPodB,
      metadata: { ...webPodB.metadata, name: "crashing" },
      status: {
        ...webPodB.status,
        phase: "Running",
        containerStatuses: [
          {
            name: "web",
            image: "berth.local/web:1",
            imageID: "",
            ready: false,
            restartCount: 5,
            state: { waiting: { reason: "CrashLoopBackOff" } },
            lastState: {
              terminated: { exitCode: 1, reason: "Error", finishedAt: new Date(T0 + 250_000).toISOString() },
            },
          },
        ],
      },
    };
    expect(table("Pod", [crashing, pending], { wide: true })).toBe(
      lines(
        "NAME       READY   STATUS             RESTARTS      AGE   IP           NODE     NOMINATED NODE   READINESS GATES",
        "crashing   0/1     CrashLoopBackOff   5 (50s ago)   5m    10.244.2.7   n2       <none>           <none>",
        "pending    0/1     Pending            0             30s   <none>       <none>   <none>           <none>",
      ),
    );
  });

  it("--no-headers, --show-labels and -L", () => {
    expect(
      table("Pod", [webPodA], {
        noHeaders: true,
        showLabels: true,
        labelColumns: ["app", "example.com/tier"],
      }),
    ).toBe(
      lines("web-7d4b9c-abcde   1/1   Running   0     5m    web         app=web,pod-template-hash=7d4b9c"),
    );
    expect(table("Pod", [webPodA], { labelColumns: ["app", "example.com/tier"] })).toBe(
      lines(
        "NAME               READY   STATUS    RESTARTS   AGE   APP   TIER",
        "web-7d4b9c-abcde   1/1     Running   0          5m    web   ",
      ),
    );
  });

  it("names carry the kind when kinds are mixed", () => {
    expect(table("Pod", [webPodA], { kindPrefix: "pod" })).toBe(
      lines(
        "NAME                   READY   STATUS    RESTARTS   AGE",
        "pod/web-7d4b9c-abcde   1/1     Running   0          5m",
      ),
    );
  });

  it("an age without a creation time is <unknown>", () => {
    const { creationTimestamp: _, ...metadata } = webPodA.metadata;
    expect(table("Pod", [{ ...webPodA, metadata }])).toContain("<unknown>");
  });
});

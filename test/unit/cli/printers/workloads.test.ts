import { describe, expect, it } from "vitest";
import type { Deployment } from "../../../../src/manifest/types.js";
import { daemonSet, deployment, replicaSet, statefulSet } from "../../../support/cli-cluster.js";
import { lines, table } from "./helpers.js";

describe("berth get deployments|replicasets|daemonsets|statefulsets", () => {
  it("deployments: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR", () => {
    expect(table("Deployment", [deployment])).toBe(
      lines("NAME   READY   UP-TO-DATE   AVAILABLE   AGE", "web    2/2     2            2           5m"),
    );
    expect(table("Deployment", [deployment], { wide: true })).toBe(
      lines(
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES              SELECTOR",
        "web    2/2     2            2           5m    web          berth.local/web:1   app=web",
      ),
    );
  });

  it("a deployment without status yet counts 0 of its replicas", () => {
    const fresh: Deployment = { ...deployment, spec: { ...deployment.spec, replicas: 3 } };
    delete fresh.status;
    expect(table("Deployment", [fresh], { noHeaders: true })).toBe(lines("web   0/3   0     0     5m"));
  });

  it("replicasets: NAME DESIRED CURRENT READY AGE", () => {
    expect(table("ReplicaSet", [replicaSet], { wide: true })).toBe(
      lines(
        "NAME         DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES              SELECTOR",
        "web-7d4b9c   2         2         2       5m    web          berth.local/web:1   app=web,pod-template-hash=7d4b9c",
      ),
    );
  });

  it("daemonsets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE", () => {
    expect(table("DaemonSet", [daemonSet])).toBe(
      lines(
        "NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE",
        "agent   2         2         2       2            2           kubernetes.io/os=linux   5m",
      ),
    );
    const anywhere = {
      ...daemonSet,
      spec: { ...daemonSet.spec, template: { ...daemonSet.spec.template, spec: { containers: [] } } },
    };
    expect(table("DaemonSet", [anywhere], { noHeaders: true })).toBe(
      lines("agent   2     2     2     2     2     <none>   5m"),
    );
  });

  it("statefulsets: NAME READY AGE, wide CONTAINERS IMAGES", () => {
    expect(table("StatefulSet", [statefulSet], { wide: true })).toBe(
      lines(
        "NAME   READY   AGE   CONTAINERS   IMAGES",
        "db     0/1     5m    db           berth.local/busybox:1",
      ),
    );
  });
});

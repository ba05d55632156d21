import { describe, expect, it } from "vitest";
import { parseResourceArgs } from "../../../../src/cli/view/args.js";
import {
  qualifiedName,
  resolveResourceType,
  RESOURCE_TYPES,
} from "../../../../src/cli/view/resource-types.js";

const kinds = (args: string[]) => parseResourceArgs(args, "get").requests.map((r) => [r.type.kind, r.names]);

describe("resource type names", () => {
  it.each([
    ["po", "Pod"],
    ["pods", "Pod"],
    ["Pod", "Pod"],
    ["deploy", "Deployment"],
    ["deployments.apps", "Deployment"],
    ["deploy.apps", "Deployment"],
    ["rs", "ReplicaSet"],
    ["ds", "DaemonSet"],
    ["sts", "StatefulSet"],
    ["job", "Job"],
    ["jobs.batch", "Job"],
    ["cj", "CronJob"],
    ["cronjobs", "CronJob"],
    ["svc", "Service"],
    ["services", "Service"],
    ["ep", "Endpoints"],
    ["endpoints", "Endpoints"],
    ["ing", "Ingress"],
    ["ingress", "Ingress"],
    ["ingresses", "Ingress"],
    ["ingresses.networking.k8s.io", "Ingress"],
    ["cm", "ConfigMap"],
    ["configmaps", "ConfigMap"],
    ["secret", "Secret"],
    ["secrets", "Secret"],
    ["ns", "Namespace"],
    ["namespaces", "Namespace"],
    ["no", "Node"],
    ["nodes", "Node"],
    ["ev", "Event"],
    ["events", "Event"],
  ])("%s is %s", (name, kind) => {
    expect(resolveResourceType(name)?.kind).toBe(kind);
  });

  it("does not accept a group on a core type or an unknown name", () => {
    expect(resolveResourceType("pods.apps")).toBeUndefined();
    expect(resolveResourceType("widgets")).toBeUndefined();
  });

  it("qualified names for -o name", () => {
    expect(RESOURCE_TYPES.map(qualifiedName)).toEqual([
      "configmap",
      "endpoints",
      "event",
      "namespace",
      "node",
      "pod",
      "secret",
      "service",
      "daemonset.apps",
      "deployment.apps",
      "replicaset.apps",
      "statefulset.apps",
      "cronjob.batch",
      "job.batch",
      "ingress.networking.k8s.io",
    ]);
  });
});

describe("parseResourceArgs", () => {
  it("TYPE [NAME...]", () => {
    expect(kinds(["pods"])).toEqual([["Pod", []]]);
    expect(kinds(["po", "a", "b"])).toEqual([["Pod", ["a", "b"]]]);
    expect(parseResourceArgs(["po"], "get").mixedKinds).toBe(false);
  });

  it("TYPE,TYPE and all (kubectl's order, duplicates once)", () => {
    expect(kinds(["po,svc,pods"])).toEqual([
      ["Pod", []],
      ["Service", []],
    ]);
    expect(parseResourceArgs(["po,svc"], "get").mixedKinds).toBe(true);
    expect(kinds(["all"]).map(([k]) => k)).toEqual([
      "Pod",
      "Service",
      "DaemonSet",
      "Deployment",
      "ReplicaSet",
      "StatefulSet",
      "Job",
      "CronJob",
    ]);
    expect(parseResourceArgs(["all"], "get").mixedKinds).toBe(true);
  });

  it("TYPE/NAME, grouped by type", () => {
    expect(kinds(["pod/a", "svc/web", "po/b"])).toEqual([
      ["Pod", ["a", "b"]],
      ["Service", ["web"]],
    ]);
    expect(parseResourceArgs(["pod/a"], "get").mixedKinds).toBe(false);
  });

  it("usage errors in kubectl's words", () => {
    expect(() => parseResourceArgs([], "get")).toThrow(/You must specify the type of resource to get/);
    expect(() => parseResourceArgs(["podz"], "describe")).toThrow(
      `the server doesn't have a resource type "podz" (did you mean "pods"?)`,
    );
    expect(() => parseResourceArgs(["pods", "pod/a"], "get")).toThrow(/no need to specify a resource type/);
    expect(() => parseResourceArgs([","], "get")).toThrow(/no resource type/);
  });
});

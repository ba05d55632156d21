import { describe, expect, it } from "vitest";
import {
  MAX_REVISION_HISTORY_CHARS,
  maxRevision,
  revisionOf,
  setNewReplicaSetAnnotations,
} from "../../../../src/controllers/deployment/annotations.js";
import type { ReplicaSet } from "../../../../src/manifest/types.js";
import { deployment } from "../../../support/controller-cluster.js";

function rs(annotations: Record<string, string>): ReplicaSet {
  const d = deployment("web");
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "web-x", namespace: "default", annotations },
    spec: { replicas: 1, selector: d.spec.selector, template: d.spec.template },
  };
}

describe("revision annotations", () => {
  it("reads revisions: unset is 0, garbage is skipped", () => {
    expect(revisionOf(rs({}))).toBe(0);
    expect(revisionOf(rs({ "deployment.kubernetes.io/revision": "x" }))).toBeUndefined();
    expect(
      maxRevision([
        rs({ "deployment.kubernetes.io/revision": "3" }),
        rs({ "deployment.kubernetes.io/revision": "x" }),
      ]),
    ).toBe(3);
  });

  it("a new ReplicaSet gets the revision, the replica annotations and the Deployment's annotations", () => {
    const d = deployment("web", {
      replicas: 10,
      annotations: {
        "kubernetes.io/change-cause": "bump",
        "kubectl.kubernetes.io/last-applied-configuration": "{}",
        "deployment.kubernetes.io/revision": "9",
        "berth.io/app": "shop",
      },
    });
    const r = rs({});
    expect(setNewReplicaSetAnnotations(d, r, 4, false)).toBe(true);
    expect(r.metadata.annotations).toEqual({
      "kubernetes.io/change-cause": "bump",
      "deployment.kubernetes.io/revision": "4",
      "deployment.kubernetes.io/desired-replicas": "10",
      "deployment.kubernetes.io/max-replicas": "13",
    });
    expect(setNewReplicaSetAnnotations(d, r, 4, true)).toBe(false);
  });

  it("never lowers a revision; raising one records the old one in revision-history", () => {
    const d = deployment("web");
    const r = rs({
      "deployment.kubernetes.io/revision": "5",
      "deployment.kubernetes.io/revision-history": "1,3",
    });
    expect(setNewReplicaSetAnnotations(d, r, 4, true)).toBe(false);
    expect(setNewReplicaSetAnnotations(d, r, 8, true)).toBe(true);
    expect(r.metadata.annotations).toMatchObject({
      "deployment.kubernetes.io/revision": "8",
      "deployment.kubernetes.io/revision-history": "1,3,5",
    });
  });

  it("keeps revision-history under 2000 characters by dropping the oldest entries", () => {
    const long = Array.from({ length: 400 }, (_, i) => String(1000 + i)).join(","); // 1999 chars
    expect(long.length).toBe(MAX_REVISION_HISTORY_CHARS - 1);
    const r = rs({
      "deployment.kubernetes.io/revision": "1400",
      "deployment.kubernetes.io/revision-history": long,
    });
    setNewReplicaSetAnnotations(deployment("web"), r, 1401, true);
    const history = r.metadata.annotations?.["deployment.kubernetes.io/revision-history"] ?? "";
    expect(history.length).toBeLessThanOrEqual(MAX_REVISION_HISTORY_CHARS);
    expect(history.startsWith("1001,")).toBe(true);
    expect(history.endsWith(",1399,1400")).toBe(true);
  });
});

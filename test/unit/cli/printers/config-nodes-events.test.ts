import { describe, expect, it } from "vitest";
import { nodeRoles, nodeStatus } from "../../../../src/cli/printers/nodes.js";
import type { ConfigMap, Secret } from "../../../../src/manifest/types.js";
import { eventObject, nodeObject } from "../../../../src/cli/view/shapes.js";
import {
  configMap,
  dbPod,
  events,
  n2,
  nodes,
  secret,
  teamNamespace,
  webPodA,
  webPodB,
  workerPod,
} from "../../../support/cli-cluster.js";
import { lines, table } from "./helpers.js";

describe("berth get configmaps|secrets|namespaces", () => {
  it("configmaps count data and binaryData keys", () => {
    const bin: ConfigMap = {
      ...configMap,
      metadata: { ...configMap.metadata, name: "bin" },
      binaryData: { logo: "AAEC" },
    };
    expect(table("ConfigMap", [bin, configMap])).toBe(
      lines("NAME         DATA   AGE", "bin          3      5m", "web-config   2      5m"),
    );
  });

  it("secrets print TYPE and the number of keys, never values", () => {
    const tls: Secret = {
      ...secret,
      metadata: { ...secret.metadata, name: "tls" },
      type: "kubernetes.io/tls",
      data: { "tls.crt": "hmac-sha256:" + "a".repeat(64), "tls.key": "hmac-sha256:" + "b".repeat(64) },
    };
    const out = table("Secret", [tls, secret]);
    expect(out).toBe(
      lines(
        "NAME         TYPE                DATA   AGE",
        "tls          kubernetes.io/tls   2      5m",
        "web-secret   Opaque              1      5m",
      ),
    );
    expect(out).not.toContain("hmac");
  });

  it("namespaces print STATUS", () => {
    expect(table("Namespace", [teamNamespace])).toBe(lines("NAME     STATUS   AGE", "team-a   Active   65m"));
  });
});

describe("berth get nodes", () => {
  const pods = [webPodA, webPodB, dbPod, workerPod];

  it("prints kubectl's NAME STATUS ROLES, then requested/allocatable, pods and the engine version", () => {
    expect(table("Node", nodes.map(nodeObject), {}, pods)).toBe(
      lines(
        "NAME   STATUS   ROLES           CPU(REQ/CAP)   MEMORY(REQ/CAP)    PODS    VERSION",
        "n1     Ready    control-plane   100m/2 (5%)    64Mi/3920Mi (1%)   1/110   docker://27.5.1",
        "n2     Ready    <none>          100m/2 (5%)    64Mi/3920Mi (1%)   2/110   docker://27.5.1",
      ),
    );
  });

  it("-o wide adds OS-IMAGE KERNEL-VERSION ARCH TAINTS LAST HEARTBEAT", () => {
    expect(table("Node", [nodeObject(n2)], { wide: true }, pods)).toBe(
      lines(
        "NAME   STATUS   ROLES    CPU(REQ/CAP)   MEMORY(REQ/CAP)    PODS    VERSION           OS-IMAGE                         KERNEL-VERSION   ARCH    TAINTS                    LAST HEARTBEAT",
        "n2     Ready    <none>   100m/2 (5%)    64Mi/3920Mi (1%)   2/110   docker://27.5.1   Debian GNU/Linux 12 (bookworm)   6.1.0-28-amd64   amd64   dedicated=db:NoSchedule   10s",
      ),
    );
  });

  it("a node that lost its engine, cordoned, without reported info", () => {
    const lost = nodeObject({
      name: "n3",
      labels: { "kubernetes.io/role": "edge", "node-role.kubernetes.io/worker": "" },
      unschedulable: true,
      conditions: [{ type: "Ready", status: "Unknown", reason: "EngineUnreachable" }],
      capacity: {},
      allocatable: {},
      lastHeartbeatTime: "2026-11-26T09:00:00Z",
    });
    expect(nodeStatus(lost)).toBe("NotReady,SchedulingDisabled");
    expect(nodeRoles(lost)).toBe("edge,worker");
    expect(table("Node", [lost], { noHeaders: true })).toBe(
      lines("n3    NotReady,SchedulingDisabled   edge,worker   0/<unknown>   0/<unknown>   0     <unknown>"),
    );
    expect(nodeStatus({ ...lost, status: { ...lost.status, conditions: [] }, spec: {} })).toBe("Unknown");
  });
});

describe("berth get events", () => {
  it("prints LAST SEEN TYPE REASON OBJECT MESSAGE", () => {
    expect(table("Event", events.map(eventObject))).toBe(
      lines(
        "LAST SEEN   TYPE      REASON              OBJECT                 MESSAGE",
        "5m          Normal    ScalingReplicaSet   deployment/web         Scaled up replica set web-7d4b9c to 2",
        "4m59s       Normal    Scheduled           pod/web-7d4b9c-fghij   Successfully assigned default/web-7d4b9c-fghij to n2",
        "2m55s       Warning   BackOff             pod/web-7d4b9c-fghij   Back-off restarting failed container web in pod web-7d4b9c-fghij_default(uid-pod-fghij)",
        "2m50s       Normal    Started             pod/web-7d4b9c-fghij   Started container web",
      ),
    );
  });

  it("-o wide adds SUBOBJECT SOURCE before MESSAGE and FIRST SEEN COUNT NAME after it", () => {
    const [, , backOff] = events.map(eventObject);
    expect(table("Event", backOff ? [backOff] : [], { wide: true })).toBe(
      lines(
        "LAST SEEN   TYPE      REASON    OBJECT                 SUBOBJECT   SOURCE        MESSAGE                                                                                   FIRST SEEN   COUNT   NAME",
        "2m55s       Warning   BackOff   pod/web-7d4b9c-fghij               kubelet, n2   Back-off restarting failed container web in pod web-7d4b9c-fghij_default(uid-pod-fghij)   3m50s        3       web-7d4b9c-fghij.663c009f53f524fe",
      ),
    );
  });
});

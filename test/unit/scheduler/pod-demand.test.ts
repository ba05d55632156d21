import { describe, expect, it } from "vitest";
import type { PodSpec } from "../../../src/manifest/types.js";
import {
  boundPodOf,
  DEFAULT_MEMORY_REQUEST,
  DEFAULT_MILLI_CPU_REQUEST,
  effectiveRequests,
  hostPortsOf,
  podDemand,
} from "../../../src/scheduler/pod-demand.js";
import { isBerthError } from "../../../src/util/errors.js";
import { container, Mi, pod } from "./fixtures.js";

describe("effectiveRequests", () => {
  const cases: { name: string; spec: PodSpec; cpu: number; mem: number; nzCpu: number; nzMem: number }[] = [
    {
      name: "sums app containers",
      spec: {
        containers: [
          container({ cpu: "250m", memory: "64Mi" }),
          container({ cpu: "0.5", memory: "1Mi" }, "b"),
        ],
      },
      cpu: 750,
      mem: 65 * Mi,
      nzCpu: 750,
      nzMem: 65 * Mi,
    },
    {
      name: "an init container larger than the sum wins, per resource",
      spec: {
        containers: [
          container({ cpu: "100m", memory: "64Mi" }),
          container({ cpu: "100m", memory: "64Mi" }, "b"),
        ],
        initContainers: [
          container({ cpu: "1", memory: "32Mi" }, "init1"),
          container({ cpu: "50m" }, "init2"),
        ],
      },
      cpu: 1000,
      mem: 128 * Mi,
      nzCpu: 1000,
      // init2 requests no memory: for scoring it counts as 200Mi, more than the 128Mi sum.
      nzMem: DEFAULT_MEMORY_REQUEST,
    },
    {
      name: "containers without requests count as 0, or 100m/200Mi for scoring",
      spec: { containers: [container(), container({ cpu: "300m" }, "b")] },
      cpu: 300,
      mem: 0,
      nzCpu: DEFAULT_MILLI_CPU_REQUEST + 300,
      nzMem: 2 * DEFAULT_MEMORY_REQUEST,
    },
    {
      name: "an explicit zero request stays zero for scoring",
      spec: { containers: [container({ cpu: "0", memory: "0" })] },
      cpu: 0,
      mem: 0,
      nzCpu: 0,
      nzMem: 0,
    },
  ];
  it.each(cases)("$name", ({ spec, cpu, mem, nzCpu, nzMem }) => {
    const r = effectiveRequests(spec);
    expect(r.actual).toEqual({ cpuMillis: cpu, memoryBytes: mem });
    expect(r.nonZero).toEqual({ cpuMillis: nzCpu, memoryBytes: nzMem });
  });

  it("rejects a malformed quantity with E_QUANTITY and the field", () => {
    const bad = pod("bad", { containers: [container({ cpu: "lots" })] });
    try {
      podDemand(bad);
      expect.unreachable();
    } catch (e) {
      expect(isBerthError(e, "E_QUANTITY")).toBe(true);
      expect((e as Error).message).toContain("default/bad: spec.containers[0].resources.requests.cpu");
    }
  });
});

describe("hostPortsOf", () => {
  it("keeps ports with hostPort > 0 and fills protocol TCP and hostIP 0.0.0.0", () => {
    const spec: PodSpec = {
      containers: [
        {
          ...container(),
          ports: [
            { containerPort: 80, hostPort: 8080 },
            { containerPort: 53, hostPort: 53, protocol: "UDP", hostIP: "10.0.0.1" },
            { containerPort: 9090 },
            { containerPort: 9091, hostPort: 0 },
          ],
        },
      ],
    };
    expect(hostPortsOf(spec)).toEqual([
      { protocol: "TCP", hostIP: "0.0.0.0", port: 8080 },
      { protocol: "UDP", hostIP: "10.0.0.1", port: 53 },
    ]);
  });
});

describe("podDemand", () => {
  it("takes the controller owner, keeps only PreferNoSchedule-capable tolerations for scoring", () => {
    const p = pod(
      "p",
      {
        tolerations: [
          { key: "a", operator: "Exists", effect: "NoSchedule" },
          { key: "b", operator: "Exists" },
          { key: "c", operator: "Exists", effect: "PreferNoSchedule" },
        ],
        nodeName: "n1",
      },
      { owner: "rs-1" },
    );
    p.metadata.ownerReferences?.unshift({
      apiVersion: "v1",
      kind: "Service",
      name: "x",
      uid: "not-controller",
    });
    const d = podDemand(p);
    expect(d.ownerUid).toBe("rs-1");
    expect(d.nodeName).toBe("n1");
    expect(d.preferNoScheduleTolerations.map((t) => t.key)).toEqual(["b", "c"]);
    expect(d.key).toBe("default/p");
  });

  it("falls back to the first owner when none is the controller", () => {
    const p = pod("p");
    p.metadata.ownerReferences = [{ apiVersion: "batch/v1", kind: "Job", name: "j", uid: "job-1" }];
    expect(podDemand(p).ownerUid).toBe("job-1");
    expect(boundPodOf(p).ownerUid).toBe("job-1");
  });

  it("drops zero-weight preferred terms", () => {
    const term = { matchExpressions: [{ key: "a", operator: "Exists" as const }] };
    const p = pod("p", {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 0, preference: term },
            { weight: 5, preference: term },
          ],
        },
      },
    });
    expect(podDemand(p).preferredTerms.map((t) => t.weight)).toEqual([5]);
  });
});

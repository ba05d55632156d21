import { describe, expect, it } from "vitest";
import {
  dueProbes,
  markProbeStarted,
  probeEvent,
  probeView,
  recordProbeResult,
  syncProbeStates,
} from "../../../../src/runtime/probes/tracker.js";
import type { ProbeKind, ProbeStates } from "../../../../src/runtime/probes/types.js";
import type { ObservedContainer } from "../../../../src/runtime/lifecycle/types.js";
import type { Container, Pod, Probe } from "../../../../src/manifest/types.js";
import { FakeClock } from "../../../../src/util/clock.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");

function probe(extra: Partial<Probe> = {}): Probe {
  return { httpGet: { path: "/healthz", port: 80 }, ...extra };
}

function podWith(c: Partial<Container>): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web", namespace: "default", uid: "u" },
    spec: { containers: [{ name: "web", image: "berth.local/web:1", ...c }] },
  };
}

function instance(id = "c1", startedMs = T0): ObservedContainer {
  return {
    id,
    name: "web",
    role: "app",
    attempt: 0,
    specHash: "h",
    state: "running",
    oomKilled: false,
    startedAt: new Date(startedMs).toISOString(),
    image: "berth.local/web:1",
    imageId: "docker://sha256:1",
  };
}

/** A tracker driven like the agent drives it: run what is due, report, repeat. */
class Driver {
  readonly clock = new FakeClock(T0);
  probes: Record<string, ProbeStates> = {};
  readonly ran: { kind: ProbeKind; atMs: number }[] = [];
  constructor(
    readonly pod: Pod,
    public current: ObservedContainer = instance(),
  ) {
    this.sync();
  }
  private newest() {
    return new Map([["web", this.current]]);
  }
  sync(): void {
    this.probes = syncProbeStates(this.pod, this.newest(), this.probes, this.clock.now());
  }
  due(opts = { deleting: false, terminal: false }) {
    return dueProbes(this.pod, this.newest(), this.probes, this.clock.now(), opts);
  }
  /** Runs every due probe with `answer`, returns the kinds run. */
  tick(answer: (kind: ProbeKind) => "success" | "failure" | "error"): ProbeKind[] {
    const kinds: ProbeKind[] = [];
    for (const d of this.due().due) {
      const now = this.clock.now();
      this.probes = markProbeStarted(this.probes, d, now);
      this.probes = recordProbeResult(this.probes, this.pod, {
        containerName: d.containerName,
        containerId: d.containerId,
        kind: d.kind,
        outcome: { result: answer(d.kind), output: "boom" },
        startedMs: now,
      });
      kinds.push(d.kind);
      this.ran.push({ kind: d.kind, atMs: now - T0 });
    }
    return kinds;
  }
  view() {
    const [spec] = this.pod.spec.containers;
    if (!spec) throw new Error("pod has no container");
    return probeView(spec, this.current, this.probes.web, this.clock.now());
  }
  /** Advances second by second for `seconds`, running due probes. */
  run(seconds: number, answer: (kind: ProbeKind) => "success" | "failure" | "error"): void {
    for (let i = 0; i < seconds; i++) {
      this.tick(answer);
      this.clock.advance(1000);
    }
  }
}

describe("probe timing", () => {
  it("probes first after initialDelaySeconds, then every periodSeconds", () => {
    const d = new Driver(podWith({ livenessProbe: probe({ initialDelaySeconds: 5, periodSeconds: 3 }) }));
    expect(d.due().nextDueMs).toBe(T0 + 5000);
    d.run(15, () => "success");
    expect(d.ran.map((r) => r.atMs)).toEqual([5000, 8000, 11000, 14000]);
  });

  it("defaults to probing at once and every 10 s", () => {
    const d = new Driver(podWith({ readinessProbe: probe() }));
    d.run(25, () => "success");
    expect(d.ran.map((r) => r.atMs)).toEqual([0, 10_000, 20_000]);
  });

  it("does not hand out a probe again while one is in flight, unless it was lost", () => {
    const d = new Driver(podWith({ livenessProbe: probe({ periodSeconds: 1, timeoutSeconds: 2 }) }));
    const [first] = d.due().due;
    expect(first).toBeDefined();
    if (!first) return;
    d.probes = markProbeStarted(d.probes, first, d.clock.now());
    d.clock.advance(3000);
    expect(d.due().due).toEqual([]);
    d.clock.advance(4000); // timeout 2 s + 5 s grace
    expect(d.due().due).toHaveLength(1);
  });

  it("throws away errors: they count neither way", () => {
    const d = new Driver(podWith({ livenessProbe: probe({ periodSeconds: 1, failureThreshold: 2 }) }));
    d.run(1, () => "failure");
    d.run(5, () => "error");
    d.run(1, () => "failure");
    expect(d.view().livenessFailed).toBe(true);
  });
});

describe("liveness", () => {
  it("fails after failureThreshold consecutive failures, then stops probing", () => {
    const d = new Driver(podWith({ livenessProbe: probe({ periodSeconds: 1, failureThreshold: 3 }) }));
    d.run(2, () => "failure");
    expect(d.view().livenessFailed).toBe(false);
    d.run(1, () => "failure");
    expect(d.view().livenessFailed).toBe(true);
    d.run(5, () => "failure");
    expect(d.ran).toHaveLength(3);
  });

  it("a success in between resets the count", () => {
    const d = new Driver(podWith({ livenessProbe: probe({ periodSeconds: 1, failureThreshold: 3 }) }));
    const answers = ["failure", "failure", "success", "failure", "failure"] as const;
    let i = 0;
    d.run(5, () => answers[i++] ?? "success");
    expect(d.view().livenessFailed).toBe(false);
  });

  it("starts afresh for a new container instance", () => {
    const d = new Driver(podWith({ livenessProbe: probe({ periodSeconds: 1, failureThreshold: 1 }) }));
    d.run(1, () => "failure");
    expect(d.view().livenessFailed).toBe(true);
    d.current = instance("c2", d.clock.now());
    d.sync();
    expect(d.view().livenessFailed).toBe(false);
    expect(d.due().due).toHaveLength(1);
  });

  it("ignores a report about an older instance", () => {
    const d = new Driver(podWith({ livenessProbe: probe({ failureThreshold: 1 }) }));
    d.probes = recordProbeResult(d.probes, d.pod, {
      containerName: "web",
      containerId: "old",
      kind: "liveness",
      outcome: { result: "failure", output: "" },
      startedMs: T0,
    });
    expect(d.view().livenessFailed).toBe(false);
  });

  it("stops while the pod is being deleted; readiness goes on", () => {
    const d = new Driver(podWith({ livenessProbe: probe(), readinessProbe: probe() }));
    expect(d.due({ deleting: true, terminal: false }).due.map((p) => p.kind)).toEqual(["readiness"]);
    expect(d.due({ deleting: false, terminal: true }).due).toEqual([]);
  });
});

describe("readiness", () => {
  it("is not ready until the first success, and honours successThreshold", () => {
    const d = new Driver(podWith({ readinessProbe: probe({ periodSeconds: 1, successThreshold: 2 }) }));
    expect(d.view()).toMatchObject({ started: true, ready: false });
    d.run(1, () => "success");
    expect(d.view().ready).toBe(false);
    d.run(1, () => "success");
    expect(d.view().ready).toBe(true);
    d.run(2, () => "failure");
    expect(d.view().ready).toBe(true);
    d.run(1, () => "failure");
    expect(d.view().ready).toBe(false);
    d.run(3, () => "failure"); // readiness keeps probing after failing
    expect(d.ran).toHaveLength(8);
  });

  it("without a readiness probe a running container is ready", () => {
    const d = new Driver(podWith({}));
    expect(d.view()).toMatchObject({ started: true, ready: true, livenessFailed: false });
  });

  it("a container that is not running is neither started nor ready", () => {
    const d = new Driver(podWith({}), { ...instance(), state: "exited", exitCode: 0 });
    expect(d.view()).toMatchObject({ started: false, ready: false });
  });
});

describe("startup", () => {
  const pod = podWith({
    startupProbe: probe({ periodSeconds: 2, failureThreshold: 3 }),
    livenessProbe: probe({ periodSeconds: 5 }),
    readinessProbe: probe({ periodSeconds: 5, initialDelaySeconds: 1 }),
  });

  it("gates liveness and readiness until it succeeds", () => {
    const d = new Driver(pod);
    expect(d.view()).toMatchObject({ started: false, ready: false });
    d.run(4, (kind) => (kind === "startup" ? "failure" : "success"));
    expect(d.ran.map((r) => r.kind)).toEqual(["startup", "startup"]);
    d.run(1, () => "success");
    expect(d.view()).toMatchObject({ started: true, ready: false });
    // Started at 4 s: liveness and readiness (delay 1 s, already past) are due at once.
    expect(d.tick(() => "success")).toEqual(["liveness", "readiness"]);
    expect(d.view().ready).toBe(true);
    d.run(30, () => "success");
    expect(d.ran.filter((r) => r.kind === "startup")).toHaveLength(3);
  });

  it("fails after failureThreshold failures", () => {
    const d = new Driver(pod);
    d.run(6, () => "failure");
    expect(d.view()).toMatchObject({ started: false, startupFailed: true, livenessFailed: false });
    d.run(10, () => "failure");
    expect(d.ran).toHaveLength(3);
  });
});

describe("probeEvent", () => {
  it("words Unhealthy events as the kubelet does", () => {
    expect(
      probeEvent("liveness", { result: "failure", output: "HTTP probe failed with statuscode: 500" }),
    ).toEqual({
      type: "Warning",
      reason: "Unhealthy",
      message: "Liveness probe failed: HTTP probe failed with statuscode: 500",
    });
    expect(probeEvent("readiness", { result: "error", output: "port http not found" })?.message).toBe(
      "Readiness probe errored: port http not found",
    );
    expect(probeEvent("startup", { result: "success", output: "" })).toBeUndefined();
  });
});

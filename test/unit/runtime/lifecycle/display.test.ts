import { describe, expect, it } from "vitest";
import type { ContainerState, ContainerStatus, Pod, PodStatus } from "../../../../src/manifest/types.js";
import {
  ageColumn,
  podDisplayStatus,
  podReadyColumn,
  podRestartsColumn,
} from "../../../../src/runtime/lifecycle/display.js";
import { container, makePod } from "./harness.js";

const NOW = Date.parse("2026-01-01T01:00:00Z");

function cs(name: string, state: ContainerState, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, image: "i", imageID: "", ready: false, restartCount: 0, state, lastState: {}, ...extra };
}

const running: ContainerState = { running: { startedAt: "2026-01-01T00:00:00Z" } };
const waiting = (reason: string): ContainerState => ({ waiting: { reason } });
const terminated = (exitCode: number, reason = "", signal?: number): ContainerState => ({
  terminated: { exitCode, reason, ...(signal !== undefined ? { signal } : {}) },
});

function pod(status: PodStatus, opts: { inits?: number; apps?: number; deleting?: boolean } = {}): Pod {
  const p = makePod({
    initContainers: Array.from({ length: opts.inits ?? 0 }, (_, i) => container(`init${i}`)),
    containers: Array.from({ length: opts.apps ?? 1 }, (_, i) => container(`app${i}`)),
  });
  if (opts.deleting) p.metadata.deletionTimestamp = "2026-01-01T00:59:00Z";
  return { ...p, status };
}

const readyTrue = [{ type: "Ready", status: "True" as const }];
const initializedTrue = [{ type: "Initialized", status: "True" as const }];

describe("kubectl STATUS column", () => {
  const rows: [string, Pod, string][] = [
    ["phase when nothing else applies", pod({ phase: "Pending" }), "Pending"],
    [
      "ContainerCreating",
      pod({ phase: "Pending", containerStatuses: [cs("app0", waiting("ContainerCreating"))] }),
      "ContainerCreating",
    ],
    [
      "Running",
      pod({ phase: "Running", containerStatuses: [cs("app0", running, { ready: true })] }),
      "Running",
    ],
    [
      "CrashLoopBackOff",
      pod({ phase: "Running", containerStatuses: [cs("app0", waiting("CrashLoopBackOff"))] }),
      "CrashLoopBackOff",
    ],
    [
      "ErrImagePull",
      pod({ phase: "Pending", containerStatuses: [cs("app0", waiting("ErrImagePull"))] }),
      "ErrImagePull",
    ],
    [
      "ImagePullBackOff",
      pod({ phase: "Pending", containerStatuses: [cs("app0", waiting("ImagePullBackOff"))] }),
      "ImagePullBackOff",
    ],
    [
      "Completed",
      pod({ phase: "Succeeded", containerStatuses: [cs("app0", terminated(0, "Completed"))] }),
      "Completed",
    ],
    ["Error", pod({ phase: "Failed", containerStatuses: [cs("app0", terminated(1, "Error"))] }), "Error"],
    [
      "OOMKilled",
      pod({ phase: "Failed", containerStatuses: [cs("app0", terminated(137, "OOMKilled"))] }),
      "OOMKilled",
    ],
    [
      "ExitCode without a reason",
      pod({ phase: "Failed", containerStatuses: [cs("app0", terminated(3))] }),
      "ExitCode:3",
    ],
    [
      "Signal without a reason",
      pod({ phase: "Failed", containerStatuses: [cs("app0", terminated(137, "", 9))] }),
      "Signal:9",
    ],
    ["pod reason wins over phase", pod({ phase: "Failed", reason: "DeadlineExceeded" }), "DeadlineExceeded"],
    [
      "Init:0/2 while the first init runs",
      pod(
        {
          phase: "Pending",
          initContainerStatuses: [cs("init0", running), cs("init1", waiting("PodInitializing"))],
        },
        { inits: 2 },
      ),
      "Init:0/2",
    ],
    [
      "Init:1/2 after the first succeeded",
      pod(
        {
          phase: "Pending",
          initContainerStatuses: [cs("init0", terminated(0, "Completed")), cs("init1", running)],
        },
        { inits: 2 },
      ),
      "Init:1/2",
    ],
    [
      "Init:CrashLoopBackOff",
      pod(
        { phase: "Pending", initContainerStatuses: [cs("init0", waiting("CrashLoopBackOff"))] },
        { inits: 1 },
      ),
      "Init:CrashLoopBackOff",
    ],
    [
      "Init:Error",
      pod({ phase: "Failed", initContainerStatuses: [cs("init0", terminated(1, "Error"))] }, { inits: 1 }),
      "Init:Error",
    ],
    [
      "Init:ExitCode:2 without a reason",
      pod({ phase: "Failed", initContainerStatuses: [cs("init0", terminated(2))] }, { inits: 1 }),
      "Init:ExitCode:2",
    ],
    [
      "PodInitializing once init is done",
      pod(
        {
          phase: "Pending",
          initContainerStatuses: [cs("init0", terminated(0, "Completed"))],
          containerStatuses: [cs("app0", waiting("PodInitializing"))],
        },
        { inits: 1 },
      ),
      "PodInitializing",
    ],
    [
      "Terminating while deleted and not finished",
      pod(
        { phase: "Running", containerStatuses: [cs("app0", running, { ready: true })] },
        { deleting: true },
      ),
      "Terminating",
    ],
    [
      "a finished pod being deleted is not Terminating",
      pod(
        { phase: "Succeeded", containerStatuses: [cs("app0", terminated(0, "Completed"))] },
        { deleting: true },
      ),
      "Completed",
    ],
    [
      "Completed next to a ready running container with Ready True reads Running",
      pod(
        {
          phase: "Running",
          conditions: readyTrue,
          containerStatuses: [cs("app0", terminated(0, "Completed")), cs("app1", running, { ready: true })],
        },
        { apps: 2 },
      ),
      "Running",
    ],
    [
      "…and NotReady without Ready",
      pod(
        {
          phase: "Running",
          containerStatuses: [cs("app0", terminated(0, "Completed")), cs("app1", running, { ready: true })],
        },
        { apps: 2 },
      ),
      "NotReady",
    ],
    [
      "SchedulingGated",
      pod({
        phase: "Pending",
        conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }],
      }),
      "SchedulingGated",
    ],
  ];
  it.each(rows.map(([what, p, want]) => ({ what, p, want })))("$what → $want", ({ p, want }) => {
    expect(podDisplayStatus(p)).toBe(want);
  });
});

describe("kubectl READY column", () => {
  it("counts ready running app containers out of all app containers", () => {
    const p = pod(
      {
        phase: "Running",
        containerStatuses: [cs("app0", running, { ready: true }), cs("app1", running, { ready: false })],
      },
      { apps: 2 },
    );
    expect(podReadyColumn(p)).toBe("1/2");
    expect(podReadyColumn(pod({ phase: "Pending" }, { apps: 3 }))).toBe("0/3");
  });

  it("counts nothing while init containers run", () => {
    const p = pod(
      {
        phase: "Pending",
        initContainerStatuses: [cs("init0", running)],
        containerStatuses: [cs("app0", running, { ready: true })],
      },
      { inits: 1 },
    );
    expect(podReadyColumn(p)).toBe("0/1");
  });
});

describe("kubectl RESTARTS column", () => {
  it("is the sum of restart counts with the time since the last restart", () => {
    const last = (finishedAt: string): ContainerState => ({
      terminated: { exitCode: 1, reason: "Error", finishedAt },
    });
    const p = pod(
      {
        phase: "Running",
        containerStatuses: [
          cs("app0", running, { restartCount: 3, lastState: last("2026-01-01T00:55:00Z") }),
          cs("app1", running, { restartCount: 2, lastState: last("2026-01-01T00:30:00Z") }),
        ],
      },
      { apps: 2 },
    );
    expect(podRestartsColumn(p, NOW)).toBe("5 (5m ago)");
    expect(podRestartsColumn(p, Date.parse("2026-01-01T00:56:30Z"))).toBe("5 (90s ago)");
  });

  it("is a bare number without restarts or without a finish time", () => {
    expect(podRestartsColumn(pod({ phase: "Running", containerStatuses: [cs("app0", running)] }), NOW)).toBe(
      "0",
    );
    const p = pod({ phase: "Running", containerStatuses: [cs("app0", running, { restartCount: 2 })] });
    expect(podRestartsColumn(p, NOW)).toBe("2");
  });

  it("counts init container restarts while initializing, app restarts after", () => {
    const initializing = pod(
      {
        phase: "Pending",
        initContainerStatuses: [cs("init0", waiting("CrashLoopBackOff"), { restartCount: 4 })],
      },
      { inits: 1 },
    );
    expect(podRestartsColumn(initializing, NOW)).toBe("4");
    const initialized = pod(
      {
        phase: "Running",
        conditions: initializedTrue,
        initContainerStatuses: [cs("init0", terminated(0, "Completed"), { restartCount: 4 })],
        containerStatuses: [cs("app0", running, { restartCount: 1 })],
      },
      { inits: 1 },
    );
    expect(podRestartsColumn(initialized, NOW)).toBe("1");
  });
});

describe("AGE column", () => {
  it.each([
    ["2026-01-01T00:59:59Z", "1s"],
    ["2026-01-01T00:58:30Z", "90s"],
    ["2026-01-01T00:55:30Z", "4m30s"],
    ["2026-01-01T00:50:00Z", "10m"],
    ["2025-12-31T22:00:00Z", "3h"],
    ["2025-12-31T20:30:00Z", "4h30m"],
    ["2025-12-30T01:00:00Z", "2d"],
    ["2025-12-29T21:00:00Z", "2d4h"],
  ])("%s → %s", (ts, want) => {
    expect(ageColumn(ts, NOW)).toBe(want);
  });
  it("is <unknown> without a timestamp", () => {
    expect(ageColumn(undefined, NOW)).toBe("<unknown>");
  });
});

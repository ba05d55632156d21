// The whole pod status: container statuses, phase (with the kubelet's terminal-phase rules),
// conditions, IPs and start time.

import type { ContainerStatus, Pod, PodStatus } from "../../../manifest/types.js";
import { isoTime } from "../../../util/clock.js";
import type { ContainerProbeView } from "../../probes/tracker.js";
import type { ProbeView } from "../probe-views.js";
import type { Pass } from "../pass.js";
import { podConditions } from "./conditions.js";
import { buildContainerStatus } from "./container-status.js";
import { getPhase } from "./phase.js";

const NOT_STARTED: ContainerProbeView = {
  started: false,
  ready: false,
  livenessFailed: false,
  startupFailed: false,
};
const INIT_VIEW: ContainerProbeView = {
  started: true,
  ready: false,
  livenessFailed: false,
  startupFailed: false,
};

export interface StatusInputs {
  probes: ProbeView;
  /** Stopped for good and nothing runs any more (deleted, or past activeDeadlineSeconds). */
  podIsTerminal: boolean;
  deadlineExceeded: boolean;
  sandboxReady: boolean;
  startTimeMs: number;
}

function isTerminalPhase(phase: string | undefined): boolean {
  return phase === "Succeeded" || phase === "Failed";
}

function containerStatuses(pass: Pass, role: "init" | "app", inputs: StatusInputs): ContainerStatus[] {
  const { pod } = pass;
  const specs = role === "init" ? (pod.spec.initContainers ?? []) : pod.spec.containers;
  const previous = role === "init" ? pod.status?.initContainerStatuses : pod.status?.containerStatuses;
  const hasInits = (pod.spec.initContainers ?? []).length > 0;
  return specs.map((spec) =>
    buildContainerStatus({
      spec,
      role,
      instances: pass.instances(role, spec.name),
      previous: previous?.find((s) => s.name === spec.name),
      waiting: pass.waiting.get(spec.name),
      defaultWaitingReason: hasInits ? "PodInitializing" : "ContainerCreating",
      deleting: pass.deleting,
      probe: role === "init" ? INIT_VIEW : (inputs.probes.get(spec.name) ?? NOT_STARTED),
    }),
  );
}

/** The kubelet's TerminatePod: once a stopped pod's containers are gone, none is left "waiting". */
function markUnknownTerminated(statuses: ContainerStatus[]): void {
  for (const s of statuses) {
    if (s.state.terminated) continue;
    s.state = {
      terminated: {
        exitCode: 137,
        reason: "ContainerStatusUnknown",
        message: "The container could not be located when the pod was terminated",
      },
    };
    s.ready = false;
    s.started = false;
  }
}

export function buildPodStatus(pass: Pass, inputs: StatusInputs): PodStatus {
  const pod: Pod = pass.pod;
  const previous = pod.status;
  const init = containerStatuses(pass, "init", inputs);
  const apps = containerStatuses(pass, "app", inputs);

  let phase = getPhase(pod, init, apps, inputs.podIsTerminal);
  if (!isTerminalPhase(phase) && previous && isTerminalPhase(previous.phase)) phase = previous.phase;
  let reason: string | undefined;
  let message: string | undefined;
  if (phase === previous?.phase) {
    reason = previous.reason;
    message = previous.message;
  }
  if (inputs.deadlineExceeded) {
    phase = "Failed";
    reason = "DeadlineExceeded";
    message = "Pod was active on the node longer than the specified deadline";
  }
  if (inputs.podIsTerminal) {
    markUnknownTerminated(init);
    markUnknownTerminated(apps);
    if (phase === "Pending" || phase === "Running") phase = "Failed";
  }

  const status: PodStatus = { phase };
  status.conditions = podConditions(pod, init, apps, phase, inputs.sandboxReady, pass.now);
  if (message !== undefined) status.message = message;
  if (reason !== undefined) status.reason = reason;
  const hostIP = pass.ctx.hostIP ?? previous?.hostIP;
  if (hostIP !== undefined) status.hostIP = hostIP;
  const podIP =
    (pod.spec.hostNetwork ? hostIP : undefined) ??
    (inputs.sandboxReady ? pass.observed.sandbox?.ip : undefined) ??
    previous?.podIP;
  if (podIP !== undefined && podIP !== "") {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  status.startTime = previous?.startTime ?? isoTime(inputs.startTimeMs);
  if (init.length > 0) status.initContainerStatuses = init;
  status.containerStatuses = apps;
  return status;
}

// Probes: the tracker (pure) and the executors (httpGet, tcpSocket, exec).

export {
  ProbeTracker,
  dueProbes,
  markProbeStarted,
  probeEvent,
  probeView,
  recordProbeResult,
  syncProbeStates,
  type ContainerProbeView,
  type DueOptions,
  type ProbeReport,
} from "./tracker.js";
export { runProbe } from "./run.js";
export { probeHttp, probeUrl, PROBE_USER_AGENT, type HttpProbeRequest } from "./http.js";
export { probeTcp } from "./tcp.js";
export { probeExec } from "./exec.js";
export { resolveProbePort, probeAddress } from "./port.js";
export { probeOf, probeTiming, hasProbes, type ProbeTiming } from "./spec.js";
export type * from "./types.js";
export { PROBE_KINDS } from "./types.js";

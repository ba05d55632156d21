// The pod-lifecycle core: what the node agent imports.

export { computePodActions } from "./compute.js";
export { DEFAULT_LIFECYCLE_CONFIG, resolveConfig } from "./config.js";
export { ageColumn, podDisplayStatus, podReadyColumn, podRestartsColumn } from "./display.js";
export { goDuration, humanDuration } from "./duration.js";
export { recordActionFailure, recordActionSuccess, type ActionFailure } from "./feedback.js";
export { pullPolicyOf } from "./images.js";
export { instancesByName, lifeState, newestAppInstances, timeMs } from "./observed.js";
export { probesDue } from "./probe-schedule.js";
export { emptyPodRuntimeState } from "./types.js";
export type * from "./types.js";

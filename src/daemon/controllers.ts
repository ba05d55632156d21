// The controllers a daemon runs, and the tunables berth.yaml gives them.
import type { BerthConfig } from "../config/types.js";
import { cronJobController } from "../controllers/cronjob/index.js";
import { daemonSetController } from "../controllers/daemonset/index.js";
import { deploymentController } from "../controllers/deployment/index.js";
import { jobController } from "../controllers/job/index.js";
import { replicaSetController } from "../controllers/replicaset/index.js";
import { statefulSetController } from "../controllers/statefulset/index.js";
import type { AnyController, ControllerConfig } from "../controllers/types.js";

export function allControllers(): AnyController[] {
  return [
    deploymentController,
    replicaSetController,
    daemonSetController,
    statefulSetController,
    jobController,
    cronJobController,
  ];
}

export function controllerConfig(config: BerthConfig): ControllerConfig {
  return {
    jobBackoffBaseMs: config.runtime.jobBackoff.initial,
    jobBackoffMaxMs: config.runtime.jobBackoff.max,
  };
}

// The controllers a daemon runs, in one place.
import type { BerthConfig } from "../config/types.js";
import { deploymentController } from "../controllers/deployment/index.js";
import { replicaSetController } from "../controllers/replicaset/index.js";
import type { AnyController } from "../controllers/types.js";

export function allControllers(_config: BerthConfig): AnyController[] {
  return [deploymentController, replicaSetController];
}

// Which app an object belongs to: its own `berth.io/app` annotation, or — for generated objects
// (ReplicaSets, Pods, Jobs of CronJobs) — that of the object at the top of its controller chain.

import type { KObject } from "../manifest/types.js";
import type { ObjectStore } from "../state/store.js";
import { controllerOf } from "../controllers/owner.js";
import { APP_ANNOTATION } from "./apply.js";

export function appOf(store: ObjectStore, obj: KObject): string | undefined {
  let cur: KObject | undefined = obj;
  for (let depth = 0; cur && depth < 5; depth++) {
    const app = cur.metadata.annotations?.[APP_ANNOTATION];
    if (app !== undefined) return app;
    const ref = controllerOf(cur);
    if (!ref) return undefined;
    cur = store.get(ref.kind, cur.metadata.namespace ?? "", ref.name);
    if (cur && ref.uid !== cur.metadata.uid) return undefined;
  }
  return undefined;
}

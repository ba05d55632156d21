// Warning events about Services, each said once: a reconcile that finds the same problem again (a
// resync, the next pod change) stays quiet until the message changes or the problem went away.

import type { EventRecord } from "../../controllers/types.js";
import type { Service } from "../../manifest/types.js";

export class ServiceEvents {
  private readonly said = new Map<string, string>();

  constructor(private readonly emit: (e: EventRecord) => void) {}

  private static key(service: Service, reason: string, scope: string): string {
    return `${service.metadata.uid ?? ""}\0${reason}\0${scope}`;
  }

  /** Records a Warning unless the same one was the last said for (service, reason, scope). */
  warn(service: Service, reason: string, message: string, scope = ""): void {
    const k = ServiceEvents.key(service, reason, scope);
    if (this.said.get(k) === message) return;
    this.said.set(k, message);
    this.emit({
      type: "Warning",
      reason,
      message,
      object: {
        kind: "Service",
        namespace: service.metadata.namespace ?? "default",
        name: service.metadata.name,
        ...(service.metadata.uid !== undefined ? { uid: service.metadata.uid } : {}),
      },
    });
  }

  /** The problem is gone: the next occurrence is said again. */
  clear(service: Service, reason: string, scope = ""): void {
    this.said.delete(ServiceEvents.key(service, reason, scope));
  }

  /** Forgets everything about a deleted Service. */
  forget(uid: string): void {
    for (const k of [...this.said.keys()]) if (k.startsWith(`${uid}\0`)) this.said.delete(k);
  }
}

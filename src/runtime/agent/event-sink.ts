// Pod events from a node agent (the kubelet's), passed to the daemon's recorder. A pass repeats the
// events of a decision that still holds (BackOff while waiting), and passes can come in bursts; so
// the same event of the same pod goes out at most once per `repeatMs` — the recorder then counts
// repeats as Kubernetes' event correlator does.

import type { Pod } from "../../manifest/types.js";
import { eventAbout, type EventInput } from "../../state/events.js";
import type { Clock } from "../../util/clock.js";

export interface PodEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
}

export type EventCallback = (e: EventInput) => void;

const PRUNE_AT = 5_000;

export class PodEventSink {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly emit: EventCallback | undefined,
    private readonly component: { component: string; host?: string },
    private readonly clock: Clock,
    private readonly repeatMs: number,
  ) {}

  event(pod: Pod, e: PodEvent): void {
    if (!this.emit) return;
    const uid = pod.metadata.uid ?? "";
    const key = `${uid}\u0000${e.type}\u0000${e.reason}\u0000${e.message}`;
    const now = this.clock.now();
    const previous = this.last.get(key);
    if (previous !== undefined && now - previous < this.repeatMs) return;
    if (this.last.size >= PRUNE_AT) this.prune(now);
    this.last.set(key, now);
    this.emit(eventAbout(pod, e.type, e.reason, e.message, this.component));
  }

  /** Forgets a pod's events (it is gone; a namesake starts afresh anyway, its uid differs). */
  forget(uid: string): void {
    const prefix = `${uid}\u0000`;
    for (const key of this.last.keys()) if (key.startsWith(prefix)) this.last.delete(key);
  }

  private prune(now: number): void {
    for (const [key, at] of this.last) if (now - at >= this.repeatMs) this.last.delete(key);
  }
}

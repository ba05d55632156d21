// The pod workers of one node: one per pod uid bound to the node, plus one per uid found on the
// engine that the store does not bind here (it stops and removes those containers). Fed by the
// store's watch (pods, and the ConfigMaps and Secrets they use) and by the container cache.

import type { KObject, Pod } from "../../manifest/types.js";
import type { WatchEvent } from "../../state/store.js";
import { PodWorker } from "./pod-worker.js";
import { podReferences } from "./sources.js";
import type { WorkerEnv } from "./worker-env.js";

export class PodWorkers {
  private readonly workers = new Map<string, PodWorker>();
  private readonly env: WorkerEnv;
  private unwatch: (() => void) | undefined;
  private stopped = false;

  constructor(env: Omit<WorkerEnv, "done">) {
    this.env = { ...env, done: (uid) => this.workers.delete(uid) };
  }

  get size(): number {
    return this.workers.size;
  }

  uids(): string[] {
    return [...this.workers.keys()];
  }

  /** Workers for every pod bound here, then follows the store. */
  start(): void {
    for (const pod of this.env.store.list("Pod")) {
      if (pod.spec.nodeName === this.env.nodeName) this.ensure(pod);
    }
    this.unwatch = this.env.store.watch((e) => this.onStoreEvent(e));
  }

  /** Stops every worker; resolves once the actions under way have finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unwatch?.();
    this.unwatch = undefined;
    const all = [...this.workers.values()];
    this.workers.clear();
    for (const w of all) w.stop();
    await Promise.all(all.map((w) => w.idle()));
  }

  /** Every worker runs a pass (the node is back, adoption is allowed, ...). */
  kickAll(): void {
    for (const w of this.workers.values()) w.kick();
  }

  /** The engine's containers of these pods changed. */
  containersChanged(uids: Iterable<string>): void {
    if (this.stopped) return;
    for (const uid of uids) {
      const w = this.workers.get(uid);
      if (w) w.kick();
      else if (uid !== "") this.workers.set(uid, new PodWorker(uid, this.env, this.boundPod(uid)));
    }
  }

  /** Workers for every pod uid the cache holds that has none yet (orphans, after adoption). */
  adoptAll(uids: Iterable<string>): void {
    this.containersChanged([...uids].filter((u) => !this.workers.has(u)));
  }

  private boundPod(uid: string): Pod | undefined {
    return this.env.store
      .list("Pod")
      .find((p) => p.metadata.uid === uid && p.spec.nodeName === this.env.nodeName);
  }

  private ensure(pod: Pod): PodWorker | undefined {
    const uid = pod.metadata.uid;
    if (uid === undefined || this.stopped) return undefined;
    let w = this.workers.get(uid);
    if (w) w.setPod(pod);
    else this.workers.set(uid, (w = new PodWorker(uid, this.env, pod)));
    return w;
  }

  private onStoreEvent(e: WatchEvent): void {
    const obj: KObject = e.object;
    if (obj.kind === "Pod") {
      const uid = obj.metadata.uid;
      if (uid === undefined) return;
      const w = this.workers.get(uid);
      if (e.type === "DELETED") {
        w?.setPod(undefined);
        return;
      }
      if (w?.writing) return;
      if (obj.spec.nodeName === this.env.nodeName) this.ensure(obj);
      else w?.setPod(obj);
      return;
    }
    if (obj.kind === "ConfigMap" || obj.kind === "Secret") this.sourceChanged(obj.kind, obj.metadata);
  }

  /** Pods using a changed ConfigMap or Secret: mounted ones get new files, others retry their starts. */
  private sourceChanged(kind: "ConfigMap" | "Secret", meta: { name: string; namespace?: string }): void {
    const namespace = meta.namespace ?? "default";
    for (const uid of this.workers.keys()) {
      const pod = this.boundPodByUid(uid);
      if (!pod || (pod.metadata.namespace ?? "default") !== namespace) continue;
      const refs = podReferences(pod);
      const mounted = kind === "ConfigMap" ? refs.volumeConfigMaps : refs.volumeSecrets;
      const used = kind === "ConfigMap" ? refs.configMaps : refs.secrets;
      const w = this.workers.get(uid);
      if (mounted.has(meta.name)) w?.requestReprojection();
      else if (used.has(meta.name)) w?.kick();
    }
  }

  /** The pod with this uid is being deleted here (its containers are stopping or stopped). */
  deleting(uid: string): boolean {
    return this.boundPodByUid(uid)?.metadata.deletionTimestamp !== undefined;
  }

  private boundPodByUid(uid: string): Pod | undefined {
    return this.workers.get(uid)?.currentPod;
  }
}

// What runs on one engine for one node, kept in memory: the observation every pod pass starts from.
// Fed by a periodic relist (one list call; only containers that are new or whose listing disagrees
// with their last inspection are inspected — listing.ts — so an idle node costs almost nothing), a
// full re-inspection now and then, refreshes of one pod after its actions ran, and the engine's
// event stream (each event only says "inspect this container again"). Changes are reported per pod
// uid.

import type Docker from "dockerode";
import { LABEL } from "../labels.js";
import type { ObservedContainer, ObservedPod } from "../observed.js";
import { inspectContainer } from "../docker/list.js";
import { engineError } from "../docker/errors.js";
import { groupByPod } from "../docker/observe.js";
import type { EngineEvent } from "../docker/event-parse.js";
import { listingAgrees } from "./listing.js";

interface Entry {
  obs: ObservedContainer;
  /** Generation at which the inspection that produced this entry started. */
  gen: number;
}

const INSPECT_CONCURRENCY = 8;
/** Engine events for one container often come in bursts (create, start; kill, die, stop). */
const EVENT_COALESCE_MS = 20;

const STATELESS_EVENTS = new Set([
  "kill",
  "archive-path",
  "extract-to-dir",
  "attach",
  "detach",
  "resize",
  "copy",
  "export",
  "top",
  "commit",
]);

/** Whether an engine event can change what inspecting its container shows. */
export function changesInspection(action: string): boolean {
  return !STATELESS_EVENTS.has(action);
}

export type ChangeListener = (uids: ReadonlySet<string>) => void;

export class ContainerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byPod = new Map<string, Set<string>>();
  private gen = 0;
  private pendingEvents = new Set<string>();
  private eventTimer: NodeJS.Timeout | undefined;
  /** The first full listing has been read: until then nothing may be concluded from absence. */
  synced = false;

  constructor(
    private readonly docker: () => Docker | undefined,
    private readonly node: string,
    private readonly onChange: ChangeListener,
    private readonly onError: (e: unknown) => void = () => undefined,
    /** Pods whose exited containers' termination messages are not read (pods being deleted: the
     * read is an archive call that mounts the container, ~45 ms of engine CPU, for a status
     * that is about to go away). */
    private readonly skipMessage: (podUid: string) => boolean = () => false,
  ) {}

  pod(uid: string): ObservedPod | undefined {
    const ids = this.byPod.get(uid);
    if (!ids || ids.size === 0) return undefined;
    const list: ObservedContainer[] = [];
    for (const id of ids) {
      const e = this.entries.get(id);
      if (e) list.push(e.obs);
    }
    return groupByPod(list).get(uid);
  }

  podUids(): string[] {
    return [...this.byPod.keys()];
  }

  /** Lists the node's containers; inspects what is new or changed (everything with `full`). */
  async relist(full = false): Promise<void> {
    await this.sync([`${LABEL.managed}=true`, `${LABEL.node}=${this.node}`], full, undefined);
    this.synced = true;
  }

  /** Reads one pod's containers again (after its actions ran). */
  async refreshPod(uid: string): Promise<void> {
    await this.sync(
      [`${LABEL.managed}=true`, `${LABEL.node}=${this.node}`, `${LABEL.podUid}=${uid}`],
      false,
      uid,
    );
  }

  /** An engine event: the container is inspected again shortly (events for it coalesced). Events
   * that change nothing an inspection shows are passed over: a kill is followed by a die if the
   * container exits, and the file and terminal operations (berth's own termination-message reads
   * and uploads among them) leave its state alone. */
  handleEvent(e: EngineEvent): void {
    if (!changesInspection(e.action)) return;
    this.pendingEvents.add(e.containerId);
    this.eventTimer ??= setTimeout(() => {
      this.eventTimer = undefined;
      const ids = this.pendingEvents;
      this.pendingEvents = new Set();
      const docker = this.docker();
      if (!docker) return;
      this.inspectAll(docker, [...ids]).then(
        (changed) => this.report(changed),
        (err: unknown) => this.onError(err),
      );
    }, EVENT_COALESCE_MS);
  }

  stop(): void {
    clearTimeout(this.eventTimer);
    this.eventTimer = undefined;
    this.pendingEvents.clear();
  }

  private async sync(label: string[], full: boolean, podUid: string | undefined): Promise<void> {
    const docker = this.docker();
    if (!docker) throw engineError("listing containers", new Error("not connected"));
    const listGen = ++this.gen;
    let list: Docker.ContainerInfo[];
    try {
      list = await docker.listContainers({ all: true, filters: { label } });
    } catch (e) {
      throw engineError("listing containers", e);
    }
    const changed = new Set<string>();
    const seen = new Set<string>();
    const toInspect: string[] = [];
    const now = Date.now();
    for (const item of list) {
      seen.add(item.Id);
      const e = this.entries.get(item.Id);
      if (!e || full || !listingAgrees(e.obs, item.State, item.Status, now)) toInspect.push(item.Id);
    }
    const scope = podUid === undefined ? this.entries.keys() : (this.byPod.get(podUid) ?? new Set()).values();
    for (const id of [...scope]) {
      const e = this.entries.get(id);
      // Inspected after the list was asked for: its absence from the list proves nothing.
      if (e && !seen.has(id) && e.gen < listGen) this.remove(id, changed);
    }
    try {
      for (const uid of await this.inspectAll(docker, toInspect)) changed.add(uid);
    } finally {
      this.report(changed);
    }
  }

  /** Inspects containers; returns the pod uids whose observation changed. */
  private async inspectAll(docker: Docker, ids: string[]): Promise<Set<string>> {
    const changed = new Set<string>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const id = ids[next++];
        if (id === undefined) break;
        const gen = ++this.gen;
        const obs = await inspectContainer(docker, id, (o) => this.skipMessage(o.podUid));
        const current = this.entries.get(id);
        if (current && current.gen > gen) continue;
        if (!obs) {
          if (current) this.remove(id, changed);
          continue;
        }
        if (obs.labels[LABEL.node] !== this.node) continue;
        if (!current || JSON.stringify(current.obs) !== JSON.stringify(obs)) changed.add(obs.podUid);
        if (current && current.obs.podUid !== obs.podUid) changed.add(current.obs.podUid);
        this.entries.set(id, { obs, gen });
        let set = this.byPod.get(obs.podUid);
        if (!set) this.byPod.set(obs.podUid, (set = new Set()));
        set.add(id);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(INSPECT_CONCURRENCY, ids.length) }, worker));
    } catch (e) {
      // Whatever was read before the failure is kept and reported.
      this.report(changed);
      throw e;
    }
    return changed;
  }

  private remove(id: string, changed: Set<string>): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    const set = this.byPod.get(e.obs.podUid);
    set?.delete(id);
    if (set?.size === 0) this.byPod.delete(e.obs.podUid);
    changed.add(e.obs.podUid);
  }

  private report(changed: ReadonlySet<string>): void {
    if (changed.size > 0) this.onChange(changed);
  }
}

// ClusterReader over a running daemon's HTTP API: `berth get` and `berth describe` see the live store
// (status as the node agents reported it a moment ago) instead of the last saved file. Each list is
// fetched once per read and kept until waitForChange resolves, so one command sees one consistent
// answer per kind however often its printers ask (pods for nodes, events for describe).

import { setTimeout as sleep } from "node:timers/promises";
import { isClusterScoped } from "../../manifest/identity.js";
import type { Kind, ObjectOfKind } from "../../manifest/types.js";
import type { AppStatusView, RevisionRef } from "../../daemon/api/types.js";
import type { AppState, NodeState, Revision, StateEvent } from "../../state/types.js";
import type { BerthClient } from "../client.js";
import type { ClusterReader, ListOptions } from "./cluster-reader.js";

function revision(r: RevisionRef): Revision {
  return { sha: r.sha, subject: r.subject, author: r.author ?? "", date: r.date ?? "" };
}

/** The app as the state file would record it. */
export function appStateFromView(a: AppStatusView): AppState {
  const out: AppState = { name: a.name, source: a.source };
  if (a.revision) out.syncedRevision = revision(a.revision);
  if (a.lastGoodRevision) out.lastGoodRevision = revision(a.lastGoodRevision);
  if (a.lastSync) {
    const { startedAt, finishedAt, result, errors } = a.lastSync;
    out.lastSyncAttempt = { startedAt, finishedAt, result, errors };
  }
  return out;
}

export interface ApiReaderOptions {
  /** How often waitForChange lets a watch look again (default 1 s). */
  pollMs?: number;
}

export class ApiClusterReader implements ClusterReader {
  readonly source: string;
  private cache = new Map<string, Promise<unknown>>();
  private readonly pollMs: number;

  constructor(
    private readonly client: BerthClient,
    opts: ApiReaderOptions = {},
  ) {
    this.source = `berth daemon at ${client.target.baseUrl}`;
    this.pollMs = opts.pollMs ?? 1000;
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (p === undefined) {
      p = load();
      this.cache.set(key, p);
      // A failed read is not remembered: the next call asks again.
      p.catch(() => this.cache.delete(key));
    }
    return p;
  }

  listObjects<K extends Kind>(kind: K, opts: ListOptions = {}): Promise<ObjectOfKind<K>[]> {
    const namespace = isClusterScoped(kind) ? undefined : opts.namespace;
    return this.once(`objects/${kind}/${namespace ?? "*"}`, async () => {
      const items = await this.client.objects({ kind, ...(namespace !== undefined ? { namespace } : {}) });
      return items as ObjectOfKind<K>[];
    });
  }

  listNodes(): Promise<NodeState[]> {
    return this.once("nodes", () => this.client.nodes());
  }

  listEvents(opts: ListOptions = {}): Promise<StateEvent[]> {
    const ns = opts.namespace;
    return this.once(`events/${ns ?? "*"}`, () =>
      this.client.events(ns !== undefined ? { namespace: ns } : {}),
    );
  }

  listApps(): Promise<AppState[]> {
    return this.once("apps", async () => (await this.client.status()).apps.map(appStateFromView));
  }

  /** The API has no change feed: a watch looks again every pollMs (it prints only what changed). */
  async waitForChange(signal: AbortSignal): Promise<void> {
    try {
      await sleep(this.pollMs, undefined, { signal });
    } catch {
      return;
    }
    this.cache = new Map();
  }
}

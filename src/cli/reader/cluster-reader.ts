// What the read-side commands (get, describe) need from a cluster, whatever holds it: today the
// daemon's state file, read without its lock; later a running daemon's HTTP API. Printers and views
// only see this interface, so a second implementation changes no printer.

import type { Kind, ObjectOfKind } from "../../manifest/types.js";
import type { AppState, NodeState, StateEvent } from "../../state/types.js";

export interface ListOptions {
  /** Only objects in this namespace; absent means every namespace (cluster-scoped kinds ignore it). */
  namespace?: string;
}

export interface ClusterReader {
  /** Where the data comes from, for messages: "state file /srv/.berth/state.json". */
  readonly source: string;
  /** The objects of one kind, in any order; status as last recorded. */
  listObjects<K extends Kind>(kind: K, opts?: ListOptions): Promise<ObjectOfKind<K>[]>;
  /** The nodes (one per Docker engine) as their agents last reported them. */
  listNodes(): Promise<NodeState[]>;
  /** Events, oldest first; `namespace` filters on the involved object's namespace. */
  listEvents(opts?: ListOptions): Promise<StateEvent[]>;
  /** The apps (manifest sources) and how far syncing each got. */
  listApps(): Promise<AppState[]>;
  /**
   * Resolves when the data may have changed since the last read (for `get --watch`), or when
   * `signal` aborts. Implementations without change notification may poll.
   */
  waitForChange(signal: AbortSignal): Promise<void>;
}

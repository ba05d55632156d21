// A ClusterReader over plain arrays: for unit tests of views and printers (the state-file reader is
// exercised by the CLI integration test).

import type { Kind, KObject, ObjectOfKind } from "../../src/manifest/types.js";
import type { ClusterReader, ListOptions } from "../../src/cli/reader/cluster-reader.js";
import { isClusterScoped } from "../../src/manifest/identity.js";
import type { AppState, NodeState, StateEvent } from "../../src/state/types.js";

export class MemoryReader implements ClusterReader {
  readonly source = "memory";
  constructor(
    private readonly objects: readonly KObject[],
    private readonly nodes: readonly NodeState[] = [],
    private readonly events: readonly StateEvent[] = [],
    private readonly apps: readonly AppState[] = [],
  ) {}

  async listObjects<K extends Kind>(kind: K, opts: ListOptions = {}): Promise<ObjectOfKind<K>[]> {
    const ns = isClusterScoped(kind) ? undefined : opts.namespace;
    return this.objects.filter(
      (o): o is ObjectOfKind<K> =>
        o.kind === kind && (ns === undefined || (o.metadata.namespace ?? "default") === ns),
    );
  }

  async listNodes(): Promise<NodeState[]> {
    return [...this.nodes];
  }

  async listEvents(opts: ListOptions = {}): Promise<StateEvent[]> {
    const ns = opts.namespace;
    return this.events.filter((e) => ns === undefined || (e.involvedObject.namespace || "default") === ns);
  }

  async listApps(): Promise<AppState[]> {
    return [...this.apps];
  }

  async waitForChange(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  }
}

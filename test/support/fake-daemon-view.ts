// A DaemonView over plain data, for tests of the API server and the CLI client: what the daemon
// would show, sync passes the test finishes by hand, and log streams that notice their reader leaving.

import { matchesEventQuery, matchesObjectQuery } from "../../src/daemon/api/filter.js";
import {
  E_INVALID_REQUEST,
  E_NOT_FOUND,
  type AppStatusView,
  type DaemonView,
  type EventQuery,
  type LogStreamOptions,
  type ObjectQuery,
  type Readiness,
  type StatusView,
  type SyncPassResult,
  type TriggerOptions,
  type TriggerResult,
} from "../../src/daemon/api/types.js";
import type { KObject, Pod } from "../../src/manifest/types.js";
import type { NodeState, StateEvent } from "../../src/state/types.js";
import { BerthError } from "../../src/util/errors.js";

/** An app view; `undefined` in `over` removes a field. */
export function app(
  name: string,
  over: { [K in keyof AppStatusView]?: AppStatusView[K] | undefined } = {},
): AppStatusView {
  const base: AppStatusView = {
    name,
    source: { repoURL: `https://git.example.com/org/${name}.git`, ref: "main", path: "deploy" },
    revision: { sha: "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", subject: "Add web" },
    sync: { status: "Synced" },
    health: { status: "Healthy" },
    lastSync: {
      startedAt: "2026-01-01T00:00:00Z",
      finishedAt: "2026-01-01T00:00:01Z",
      result: "succeeded",
      errors: [],
    },
    lastGoodRevision: { sha: "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", subject: "Add web" },
    errors: [],
  };
  const out: Record<string, unknown> = { ...base, ...over };
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out as unknown as AppStatusView;
}

export function pod(namespace: string, name: string, labels: Record<string, string> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels, annotations: {} },
    spec: { containers: [{ name: "main", image: "berth.local/web:1" }] },
  };
}

export interface TriggerCall {
  app: string | undefined;
  wait: boolean;
}

interface PendingPass {
  app: string;
  resolve: (r: SyncPassResult) => void;
}

export class FakeDaemonView implements DaemonView {
  readiness: Readiness = { ready: false, reason: "the first sync has not finished" };
  apps: AppStatusView[] = [app("shop")];
  objectList: KObject[] = [];
  eventList: StateEvent[] = [];
  nodeList: NodeState[] = [];
  /** Log text per "namespace/pod". */
  podLogs = new Map<string, string[]>();
  readonly triggers: TriggerCall[] = [];
  readonly pending: PendingPass[] = [];
  /** How a waited pass ends when the test does not finish it by hand; undefined: it waits for finish(). */
  autoResult: ((app: string) => SyncPassResult) | undefined = (name) => ({
    app: name,
    result: "succeeded",
    changed: false,
    errors: [],
  });
  /** Set when a log stream's reader went away. */
  logStreamsAborted = 0;
  lastLogOptions: Omit<LogStreamOptions, "signal"> | undefined;

  ready(): Readiness {
    return this.readiness;
  }

  status(): StatusView {
    return { version: "test", ready: this.readiness.ready, apps: this.apps };
  }

  objects(q: ObjectQuery): KObject[] {
    return this.objectList.filter((o) => matchesObjectQuery(o, q));
  }

  events(q: EventQuery): StateEvent[] {
    return this.eventList.filter((e) => matchesEventQuery(e, q));
  }

  nodes(): NodeState[] {
    return this.nodeList;
  }

  async triggerSync(name: string | undefined, opts: TriggerOptions): Promise<TriggerResult> {
    this.triggers.push({ app: name, wait: opts.wait });
    if (name !== undefined && !this.apps.some((a) => a.name === name)) {
      throw new BerthError(E_NOT_FOUND, `app "${name}" is not configured`);
    }
    const apps = name === undefined ? this.apps.map((a) => a.name) : [name];
    if (!opts.wait) return { apps };
    const results = await Promise.all(
      apps.map(
        (a) =>
          new Promise<SyncPassResult>((resolve) => {
            if (this.autoResult) resolve(this.autoResult(a));
            else this.pending.push({ app: a, resolve });
          }),
      ),
    );
    return { apps, results };
  }

  /** Ends the oldest waiting pass of `app`. */
  finish(appName: string, result: Partial<SyncPassResult> = {}): void {
    const i = this.pending.findIndex((p) => p.app === appName);
    const p = this.pending.splice(i, 1)[0];
    if (i < 0 || !p) throw new Error(`no pending pass for ${appName}`);
    p.resolve({ app: appName, result: "succeeded", changed: true, errors: [], ...result });
  }

  async logs(namespace: string, name: string, opts: LogStreamOptions): Promise<AsyncIterable<string>> {
    const lines = this.podLogs.get(`${namespace}/${name}`);
    if (lines === undefined) throw new BerthError(E_NOT_FOUND, `pod ${namespace}/${name} not found`);
    if (opts.container !== undefined && opts.container !== "main") {
      throw new BerthError(E_INVALID_REQUEST, `container ${opts.container} is not valid for pod ${name}`);
    }
    const { signal: _signal, ...rest } = opts;
    this.lastLogOptions = rest;
    const shown = opts.tail === undefined ? lines : lines.slice(-opts.tail);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const view = this;
    return (async function* () {
      try {
        for (const l of shown) yield `${l}\n`;
        if (!opts.follow) return;
        for (let i = 0; !opts.signal.aborted; i++) {
          yield `follow ${i}\n`;
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        if (opts.signal.aborted) view.logStreamsAborted++;
      }
    })();
  }
}

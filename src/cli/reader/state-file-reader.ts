// ClusterReader over the daemon's state file. The file is read once per command (one consistent
// snapshot: the daemon replaces it whole, by rename) and again after reload(). No lock is taken, so
// `berth get` works while the daemon runs.

import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { isClusterScoped } from "../../manifest/identity.js";
import type { Kind, ObjectOfKind } from "../../manifest/types.js";
import { readStateFile } from "../../state/load.js";
import type { AppState, NodeState, StateData, StateEvent } from "../../state/types.js";
import { BerthError } from "../../util/errors.js";
import type { ClusterReader, ListOptions } from "./cluster-reader.js";

export const E_NO_STATE = "E_NO_STATE";

export interface StateFileReaderOptions {
  /** How often waitForChange looks at the file (default 500 ms). */
  pollMs?: number;
  /** Every place the file was looked for (see open.ts), named when none exists. */
  lookedAt?: string[];
}

export class StateFileReader implements ClusterReader {
  readonly source: string;
  private readonly path: string;
  private data: Promise<StateData> | undefined;
  /** The file's identity just before the snapshot was read: what waitForChange compares with. */
  private readFingerprint: string | undefined;
  private readonly pollMs: number;
  private readonly lookedAt: string[];

  constructor(path: string, opts: StateFileReaderOptions = {}) {
    this.path = resolve(path);
    this.source = `state file ${this.path}`;
    this.pollMs = opts.pollMs ?? 500;
    this.lookedAt = opts.lookedAt ?? [this.path];
  }

  /** Forgets the snapshot: the next list call reads the file again. */
  reload(): void {
    this.data = undefined;
  }

  /** Inode, size and mtime: the daemon's rename changes at least the inode. */
  private async fingerprint(): Promise<string> {
    try {
      const s = await stat(this.path, { bigint: true });
      return `${s.ino}:${s.size}:${s.mtimeNs}`;
    } catch {
      return "missing";
    }
  }

  private load(): Promise<StateData> {
    this.data ??= (async () => {
      this.readFingerprint = await this.fingerprint();
      const loaded = await readStateFile(this.path);
      if (loaded) return loaded.data;
      const where =
        this.lookedAt.length > 1 ? `(looked at ${this.lookedAt.join(" and ")})` : `at ${this.path}`;
      throw new BerthError(
        E_NO_STATE,
        `no state file ${where}: berth has not run here; run the command where \`berth run\` runs, ` +
          `or point at its state file with --state FILE (or $BERTH_STATE, or state.path in berth.yaml)`,
        { origin: { file: this.path } },
      );
    })();
    return this.data;
  }

  async listObjects<K extends Kind>(kind: K, opts: ListOptions = {}): Promise<ObjectOfKind<K>[]> {
    const data = await this.load();
    const ns = isClusterScoped(kind) ? undefined : opts.namespace;
    return data.objects.filter(
      (o): o is ObjectOfKind<K> =>
        o.kind === kind && (ns === undefined || (o.metadata.namespace ?? "default") === ns),
    );
  }

  async listNodes(): Promise<NodeState[]> {
    return (await this.load()).nodes;
  }

  async listEvents(opts: ListOptions = {}): Promise<StateEvent[]> {
    const events = (await this.load()).events;
    const ns = opts.namespace;
    return ns === undefined ? events : events.filter((e) => (e.involvedObject.namespace || "default") === ns);
  }

  async listApps(): Promise<AppState[]> {
    return (await this.load()).apps;
  }

  /** Polls the file until it differs from the snapshot last read, then forgets the snapshot. */
  async waitForChange(signal: AbortSignal): Promise<void> {
    const before = this.readFingerprint ?? (await this.fingerprint());
    while (!signal.aborted) {
      try {
        await sleep(this.pollMs, undefined, { signal });
      } catch {
        return;
      }
      if ((await this.fingerprint()) !== before) {
        this.reload();
        return;
      }
    }
  }
}

// The reader `berth get` and `berth describe` use when neither --state nor $BERTH_STATE names a file:
// the running daemon's API when it answers at the address berth.yaml gives (live data), else the
// state file (the last saved data). The choice is made once, on the first read, by asking the daemon
// for its readiness; a daemon that refuses this shell's token is reported on stderr and the file is
// read instead, since the file may well be readable where the token is not at hand.

import { isBerthError } from "../../util/errors.js";
import { E_API_UNAUTHORIZED, E_API_UNREACHABLE, type BerthClient } from "../client.js";
import type { Kind, ObjectOfKind } from "../../manifest/types.js";
import type { AppState, NodeState, StateEvent } from "../../state/types.js";
import { ApiClusterReader } from "./api-reader.js";
import type { ClusterReader, ListOptions } from "./cluster-reader.js";

export class DaemonOrFileReader implements ClusterReader {
  private chosen: Promise<ClusterReader> | undefined;
  private picked: ClusterReader | undefined;
  private readonly api: ApiClusterReader;

  constructor(
    private readonly client: BerthClient,
    private readonly file: () => ClusterReader,
    private readonly warn: (text: string) => void = (t) => process.stderr.write(t),
  ) {
    this.api = new ApiClusterReader(client);
  }

  get source(): string {
    return this.picked?.source ?? `${this.api.source}, else the state file`;
  }

  /** The reader in use (after the first read). */
  private pick(): Promise<ClusterReader> {
    this.chosen ??= (async () => {
      try {
        await this.client.probe();
        return (this.picked = this.api);
      } catch (e) {
        if (isBerthError(e, E_API_UNAUTHORIZED)) {
          this.warn(`berth: ${e.message}; reading the state file instead\n`);
        } else if (!isBerthError(e, E_API_UNREACHABLE)) {
          throw e;
        }
        return (this.picked = this.file());
      }
    })();
    return this.chosen;
  }

  async listObjects<K extends Kind>(kind: K, opts?: ListOptions): Promise<ObjectOfKind<K>[]> {
    return (await this.pick()).listObjects(kind, opts);
  }

  async listNodes(): Promise<NodeState[]> {
    return (await this.pick()).listNodes();
  }

  async listEvents(opts?: ListOptions): Promise<StateEvent[]> {
    return (await this.pick()).listEvents(opts);
  }

  async listApps(): Promise<AppState[]> {
    return (await this.pick()).listApps();
  }

  async waitForChange(signal: AbortSignal): Promise<void> {
    return (await this.pick()).waitForChange(signal);
  }
}

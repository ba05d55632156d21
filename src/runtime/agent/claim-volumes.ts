// Where each claim volume (a StatefulSet's PersistentVolumeClaim, a Docker volume `berth-pvc-*`)
// lives, for the StatefulSet controller: a re-created pod must go back to the node holding its
// data, and a claim deleted by a retention policy must be removed on that node. Two sources, so
// the answer is right both right after a pod is bound and after a restart: the pods the store has
// bound to a node (their claims are created there) and the claim volumes listed on the engines.
// Deletions wait while a container still uses the volume and are retried on the next refresh.

import type Docker from "dockerode";
import type { ClaimLocation, DeleteVolumeAction } from "../../controllers/types.js";
import type { Pod } from "../../manifest/types.js";
import type { ObjectStore } from "../../state/store.js";
import { errorMessage } from "../../util/errors.js";
import { removeClaimVolume } from "../docker/volumes.js";
import { LABEL } from "../labels.js";
import type { AgentLog } from "./log.js";

export interface ClaimNode {
  readonly name: string;
  readonly docker: Docker | undefined;
}

export interface ClaimVolumesOptions {
  store: ObjectStore;
  nodes: () => readonly ClaimNode[];
  log: AgentLog;
  /** How often the engines are listed again and waiting deletions retried. */
  refreshMs: number;
}

const key = (c: { namespace: string; claimName: string }): string => `${c.namespace}/${c.claimName}`;

/** Claims of the pods bound to a node. */
export function boundPodClaims(pods: readonly Pod[]): ClaimLocation[] {
  const out: ClaimLocation[] = [];
  for (const pod of pods) {
    const node = pod.spec.nodeName;
    if (node === undefined || node === "") continue;
    for (const v of pod.spec.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      out.push({
        namespace: pod.metadata.namespace ?? "default",
        claimName: v.persistentVolumeClaim.claimName,
        node,
      });
    }
  }
  return out;
}

export class ClaimVolumes {
  /** From the last listing of the engines. */
  private listed: ClaimLocation[] = [];
  private readonly pendingDeletes = new Map<string, DeleteVolumeAction>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly opts: ClaimVolumesOptions) {}

  /** Lists the engines (waiting at most `waitMs` for it), then again every refresh interval. */
  async start(waitMs: number): Promise<void> {
    this.timer = setInterval(() => void this.refresh(), this.opts.refreshMs);
    this.timer.unref();
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([this.refresh(), new Promise((r) => (timeout = setTimeout(r, waitMs)))]);
    clearTimeout(timeout);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Every known claim and its node; a claim being deleted is no longer offered. */
  locations(): ClaimLocation[] {
    const seen = new Map<string, ClaimLocation>();
    // Bound pods first: they say where a claim is going even before its volume exists.
    for (const c of [...boundPodClaims(this.opts.store.list("Pod")), ...this.listed]) {
      if (!seen.has(key(c)) && !this.pendingDeletes.has(key(c))) seen.set(key(c), c);
    }
    return [...seen.values()];
  }

  /** A controller's deleteVolume intent: carried out now, or on a later refresh while in use. */
  delete(a: DeleteVolumeAction): void {
    this.pendingDeletes.set(key(a), a);
    void this.refresh();
  }

  /** Lists the engines and retries waiting deletions; concurrent calls share one run. */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const listed: ClaimLocation[] = [];
    for (const node of this.opts.nodes()) {
      const docker = node.docker;
      if (!docker) continue;
      try {
        const list = await docker.listVolumes({
          filters: { label: [`${LABEL.managed}=true`, LABEL.claim, `${LABEL.node}=${node.name}`] },
        });
        for (const v of list.Volumes) {
          const namespace = v.Labels[LABEL.namespace];
          const claimName = v.Labels[LABEL.claim];
          if (namespace !== undefined && claimName !== undefined)
            listed.push({ namespace, claimName, node: node.name });
        }
      } catch (e) {
        this.opts.log.warn({ node: node.name, err: errorMessage(e) }, "listing claim volumes failed");
        // Keep what was last seen on that node rather than forgetting where its data is.
        listed.push(...this.listed.filter((c) => c.node === node.name));
      }
    }
    this.listed = listed;
    await this.deleteWaiting();
  }

  private async deleteWaiting(): Promise<void> {
    if (this.pendingDeletes.size === 0) return;
    const inUse = new Set(boundPodClaims(this.opts.store.list("Pod")).map(key));
    for (const [k, a] of this.pendingDeletes) {
      const holders = this.listed.filter((c) => key(c) === k).map((c) => c.node);
      // A pod still bound with the claim may create its volume yet: wait for it to go.
      let done = !inUse.has(k);
      for (const node of this.opts.nodes().filter((n) => holders.includes(n.name))) {
        if (!node.docker) {
          done = false;
          continue;
        }
        try {
          if (await removeClaimVolume(node.docker, a.namespace, a.claimName)) {
            this.opts.log.info({ node: node.name, claim: k, reason: a.reason }, "claim volume removed");
          } else done = false; // a container still uses it
        } catch (e) {
          done = false;
          this.opts.log.warn(
            { node: node.name, claim: k, err: errorMessage(e) },
            "removing claim volume failed",
          );
        }
      }
      if (done) {
        this.pendingDeletes.delete(k);
        this.listed = this.listed.filter((c) => key(c) !== k);
      }
    }
  }
}

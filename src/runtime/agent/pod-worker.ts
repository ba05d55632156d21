// One pod on one node: the kubelet's pod worker. Passes are serialised — observe (the node's
// container cache), decide (computePodActions), write the status back, pass events on, carry the
// actions out one at a time, and look again at once after acting or at the requeue time. Probes
// run beside the passes. A pod gone from the store (or never known) has its containers stopped and
// removed; a deleted pod is removed from the store once its containers are gone.

import type Docker from "dockerode";
import type { Pod } from "../../manifest/types.js";
import { errorMessage } from "../../util/errors.js";
import { removePod, stopPod } from "../docker/containers.js";
import { recordActionFailure, recordActionSuccess } from "../lifecycle/feedback.js";
import {
  emptyPodRuntimeState,
  type ComputeResult,
  type PodAction,
  type PodRuntimeState,
} from "../lifecycle/types.js";
import type { ObservedPod } from "../observed.js";
import { runAction, type ExecContext } from "./execute.js";
import { computeForPod, emptyObserved } from "./pod-compute.js";
import { detectDrift } from "./drift.js";
import { syncProjection, type ProjectionState } from "./pod-projection.js";
import { finalizeDeletion, writePodStatus } from "./pod-store.js";
import { launchDueProbes, type ProbeHost } from "./probe-runs.js";
import { storeSources } from "./sources.js";
import { WakeUp } from "./wake-up.js";
import type { WorkerEnv } from "./worker-env.js";

/** Passes in a row that acted before the worker takes a breath (a safety net, never reached normally). */
const MAX_ROUNDS = 20;
const RETRY_MS = 1_000;
/** The kubelet's minimum grace period, for containers of a pod berth knows nothing about. */
const UNKNOWN_POD_GRACE_SECONDS = 2;

function createsSomething(a: PodAction): boolean {
  return (
    a.type === "ensureSandbox" ||
    a.type === "pullImage" ||
    a.type === "startInit" ||
    a.type === "startContainer"
  );
}

export class PodWorker {
  private pod: Pod | undefined;
  /** The pod as last seen in the store, kept after it left (its grace period, for messages). */
  private lastPod: Pod | undefined;
  private state: PodRuntimeState = emptyPodRuntimeState();
  /** The drift reported while self-heal is off (events once per change). */
  private lastDrift: string | undefined;
  private projection: ProjectionState = { record: undefined, stale: false };
  private running = false;
  private dirty = false;
  private isStopped = false;
  private readonly wake: WakeUp;
  private loopDone: Promise<void> | undefined;
  /** Set while this worker writes its pod's status, so its own store event does not kick it. */
  writing = false;

  constructor(
    readonly uid: string,
    private readonly env: WorkerEnv,
    pod?: Pod,
  ) {
    this.wake = new WakeUp(env.clock, () => this.kick());
    this.setPod(pod);
  }

  /** The pod changed in the store (undefined: it is gone). */
  setPod(pod: Pod | undefined): void {
    if (pod) this.lastPod = pod;
    this.pod = pod;
    this.kick();
  }

  /** A ConfigMap or Secret the pod mounts changed: write its files again. */
  requestReprojection(): void {
    this.projection = { ...this.projection, stale: true };
    this.kick();
  }

  /** Asks for a pass (now, or right after the one running). */
  kick(): void {
    if (this.isStopped) return;
    this.dirty = true;
    if (!this.running) this.loopDone = this.loop();
  }

  stop(): void {
    this.isStopped = true;
    this.wake.stop();
  }

  get currentPod(): Pod | undefined {
    return this.pod;
  }

  /** Resolves once no pass is running (after stop(): once the action under way has finished). */
  async idle(): Promise<void> {
    await this.loopDone;
  }

  private async loop(): Promise<void> {
    this.running = true;
    let rounds = 0;
    try {
      while (this.dirty && !this.isStopped) {
        this.dirty = false;
        let acted = false;
        try {
          acted = await this.pass();
        } catch (e) {
          this.env.log.warn(
            { node: this.env.nodeName, pod: this.describe(), err: errorMessage(e) },
            "pod pass failed",
          );
          this.wake.at(this.env.clock.now() + RETRY_MS);
        }
        if (acted && ++rounds < MAX_ROUNDS) this.dirty = true;
        else if (acted) this.wake.at(this.env.clock.now() + RETRY_MS);
      }
    } finally {
      this.running = false;
    }
  }

  private describe(): string {
    const p = this.pod ?? this.lastPod;
    return p ? `${p.metadata.namespace ?? "default"}/${p.metadata.name}` : this.uid;
  }

  /** One pass; true when it acted (then the caller looks again at once). */
  private async pass(): Promise<boolean> {
    const { env } = this;
    const docker = env.docker();
    if (!docker || !env.canAct()) return false;
    const pod = this.pod;
    if (pod?.spec.nodeName !== env.nodeName) return this.cleanUp(docker);

    const r = await this.compute(docker);
    if (!r) return this.cleanUp(docker);
    const { result, observed } = r;
    const current = this.pod ?? pod;
    // The status as last written (the worker's copy of the pod may predate it).
    const recorded =
      env.store.get("Pod", current.metadata.namespace ?? "default", current.metadata.name) ?? current;
    const drift = detectDrift(recorded, observed, new Set(Object.keys(this.state.kills)));
    const leaveAlone = drift !== undefined && env.hooks.healDrift?.(current) === false;
    // Drift being healed now is no longer drift to report.
    env.hooks.reportDrift?.(current, leaveAlone ? drift : undefined);
    if (leaveAlone) {
      // Self-heal is off: leave things as they are (status included) until a sync.
      if (this.lastDrift !== drift)
        env.events.event(current, {
          type: "Warning",
          reason: "Drift",
          message: `${drift}; self-heal is off`,
        });
      this.lastDrift = drift;
      // Look again now and then: a sync asks for the drift to be healed after all.
      this.wake.reset(env.settings.relistIntervalMs);
      return false;
    }
    this.lastDrift = undefined;
    this.writeStatus(current, result);
    if (result.actions.length > 0) return this.act(docker, result.actions.some(createsSomething));
    this.state = result.state;
    for (const e of result.events) env.events.event(current, e);
    const before = this.projection;
    const after = await syncProjection(docker, env.store, current, observed, before, (e) =>
      env.events.event(current, e),
    );
    // A source that changed while projecting is projected on the next pass.
    this.projection = this.projection !== before && this.projection.stale ? { ...after, stale: true } : after;
    this.wake.reset(result.requeueAfterMs);
    if (launchDueProbes(this.probeHost(), docker, current, observed, env.address) > 0) {
      // The probes just started are in flight now: the next time is what remains.
      this.wake.reset(this.computeOnce(current, observed).requeueAfterMs);
    }
    return false;
  }

  /**
   * Waits for one of the engine's slots (only to create something: stopping pods, mostly waiting
   * out grace periods, all go at once), then decides again — the pod or its containers may have
   * changed while it queued behind other pods — and carries out what that decision asks for. The
   * state of the first decision is not kept: planning a start already counts it for the back-off.
   */
  private async act(docker: Docker, needsSlot: boolean): Promise<boolean> {
    const { env } = this;
    const run = needsSlot
      ? <T>(op: (release: () => void) => Promise<T>) => env.limiter.run(op)
      : <T>(op: (release: () => void) => Promise<T>) => op(() => undefined);
    return run(async (release) => {
      const r = await this.compute(docker);
      const pod = this.pod;
      if (!r || !pod) return true;
      this.state = r.result.state;
      this.writeStatus(pod, r.result);
      for (const e of r.result.events) env.events.event(pod, e);
      if (r.result.actions.length === 0) return true;
      await this.execute(docker, pod, r.observed, r.result.actions, release);
      await env.cache.refreshPod(this.uid);
      return true;
    });
  }

  private computeOnce(pod: Pod, observed: ObservedPod, unknown?: Set<string>): ComputeResult {
    return computeForPod(this.env, pod, observed, this.state, unknown);
  }

  /** computePodActions, asking the engine first about images the cache does not know. */
  private async compute(
    docker: Docker,
  ): Promise<{ result: ComputeResult; observed: ObservedPod } | undefined> {
    const unknown = new Set<string>();
    for (let round = 0; round < 2; round++) {
      const pod = this.pod;
      if (!pod) return undefined;
      const observed = this.env.cache.pod(this.uid) ?? emptyObserved(this.uid, pod);
      const result = this.computeOnce(pod, observed, unknown);
      if (unknown.size === 0 || round === 1) return { result, observed };
      await this.env.images.check(docker, unknown);
      unknown.clear();
    }
    return undefined;
  }

  private writeStatus(pod: Pod, result: ComputeResult): void {
    this.writing = true;
    try {
      writePodStatus(this.env.store, this.uid, pod, result.status);
    } finally {
      this.writing = false;
    }
  }

  private async execute(
    docker: Docker,
    pod: Pod,
    observed: ObservedPod,
    actions: PodAction[],
    releaseSlot: () => void,
  ): Promise<void> {
    const { env } = this;
    const sb = observed.sandbox;
    const ctx: ExecContext = {
      docker,
      gate: env.networkGate,
      node: { name: env.nodeName, address: env.address, policy: env.policy },
      capacity: env.capacity(),
      pod,
      sources: storeSources(env.store, pod.metadata.namespace ?? "default"),
      images: env.images,
      pullTimeoutMs: env.settings.pullTimeoutMs,
      hooks: env.hooks,
      event: (e) => env.events.event(pod, e),
      sandbox:
        sb?.state === "running"
          ? {
              id: sb.id,
              ip: sb.ip ?? "",
              attempt: sb.attempt,
              ...(sb.terminationDir !== undefined ? { terminationDir: sb.terminationDir } : {}),
            }
          : undefined,
      projection: this.projection.record,
      pulled: new Set(),
    };
    // The slot bounds the heavy part — sandboxes (network, volumes) and pulls; a container joining
    // a running sandbox is light, and the next pod's sandbox need not wait for it.
    const lastHeavy = actions.findLastIndex((a) => a.type === "ensureSandbox" || a.type === "pullImage");
    for (const [i, action] of actions.entries()) {
      if (this.isStopped) break;
      if (i > lastHeavy) releaseSlot();
      const outcome = await runAction(ctx, action);
      const now = env.clock.now();
      if (outcome.ok) {
        this.state = recordActionSuccess(this.state, action, now);
        if (action.type === "removePod") finalizeDeletion(env.store, this.uid, pod);
        continue;
      }
      this.state = recordActionFailure(this.state, action, outcome.failure, now, env.settings.lifecycle);
      env.log.debug(
        { node: env.nodeName, pod: this.describe(), action: action.type, err: outcome.failure.message },
        "action failed",
      );
      if (action.type === "ensureSandbox") break;
    }
    this.projection = { ...this.projection, record: ctx.projection };
  }

  /** No pod in the store for these containers (deleted, moved, or never known): stop and remove them. */
  private async cleanUp(docker: Docker): Promise<boolean> {
    const { env } = this;
    const observed = env.cache.pod(this.uid);
    if (!observed) {
      this.finish();
      return false;
    }
    // Containers of a pod berth never saw wait until the store is surely complete.
    if (!this.lastPod && !env.orphansAllowed()) return false;
    const grace = this.lastPod?.spec.terminationGracePeriodSeconds ?? UNKNOWN_POD_GRACE_SECONDS;
    env.log.info(
      { node: env.nodeName, pod: `${observed.namespace}/${observed.name}`, uid: this.uid },
      this.lastPod ? "removing the containers of a pod no longer bound here" : "removing orphaned containers",
    );
    await stopPod(docker, this.uid, grace, env.networkGate.leave);
    await removePod(docker, this.uid, env.networkGate.leave);
    await env.cache.refreshPod(this.uid);
    return true;
  }

  private finish(): void {
    this.stop();
    this.env.events.forget(this.uid);
    this.env.done(this.uid);
  }

  private probeHost(): ProbeHost {
    return {
      clock: this.env.clock,
      getState: () => this.state,
      setState: (s) => (this.state = s),
      currentPod: () => this.pod,
      currentObserved: () => this.env.cache.pod(this.uid),
      event: (pod, e) => this.env.events.event(pod, e),
      verdictChanged: () => this.kick(),
      dueAt: (ms) => this.wake.at(ms),
      stopped: () => this.isStopped,
    };
  }
}

// A fake node for lifecycle tests: it carries out PodActions on in-memory containers, so a test can
// run computePodActions pass after pass under a fake clock and make containers exit when it likes.

import { computePodActions } from "../../../../src/runtime/lifecycle/compute.js";
import { recordActionFailure, recordActionSuccess } from "../../../../src/runtime/lifecycle/feedback.js";
import {
  emptyPodRuntimeState,
  type ComputeResult,
  type LifecycleConfig,
  type ObservedContainer,
  type ObservedPod,
  type ObservedSandbox,
  type PodAction,
  type PodRuntimeState,
} from "../../../../src/runtime/lifecycle/types.js";
import type { Container, Pod, PodSpec } from "../../../../src/manifest/types.js";
import { FakeClock } from "../../../../src/util/clock.js";

export const T0 = Date.parse("2026-01-01T00:00:00Z");

export function makePod(spec: Partial<PodSpec> & { containers: Container[] }, name = "web-abc"): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: "uid-1", labels: {}, annotations: {} },
    spec: { restartPolicy: "Always", terminationGracePeriodSeconds: 30, ...spec },
  };
}

export function container(name: string, extra: Partial<Container> = {}): Container {
  return { name, image: "berth.local/web:1", imagePullPolicy: "IfNotPresent", ...extra };
}

export const specHashOf = (c: Container): string => `hash:${c.image}`;

export class FakeNode {
  readonly clock = new FakeClock(T0);
  sandbox: ObservedSandbox | undefined;
  containers: ObservedContainer[] = [];
  readonly images = new Set<string>(["berth.local/web:1", "berth.local/busybox:1"]);
  /** Images whose pull fails, with the error. */
  readonly pullErrors = new Map<string, string>();
  /** Containers whose start fails, with the reason and message. */
  readonly startErrors = new Map<string, { reason: string; message: string }>();
  readonly log: PodAction[] = [];
  state: PodRuntimeState = emptyPodRuntimeState();
  last: ComputeResult | undefined;
  private ids = 0;

  constructor(
    public pod: Pod,
    readonly config: Partial<LifecycleConfig> = {},
  ) {}

  get now(): number {
    return this.clock.now();
  }

  observed(): ObservedPod {
    const observed: ObservedPod = { uid: "uid-1", containers: this.containers.map((c) => ({ ...c })) };
    if (this.sandbox) observed.sandbox = { ...this.sandbox };
    return observed;
  }

  /** One pass: compute, write the status back to the pod, carry out the actions. */
  sync(): ComputeResult {
    const result = computePodActions(this.pod, this.observed(), this.state, {
      now: this.now,
      specHashOf,
      sandboxSpecHash: "sandbox:1",
      imagePresent: (image) => this.images.has(image),
      hostIP: "10.0.0.1",
      config: this.config,
    });
    this.state = result.state;
    this.pod = { ...this.pod, status: result.status };
    for (const action of result.actions) this.apply(action);
    this.last = result;
    return result;
  }

  /** Passes until nothing more is done (at most `max`), without moving the clock. */
  settle(max = 10): ComputeResult {
    let result = this.sync();
    for (let i = 0; i < max && result.actions.length > 0; i++) result = this.sync();
    return result;
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  private apply(action: PodAction): void {
    this.log.push(action);
    const now = new Date(this.now).toISOString();
    switch (action.type) {
      case "ensureSandbox":
        this.sandbox = {
          ...this.base(`sb${++this.ids}`, "POD", "sandbox", action.attempt, "sandbox:1"),
          state: "running",
          startedAt: now,
          ip: `172.17.0.${this.ids}`,
        };
        this.state = recordActionSuccess(this.state, action, this.now);
        break;
      case "pullImage": {
        const error = this.pullErrors.get(action.image);
        if (error)
          this.state = recordActionFailure(this.state, action, { message: error }, this.now, this.config);
        else {
          this.images.add(action.image);
          this.state = recordActionSuccess(this.state, action, this.now);
        }
        break;
      }
      case "startInit":
      case "startContainer": {
        const failure = this.startErrors.get(action.name);
        if (failure) {
          this.state = recordActionFailure(this.state, action, failure, this.now, this.config);
          break;
        }
        const spec = [...(this.pod.spec.initContainers ?? []), ...this.pod.spec.containers].find(
          (c) => c.name === action.name,
        );
        const role = action.type === "startInit" ? "init" : "app";
        this.containers.push({
          ...this.base(`c${++this.ids}`, action.name, role, action.attempt, action.specHash),
          image: spec?.image ?? "",
          state: "running",
          startedAt: now,
        });
        this.state = recordActionSuccess(this.state, action, this.now);
        break;
      }
      case "killContainer":
        this.stop(this.find(action.id), 137);
        break;
      case "killPod":
        for (const c of this.containers) if (c.state === "running") this.stop(c, 137);
        if (this.sandbox?.state === "running") this.stop(this.sandbox, 0);
        break;
      case "removeContainer":
        this.containers = this.containers.filter((c) => c.id !== action.id);
        break;
      case "removePod":
        this.containers = [];
        this.sandbox = undefined;
        break;
    }
  }

  private base(id: string, name: string, role: ObservedContainer["role"], attempt: number, specHash: string) {
    return {
      id,
      name,
      role,
      attempt,
      specHash,
      oomKilled: false,
      image: "",
      imageId: `docker://sha256:${name}`,
    };
  }

  private find(id: string): ObservedContainer {
    const c = this.containers.find((x) => x.id === id);
    if (!c) throw new Error(`no container ${id}`);
    return c;
  }

  private stop(c: ObservedContainer, exitCode: number, oomKilled = false): void {
    c.state = "exited";
    c.exitCode = exitCode;
    c.oomKilled = oomKilled;
    c.finishedAt = new Date(this.now).toISOString();
  }

  /** The newest running instance of `name` exits now. */
  exit(name: string, exitCode: number, opts: { oomKilled?: boolean } = {}): void {
    const c = this.running(name);
    if (!c) throw new Error(`${name} is not running`);
    this.stop(c, exitCode, opts.oomKilled);
  }

  running(name: string): ObservedContainer | undefined {
    return this.containers.find((c) => c.name === name && c.state === "running");
  }

  instances(name: string): ObservedContainer[] {
    return this.containers.filter((c) => c.name === name).sort((a, b) => b.attempt - a.attempt);
  }

  /** Start actions for `name` carried out so far. */
  starts(name: string): PodAction[] {
    return this.log.filter((a) => (a.type === "startContainer" || a.type === "startInit") && a.name === name);
  }

  status(name: string) {
    const statuses = [
      ...(this.pod.status?.initContainerStatuses ?? []),
      ...(this.pod.status?.containerStatuses ?? []),
    ];
    const s = statuses.find((x) => x.name === name);
    if (!s) throw new Error(`no status for ${name}`);
    return s;
  }
}

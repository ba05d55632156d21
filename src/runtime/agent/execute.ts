// Carries out one lifecycle action on the engine (docs/runtime.md, "Mapping the lifecycle core's
// actions") and says how it went, with the events the kubelet records for it: Pulling, Pulled,
// Created, Started, Failed, FailedCreatePodSandBox, FailedMount.

import type Docker from "dockerode";
import type { Container, Pod } from "../../manifest/types.js";
import { errorMessage } from "../../util/errors.js";
import { isRuntimeError } from "../errors.js";
import {
  createContainer,
  killContainer,
  removeContainer,
  removePod,
  startContainer,
  stopContainer,
  stopPod,
} from "../docker/containers.js";
import { createSandbox, removeSandbox, startSandbox, type SandboxOptions } from "../docker/sandbox.js";
import { ensureImage } from "../images.js";
import type { ActionFailure } from "../lifecycle/feedback.js";
import type { PodAction } from "../lifecycle/types.js";
import type { NodePolicy } from "../node.js";
import type { ConfigSources, NodeCapacity } from "../spec/context.js";
import type { PodEvent } from "./event-sink.js";
import type { ImagePresence } from "./image-presence.js";
import type { SandboxGate } from "./network-gate.js";
import { projectInto, type ProjectionRecord } from "./pod-projection.js";
import { unloadedMessage, unloadedSecrets } from "./sources.js";

/** Hooks for the networking layer: service variables and the sandbox's aliases and resolver. */
export interface AgentHooks {
  serviceEnv?(pod: Pod): ReadonlyMap<string, string> | undefined;
  sandboxOptions?(pod: Pod): Omit<SandboxOptions, "attempt">;
  /** Whether drift of this pod is put back (its app's selfHeal); default yes. */
  healDrift?(pod: Pod): boolean;
  /** The pod's drift as found by its last pass (undefined: none), for status. */
  reportDrift?(pod: Pod, drift: string | undefined): void;
}

export interface ExecContext {
  docker: Docker;
  /** Sandbox starts (join) and teardowns (leave) go through here. */
  gate: SandboxGate;
  node: { name: string; address: string; policy: NodePolicy };
  capacity: NodeCapacity;
  pod: Pod;
  sources: ConfigSources;
  images: ImagePresence;
  pullTimeoutMs: number;
  hooks: AgentHooks;
  event(e: PodEvent): void;
  /** The pod's running sandbox as far as this pass knows (ensureSandbox replaces it). */
  sandbox: RunningSandbox | undefined;
  projection: ProjectionRecord | undefined;
  /** Images pulled by this pass (their containers get "Pulled", not "already present"). */
  pulled: Set<string>;
}

export interface RunningSandbox {
  id: string;
  ip: string;
  /** 0 for the pod's first sandbox (the one whose termination volume holds unused presets). */
  attempt: number;
  terminationDir?: string;
}

export type ActionOutcome = { ok: true } | { ok: false; failure: ActionFailure };

const ok: ActionOutcome = { ok: true };

function failed(reason: string | undefined, message: string): ActionOutcome {
  return { ok: false, failure: reason === undefined ? { message } : { reason, message } };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, "")}s`;
}

/** Writes the pod's configMap/secret volumes into its sandbox when this sandbox has not had them. */
export async function ensureProjected(ctx: ExecContext): Promise<ActionOutcome> {
  const sb = ctx.sandbox;
  if (!sb || ctx.projection?.sandboxId === sb.id) return ok;
  const r = await projectInto(ctx.docker, ctx.pod, ctx.sources, sb.id);
  if (r.ok) {
    ctx.projection = r.record;
    return ok;
  }
  if (!r.unloaded) ctx.event({ type: "Warning", reason: "FailedMount", message: r.message });
  return failed("ContainerCreating", r.message);
}

async function ensureSandbox(
  ctx: ExecContext,
  a: Extract<PodAction, { type: "ensureSandbox" }>,
): Promise<ActionOutcome> {
  try {
    const replaces = a.replaces;
    if (replaces !== undefined) await ctx.gate.leave(() => removeSandbox(ctx.docker, replaces));
    ctx.sandbox = undefined;
    const created = await createSandbox(ctx.docker, ctx.node, ctx.pod, {
      ...(ctx.hooks.sandboxOptions?.(ctx.pod) ?? {}),
      attempt: a.attempt,
    });
    const started = await ctx.gate.join(() => startSandbox(ctx.docker, created.id));
    ctx.sandbox = {
      id: created.id,
      ip: started.podIP,
      attempt: a.attempt,
      ...(started.terminationDir !== undefined ? { terminationDir: started.terminationDir } : {}),
    };
    ctx.projection = undefined;
  } catch (e) {
    const message = `Failed to create pod sandbox: ${errorMessage(e)}`;
    ctx.event({ type: "Warning", reason: "FailedCreatePodSandBox", message });
    return failed(undefined, message);
  }
  // A missing ConfigMap does not undo the sandbox: the containers wait for their files instead.
  await ensureProjected(ctx);
  return ok;
}

async function pull(ctx: ExecContext, a: Extract<PodAction, { type: "pullImage" }>): Promise<ActionOutcome> {
  ctx.event({ type: "Normal", reason: "Pulling", message: `Pulling image "${a.image}"` });
  const started = Date.now();
  const r = await ensureImage(ctx.docker, a.image, { policy: a.pullPolicy, timeoutMs: ctx.pullTimeoutMs });
  if (r.ok && r.warning === undefined) {
    ctx.images.set(a.image, true);
    ctx.pulled.add(a.image);
    const took = seconds(Date.now() - started);
    ctx.event({
      type: "Normal",
      reason: "Pulled",
      message: `Successfully pulled image "${a.image}" in ${took} (${took} including waiting)`,
    });
    return ok;
  }
  if (r.ok) {
    // The pull failed but the image is here: a failed pull for the backoff, after which the core
    // starts the local copy and records PullFailedUsingLocal itself.
    ctx.images.set(a.image, true);
    return failed("ErrImagePull", r.warning?.message ?? "pull failed");
  }
  ctx.images.set(a.image, false);
  ctx.event({ type: "Warning", reason: "Failed", message: r.message });
  ctx.event({ type: "Warning", reason: "Failed", message: `Error: ${r.reason}` });
  return failed(r.reason, r.message);
}

function specOf(pod: Pod, role: "init" | "app", name: string): Container | undefined {
  const list = role === "init" ? (pod.spec.initContainers ?? []) : pod.spec.containers;
  return list.find((c) => c.name === name);
}

function startReason(e: unknown): string {
  if (!isRuntimeError(e)) return "CreateContainerError";
  return e.reason === "PolicyViolation" || e.reason === "FailedMount"
    ? "CreateContainerConfigError"
    : e.reason;
}

async function start(
  ctx: ExecContext,
  a: Extract<PodAction, { type: "startInit" | "startContainer" }>,
): Promise<ActionOutcome> {
  const role = a.type === "startInit" ? "init" : "app";
  const container = specOf(ctx.pod, role, a.name);
  if (!container) return failed("CreateContainerError", `container ${a.name} is not in the pod's spec`);
  const sb = ctx.sandbox;
  if (!sb) return failed("CreateContainerError", "the pod sandbox is not running");
  const unloaded = unloadedSecrets(ctx.pod, ctx.sources);
  if (unloaded.length > 0) return failed("CreateContainerConfigError", unloadedMessage(unloaded));
  const projected = await ensureProjected(ctx);
  if (!projected.ok) return projected;
  if (!ctx.pulled.has(container.image)) {
    ctx.event({
      type: "Normal",
      reason: "Pulled",
      message: `Container image "${container.image}" already present on machine`,
    });
  }
  let id: string;
  try {
    const serviceEnv = ctx.hooks.serviceEnv?.(ctx.pod);
    const created = await createContainer(ctx.docker, {
      pod: ctx.pod,
      container,
      role,
      attempt: a.attempt,
      node: { name: ctx.node.name, policy: ctx.node.policy },
      sandboxId: sb.id,
      sandbox: sb,
      sources: ctx.sources,
      facts: {
        nodeName: ctx.node.name,
        hostIP: ctx.node.address,
        podIP: ctx.pod.spec.hostNetwork === true ? ctx.node.address : sb.ip,
        capacity: ctx.capacity,
      },
      ...(serviceEnv ? { serviceEnv } : {}),
    });
    id = created.id;
    for (const w of created.warnings) ctx.event({ type: "Warning", reason: w.reason, message: w.message });
  } catch (e) {
    const message = errorMessage(e);
    if (/no such image/i.test(message)) ctx.images.forget(container.image);
    ctx.event({ type: "Warning", reason: "Failed", message: `Error: ${message}` });
    return failed(startReason(e), message);
  }
  ctx.event({ type: "Normal", reason: "Created", message: `Created container ${a.name}` });
  try {
    await startContainer(ctx.docker, id);
  } catch (e) {
    const message = errorMessage(e);
    ctx.event({ type: "Warning", reason: "Failed", message: `Error: ${message}` });
    return failed("RunContainerError", message);
  }
  ctx.event({ type: "Normal", reason: "Started", message: `Started container ${a.name}` });
  return ok;
}

/** Runs one action to completion. Engine failures become a failed outcome, never a throw. */
export async function runAction(ctx: ExecContext, a: PodAction): Promise<ActionOutcome> {
  try {
    switch (a.type) {
      case "ensureSandbox":
        return await ensureSandbox(ctx, a);
      case "pullImage":
        return await pull(ctx, a);
      case "startInit":
      case "startContainer":
        return await start(ctx, a);
      case "killContainer":
        if (a.role === "sandbox") await ctx.gate.leave(() => killContainer(ctx.docker, a.id));
        else await stopContainer(ctx.docker, a.id, a.gracePeriodSeconds);
        return ok;
      case "removeContainer":
        await removeContainer(ctx.docker, a.id, { force: true });
        return ok;
      case "killPod":
        await stopPod(ctx.docker, ctx.pod.metadata.uid ?? "", a.gracePeriodSeconds, ctx.gate.leave);
        return ok;
      case "removePod":
        await removePod(ctx.docker, ctx.pod.metadata.uid ?? "", ctx.gate.leave);
        return ok;
    }
  } catch (e) {
    return failed(undefined, errorMessage(e));
  }
}

// Init and app containers on an engine: create (joined to the pod's sandbox), start, stop with a
// grace period, kill, remove, wait — plus removing everything of a pod.

import type Docker from "dockerode";
import { BerthError } from "../../util/errors.js";
import { RuntimeError } from "../errors.js";
import { LABEL } from "../labels.js";
import { buildContainer, type ContainerBuildInput } from "../spec/container.js";
import type { SpecWarning } from "../spec/env.js";
import { effectiveIdentity, verifyRunAsNonRoot } from "../spec/security.js";
import { planVolumes } from "../spec/volumes.js";
import { engineMessage, isConflict, isNotFound, isNotModified } from "./errors.js";
import { prepareTerminationLog, terminationPreset, type TerminationTarget } from "./termination.js";
import { removePodVolumes } from "./volumes.js";

export interface CreatedContainer {
  id: string;
  name: string;
  specHash: string;
  /** Warning events to record on the pod (InvalidEnvironmentVariableNames, …). */
  warnings: SpecWarning[];
}

async function volumeMountpoints(docker: Docker, input: ContainerBuildInput): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const v of planVolumes(input.pod, input.node.name, input.node.policy).volumes) {
    const info = (await docker.getVolume(v.name).inspect()) as { Mountpoint: string };
    out.set(v.name, info.Mountpoint);
  }
  return out;
}

/**
 * Creates (does not start) an init or app container. Throws RuntimeError:
 * CreateContainerConfigError (missing ConfigMap/Secret/key, runAsNonRoot violated),
 * PolicyViolation, or CreateContainerError (the engine refused: name in use, image gone, …).
 */
export async function createContainer(docker: Docker, input: ContainerBuildInput): Promise<CreatedContainer> {
  let mountpoints = input.mountpoints;
  if (!mountpoints && (input.container.volumeMounts ?? []).some((m) => m.subPath)) {
    mountpoints = await volumeMountpoints(docker, input);
  }
  const target: TerminationTarget = {
    sandboxId: input.sandboxId,
    ...(input.sandbox ? { sandbox: input.sandbox } : {}),
    pod: input.pod,
    container: input.container.name,
    attempt: input.attempt,
  };
  let terminationLogHostPath = input.terminationLogHostPath;
  const preset = terminationLogHostPath === undefined ? terminationPreset(target) : undefined;
  terminationLogHostPath ??= preset ?? (await prepareTerminationLog(docker, target));
  const build = (logPath: string | undefined) =>
    buildContainer({
      ...input,
      ...(mountpoints ? { mountpoints } : {}),
      ...(logPath !== undefined ? { terminationLogHostPath: logPath } : {}),
    });
  let built = build(terminationLogHostPath);
  if (effectiveIdentity(input.pod, input.container).nonRoot) {
    const image = await docker.getImage(input.container.image).inspect();
    verifyRunAsNonRoot(input.pod, input.container, image.Config.User);
  }
  try {
    let c: Docker.Container;
    try {
      c = await docker.createContainer(built.options as unknown as Docker.ContainerCreateOptions);
    } catch (e) {
      // A sandbox whose volume did not get the presets (made by an older berth): upload the file.
      if (preset === undefined || !isMissingBindSource(e, preset)) throw e;
      built = build(await prepareTerminationLog(docker, target));
      c = await docker.createContainer(built.options as unknown as Docker.ContainerCreateOptions);
    }
    return { id: c.id, name: built.options.name, specHash: built.specHash, warnings: built.warnings };
  } catch (e) {
    const code = isConflict(e) ? "E_NAME_IN_USE" : "E_CONTAINER_CREATE";
    throw new RuntimeError(
      code,
      "CreateContainerError",
      `creating container ${built.options.name}: ${engineMessage(e)}`,
      {
        cause: e,
      },
    );
  }
}

function isMissingBindSource(e: unknown, path: string): boolean {
  const m = engineMessage(e);
  return m.includes("bind source path does not exist") && m.includes(path);
}

/** Starts a created container. Throws RuntimeError RunContainerError with the engine's reason
 * (executable not found, …); the container then stays `created` with State.Error set. */
export async function startContainer(docker: Docker, id: string): Promise<void> {
  try {
    await docker.getContainer(id).start();
  } catch (e) {
    if (isNotModified(e)) return;
    throw new RuntimeError("E_CONTAINER_START", "RunContainerError", engineMessage(e), { cause: e });
  }
}

/** SIGTERM (or the image's STOPSIGNAL), then SIGKILL after `graceSeconds`. Resolves when the
 * container has stopped; absent or already stopped is fine. */
export async function stopContainer(docker: Docker, id: string, graceSeconds: number): Promise<void> {
  try {
    await docker.getContainer(id).stop({ t: Math.max(0, Math.floor(graceSeconds)) });
  } catch (e) {
    if (isNotModified(e) || isNotFound(e)) return;
    throw new BerthError("E_DOCKER", `stopping ${id.slice(0, 12)}: ${engineMessage(e)}`, { cause: e });
  }
}

export async function killContainer(docker: Docker, id: string, signal = "SIGKILL"): Promise<void> {
  try {
    await docker.getContainer(id).kill({ signal });
  } catch (e) {
    // 409: not running.
    if (isNotFound(e) || isConflict(e)) return;
    throw new BerthError("E_DOCKER", `killing ${id.slice(0, 12)}: ${engineMessage(e)}`, { cause: e });
  }
}

/** Removes a container (force: even a running one). Absent is fine. */
export async function removeContainer(
  docker: Docker,
  id: string,
  opts: { force?: boolean } = {},
): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: opts.force === true });
  } catch (e) {
    if (isNotFound(e)) return;
    // 409 "removal already in progress" means it is going away anyway.
    if (isConflict(e) && engineMessage(e).includes("already in progress")) return;
    throw new BerthError("E_DOCKER", `removing ${id.slice(0, 12)}: ${engineMessage(e)}`, { cause: e });
  }
}

/** Waits for the container to exit; resolves with its exit code, or undefined on timeout. */
export async function waitContainer(
  docker: Docker,
  id: string,
  timeoutMs: number,
): Promise<number | undefined> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const wait = docker.getContainer(id).wait.bind(docker.getContainer(id)) as unknown as (o: {
      abortSignal: AbortSignal;
    }) => Promise<{ StatusCode: number }>;
    const r = await wait({ abortSignal: signal });
    return r.StatusCode;
  } catch (e) {
    if (signal.aborted) return undefined;
    throw new BerthError("E_DOCKER", `waiting for ${id.slice(0, 12)}: ${engineMessage(e)}`, { cause: e });
  }
}

async function podContainers(docker: Docker, podUid: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({
    all: true,
    filters: { label: [`${LABEL.managed}=true`, `${LABEL.podUid}=${podUid}`] },
  });
}

/**
 * Runs an operation that attaches a sandbox to or detaches it from its network. Engines of the
 * 20.10 line deadlock when two such operations race (moby/moby#46661: libnetwork takes the network
 * and controller locks in opposite orders), so a caller may pass a gate that runs them one at a time.
 */
export type NetworkGate = <T>(op: () => Promise<T>) => Promise<T>;

export const UNGATED: NetworkGate = (op) => op();

/**
 * Stops a pod on this engine: every running init/app container at once with the grace period,
 * then the sandbox is killed (through `gate`, and only done once the engine has processed its
 * exit). The containers stay (for logs, status and termination messages).
 */
export async function stopPod(
  docker: Docker,
  podUid: string,
  graceSeconds: number,
  gate: NetworkGate = UNGATED,
): Promise<void> {
  const list = await podContainers(docker, podUid);
  const running = (c: Docker.ContainerInfo) =>
    c.State === "running" || c.State === "restarting" || c.State === "paused";
  await Promise.all(
    list
      .filter((c) => c.Labels[LABEL.role] !== "sandbox" && running(c))
      .map((c) => stopContainer(docker, c.Id, graceSeconds)),
  );
  for (const s of list.filter((c) => c.Labels[LABEL.role] === "sandbox" && running(c))) {
    await gate(async () => {
      await killContainer(docker, s.Id);
      await waitContainer(docker, s.Id, 10_000).catch(() => undefined);
    });
  }
}

/**
 * Removes every container of a pod on this engine (app and init first, the sandbox last, through
 * `gate` while it still runs), then its pod-lifetime volumes. Claims stay. Returns volume names
 * still in use (normally none).
 */
export async function removePod(
  docker: Docker,
  podUid: string,
  gate: NetworkGate = UNGATED,
): Promise<string[]> {
  const list = await podContainers(docker, podUid);
  const sandboxes = list.filter((c) => c.Labels[LABEL.role] === "sandbox");
  const others = list.filter((c) => c.Labels[LABEL.role] !== "sandbox");
  await Promise.all(others.map((c) => removeContainer(docker, c.Id, { force: true })));
  for (const s of sandboxes) {
    const remove = () => removeContainer(docker, s.Id, { force: true });
    // A stopped sandbox left its network when it stopped: removing it takes no network lock.
    await (s.State === "exited" || s.State === "dead" || s.State === "created" ? remove() : gate(remove));
  }
  return removePodVolumes(docker, podUid);
}

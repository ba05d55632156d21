// Getting a container's image onto an engine, by imagePullPolicy. Never throws for pull
// failures: the result says what happened, and the lifecycle logic turns repeated ErrImagePull
// into ImagePullBackOff.
//
// Decision (offline Docker hosts): with `Always`, when the pull fails but the image is present
// locally, berth uses the local image and reports a Warning (PullFailedUsingLocal) instead of
// failing the pod. A Kubernetes node would fail; a Docker host without a registry would then
// never start anything tagged :latest.

import type Docker from "dockerode";
import type { Container, PullPolicy } from "../manifest/types.js";
import { engineMessage, isNotFound } from "./docker/errors.js";
import { progressError, readProgress } from "./docker/stream.js";

export const DEFAULT_PULL_TIMEOUT_MS = 5 * 60_000;

export type ImageResult =
  | {
      ok: true;
      imageId: string;
      pulled: boolean;
      warning?: { reason: "PullFailedUsingLocal"; message: string };
    }
  | { ok: false; reason: "ErrImagePull" | "ErrImageNeverPull" | "InvalidImageName"; message: string };

export interface ImageRef {
  /** Repository with registry, without tag or digest: "docker.io/library/nginx" stays "nginx". */
  repository: string;
  tag?: string;
  digest?: string;
}

const REFERENCE =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const HOST = /^(?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*|\[[0-9a-fA-F:]+\])(?::\d+)?$/;

/** Splits `registry:5000/team/app:1.2@sha256:…`; undefined when it is not a valid reference. */
export function parseImageRef(image: string): ImageRef | undefined {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return undefined;
  }
  if (rest === "") return undefined;
  const parts = rest.split("/");
  const first = parts[0] ?? "";
  const hasHost = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasHost && !HOST.test(first)) return undefined;
  const path = hasHost ? parts.slice(1).join("/") : rest;
  if (!REFERENCE.test(path)) return undefined;
  const out: ImageRef = { repository: rest };
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  return out;
}

/** Kubernetes' default when the manifest sets none: Always for :latest or no tag, else IfNotPresent. */
export function defaultPullPolicy(image: string): PullPolicy {
  const ref = parseImageRef(image);
  if (!ref) return "IfNotPresent";
  if (ref.digest !== undefined) return "IfNotPresent";
  return ref.tag === undefined || ref.tag === "latest" ? "Always" : "IfNotPresent";
}

/** The reference Docker stores: a missing tag means :latest. */
export function normalizedImage(image: string): string {
  const ref = parseImageRef(image);
  if (!ref || ref.digest !== undefined || ref.tag !== undefined) return image;
  return `${image}:latest`;
}

async function localImageId(docker: Docker, image: string): Promise<string | undefined> {
  try {
    const info = await docker.getImage(normalizedImage(image)).inspect();
    return info.Id;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** Pulls `image`; resolves with the engine's error message, or undefined on success. */
export async function pullImage(
  docker: Docker,
  image: string,
  timeoutMs = DEFAULT_PULL_TIMEOUT_MS,
): Promise<string | undefined> {
  const ref = parseImageRef(image);
  if (!ref) return `invalid image reference "${image}"`;
  const signal = AbortSignal.timeout(timeoutMs);
  const opts: Record<string, unknown> = { fromImage: ref.repository, abortSignal: signal };
  if (ref.digest !== undefined) opts.fromImage = `${ref.repository}@${ref.digest}`;
  else opts.tag = ref.tag ?? "latest";
  try {
    const stream = await docker.createImage(opts);
    signal.addEventListener("abort", () => (stream as unknown as { destroy?: () => void }).destroy?.(), {
      once: true,
    });
    return progressError(await readProgress(stream));
  } catch (e) {
    if (signal.aborted) return `pull of ${image} timed out after ${Math.round(timeoutMs / 1000)}s`;
    return engineMessage(e);
  }
}

export interface EnsureImageOptions {
  /** Defaults to the container's imagePullPolicy, else Kubernetes' default for the tag. */
  policy?: PullPolicy;
  timeoutMs?: number;
}

/** Makes `image` available on the engine according to the pull policy. Never throws for
 * registry or pull problems; engine connection failures (the engine itself is gone) do throw. */
export async function ensureImage(
  docker: Docker,
  image: string,
  opts: EnsureImageOptions = {},
): Promise<ImageResult> {
  if (!parseImageRef(image)) {
    return {
      ok: false,
      reason: "InvalidImageName",
      message: `Failed to apply default image tag "${image}": invalid reference format`,
    };
  }
  const policy = opts.policy ?? defaultPullPolicy(image);
  const present = await localImageId(docker, image);
  if (policy === "Never") {
    if (present !== undefined) return { ok: true, imageId: present, pulled: false };
    return {
      ok: false,
      reason: "ErrImageNeverPull",
      message: `Container image "${image}" is not present with pull policy of Never`,
    };
  }
  if (policy === "IfNotPresent" && present !== undefined)
    return { ok: true, imageId: present, pulled: false };

  const err = await pullImage(docker, image, opts.timeoutMs);
  if (err === undefined) {
    const id = await localImageId(docker, image);
    if (id !== undefined) return { ok: true, imageId: id, pulled: true };
    return {
      ok: false,
      reason: "ErrImagePull",
      message: `pull of ${image} reported success but the image is absent`,
    };
  }
  if (present !== undefined) {
    return {
      ok: true,
      imageId: present,
      pulled: false,
      warning: {
        reason: "PullFailedUsingLocal",
        message: `Failed to pull image "${image}" (${err}); using the image present on the node`,
      },
    };
  }
  return { ok: false, reason: "ErrImagePull", message: `Failed to pull image "${image}": ${err}` };
}

/** ensureImage with the container's own policy. */
export function ensureContainerImage(docker: Docker, c: Container, timeoutMs?: number): Promise<ImageResult> {
  return ensureImage(docker, c.image, {
    ...(c.imagePullPolicy ? { policy: c.imagePullPolicy } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
}

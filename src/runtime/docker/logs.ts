// Container logs (for `berth logs`): a snapshot or a follow stream, stdout and stderr
// interleaved. `previous` reads the container's prior attempt, which the lifecycle keeps (like
// the kubelet keeps the last dead container) until the pod goes away.

import { PassThrough, type Readable } from "node:stream";
import type Docker from "dockerode";
import { BerthError } from "../../util/errors.js";
import { LABEL } from "../labels.js";
import { demuxToBuffer } from "./demux.js";
import { engineMessage, isNotFound } from "./errors.js";

export interface LogOptions {
  follow?: boolean;
  /** Last N lines; all when absent. */
  tail?: number;
  /** Unix seconds. */
  since?: number;
  timestamps?: boolean;
  /** The previous attempt of the same container in the same pod. */
  previous?: boolean;
}

/** The id of the attempt before `containerId`'s. Throws E_NO_PREVIOUS when there is none. */
export async function previousAttempt(docker: Docker, containerId: string): Promise<string> {
  const info = await docker.getContainer(containerId).inspect();
  const labels = info.Config.Labels;
  const uid = labels[LABEL.podUid];
  const name = labels[LABEL.containerName];
  const attempt = Number(labels[LABEL.restartCount] ?? "0");
  if (uid === undefined || name === undefined) {
    throw new BerthError("E_NO_PREVIOUS", `container ${containerId.slice(0, 12)} is not managed by berth`);
  }
  const list = await docker.listContainers({
    all: true,
    filters: { label: [`${LABEL.podUid}=${uid}`, `${LABEL.containerName}=${name}`] },
  });
  let best: { id: string; attempt: number } | undefined;
  for (const c of list) {
    const a = Number(c.Labels[LABEL.restartCount] ?? "0");
    if (a < attempt && (!best || a > best.attempt)) best = { id: c.Id, attempt: a };
  }
  if (!best) {
    throw new BerthError(
      "E_NO_PREVIOUS",
      `previous terminated container "${name}" in pod "${labels[LABEL.podName] ?? ""}" not found`,
    );
  }
  return best.id;
}

/** A readable of the log bytes; ends when the logs do (never, while following a running container). */
export async function logs(docker: Docker, containerId: string, opts: LogOptions = {}): Promise<Readable> {
  try {
    const id = opts.previous ? await previousAttempt(docker, containerId) : containerId;
    const c = docker.getContainer(id);
    const tty = (await c.inspect()).Config.Tty;
    const q = {
      stdout: true,
      stderr: true,
      timestamps: opts.timestamps === true,
      ...(opts.tail !== undefined ? { tail: opts.tail } : {}),
      ...(opts.since !== undefined ? { since: opts.since } : {}),
    };
    const out = new PassThrough();
    if (opts.follow) {
      const src = await c.logs({ ...q, follow: true });
      if (tty) src.pipe(out);
      else {
        docker.modem.demuxStream(src, out, out);
        src.on("end", () => out.end());
        src.on("error", (e: Error) => out.destroy(e));
      }
      out.on("close", () => (src as unknown as { destroy(): void }).destroy());
      return out;
    }
    const buf = await c.logs({ ...q, follow: false });
    out.end(tty ? buf : demuxToBuffer(buf));
    return out;
  } catch (e) {
    if (e instanceof BerthError) throw e;
    if (isNotFound(e))
      throw new BerthError("E_NOT_FOUND", `container ${containerId.slice(0, 12)} not found`, { cause: e });
    throw new BerthError("E_DOCKER", `reading logs of ${containerId.slice(0, 12)}: ${engineMessage(e)}`, {
      cause: e,
    });
  }
}

/** The logs as text (no follow). */
export async function readLogs(
  docker: Docker,
  containerId: string,
  opts: Omit<LogOptions, "follow"> = {},
): Promise<string> {
  const r = await logs(docker, containerId, { ...opts, follow: false });
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

// Opening a pod container's logs on its node's engine: the container found by its labels (the
// newest attempt; with `previous` the one before, which the lifecycle keeps), Docker's log stream
// with stdout and stderr demultiplexed. Shared by `berth logs` (engine from berth.yaml) and the
// daemon's API (the node agent's engine).

import type { Readable } from "node:stream";
import type Docker from "dockerode";
import { isBerthError } from "../../util/errors.js";
import { logs } from "../docker/logs.js";
import { LABEL } from "../labels.js";
import { LogTargetError, waitingMessage, type LogTarget } from "./target.js";

export interface OpenLogOptions {
  follow?: boolean;
  previous?: boolean;
  /** Last N lines; all when absent or negative. */
  tail?: number;
  timestamps?: boolean;
}

export async function openContainerLogs(
  docker: Docker,
  target: LogTarget,
  opts: OpenLogOptions,
): Promise<Readable> {
  const list = await docker.listContainers({
    all: true,
    filters: {
      label: [
        `${LABEL.podUid}=${target.pod.metadata.uid ?? ""}`,
        `${LABEL.containerName}=${target.container}`,
      ],
    },
  });
  const newest = list
    .map((c) => ({ id: c.Id, attempt: Number(c.Labels[LABEL.restartCount] ?? "0") }))
    .sort((a, b) => b.attempt - a.attempt)[0];
  if (!newest) throw new LogTargetError("BadRequest", waitingMessage(target));
  try {
    return await logs(docker, newest.id, {
      follow: opts.follow === true,
      previous: opts.previous === true,
      timestamps: opts.timestamps === true,
      ...(opts.tail !== undefined && opts.tail >= 0 ? { tail: opts.tail } : {}),
    });
  } catch (e) {
    if (isBerthError(e, "E_NO_PREVIOUS")) throw new LogTargetError("BadRequest", e.message);
    throw e;
  }
}

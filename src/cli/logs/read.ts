// The effectful side of `berth logs`: the pod from the state file (read without its lock, so it
// works while the daemon runs or not), the node's engine from berth.yaml, the container by its
// labels (the newest attempt, or the one before with --previous), and Docker's log stream with
// stdout and stderr demultiplexed.

import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { BerthConfig } from "../../config/types.js";
import { endpointOf } from "../../runtime/agent/settings.js";
import { connect } from "../../runtime/docker/connect.js";
import { logs } from "../../runtime/docker/logs.js";
import { LABEL } from "../../runtime/labels.js";
import { readStateFile } from "../../state/load.js";
import { BerthError, isBerthError } from "../../util/errors.js";
import {
  E_LOGS_BAD_REQUEST,
  E_LOGS_USAGE,
  resolveLogTarget,
  waitingMessage,
  type LogRequest,
} from "./target.js";

export interface LogsOptions extends LogRequest {
  follow?: boolean;
  previous?: boolean;
  tail?: number;
  timestamps?: boolean;
  statePath: string;
  config: BerthConfig;
  /** Stops following. */
  signal?: AbortSignal;
}

/** Writes the container's logs to `out`; resolves when they end (or `signal` aborts a follow). */
export async function writeLogs(opts: LogsOptions, out: Writable): Promise<void> {
  const loaded = await readStateFile(opts.statePath);
  if (!loaded) {
    throw new BerthError(E_LOGS_USAGE, `no state file at ${opts.statePath}; has berth run here?`, {
      hint: "pass --state with the daemon's state file",
    });
  }
  const target = resolveLogTarget(loaded.data.objects, opts);
  const node = opts.config.nodes.find((n) => n.name === target.node);
  if (!node) {
    throw new BerthError(
      E_LOGS_USAGE,
      `pod ${target.pod.metadata.name} runs on node ${target.node}, which ${opts.config.file ?? "the configuration"} does not list`,
      { hint: "pass --config with the daemon's berth.yaml" },
    );
  }
  const { docker } = await connect(endpointOf(node), { node: node.name });
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
  if (!newest) throw new BerthError(E_LOGS_BAD_REQUEST, waitingMessage(target));
  let stream;
  try {
    stream = await logs(docker, newest.id, {
      follow: opts.follow === true,
      previous: opts.previous === true,
      timestamps: opts.timestamps === true,
      ...(opts.tail !== undefined && opts.tail >= 0 ? { tail: opts.tail } : {}),
    });
  } catch (e) {
    if (isBerthError(e, "E_NO_PREVIOUS")) throw new BerthError(E_LOGS_BAD_REQUEST, e.message);
    throw e;
  }
  const onAbort = (): void => void stream.destroy();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await pipeline(stream, out, { end: false });
  } catch (e) {
    if (!opts.signal?.aborted) throw e;
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
  }
}

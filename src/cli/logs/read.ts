// `berth logs` without a daemon: the pod from the state file (read without its lock, so it works
// whether the daemon runs or not), the node's engine from berth.yaml, the logs from Docker.

import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { connect } from "../../runtime/docker/connect.js";
import { openContainerLogs, type OpenLogOptions } from "../../runtime/logs/open.js";
import { LogTargetError, resolveLogTarget, type LogRequest } from "../../runtime/logs/target.js";
import type { NodeEndpoints } from "./node-endpoints.js";
import { readStateFile } from "../../state/load.js";

export interface LogsOptions extends LogRequest, OpenLogOptions {
  statePath: string;
  nodes: NodeEndpoints;
  /** Stops following. */
  signal?: AbortSignal;
}

/** Writes the container's logs to `out`; resolves when they end (or `signal` aborts a follow). */
export async function writeLogs(opts: LogsOptions, out: Writable): Promise<void> {
  const loaded = await readStateFile(opts.statePath);
  if (!loaded) {
    throw new LogTargetError(
      "usage",
      `no state file at ${opts.statePath}; pass the daemon's with --state FILE`,
    );
  }
  const target = resolveLogTarget(loaded.data.objects, opts);
  const node = opts.nodes.nodes.find((n) => n.name === target.node);
  if (!node) {
    const where = opts.nodes.file ?? "the configuration (no berth.yaml found)";
    throw new LogTargetError(
      "usage",
      `pod ${target.pod.metadata.name} runs on node ${target.node}, which ${where} does not list; pass the daemon's berth.yaml with --config FILE`,
    );
  }
  const { docker } = await connect(node.endpoint, { node: node.name });
  const stream = await openContainerLogs(docker, target, opts);
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

// Exec probes: run a command in a running container with a timeout and read its output.
// Docker cannot kill an exec'd process: after a timeout berth stops waiting, the process may run
// on (the kubelet's dockershim behaved the same).

import { PassThrough } from "node:stream";
import type Docker from "dockerode";
import { BerthError } from "../../util/errors.js";
import { engineMessage } from "./errors.js";

/** The kubelet reads at most 10 KiB of probe output. */
export const MAX_EXEC_OUTPUT = 10 * 1024;

export interface ExecResult {
  /** Undefined when the command did not finish within the timeout. */
  exitCode: number | undefined;
  timedOut: boolean;
  /** stdout and stderr interleaved, cut to MAX_EXEC_OUTPUT bytes. */
  output: string;
}

export async function exec(
  docker: Docker,
  containerId: string,
  cmd: readonly string[],
  timeoutMs: number,
): Promise<ExecResult> {
  let e: Docker.Exec;
  try {
    e = await docker
      .getContainer(containerId)
      .exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true });
  } catch (err) {
    throw new BerthError("E_EXEC", `exec in ${containerId.slice(0, 12)}: ${engineMessage(err)}`, {
      cause: err,
    });
  }
  const stream = await e.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new PassThrough();
  sink.on("data", (c: Buffer) => {
    if (size >= MAX_EXEC_OUTPUT) return;
    const part = c.subarray(0, MAX_EXEC_OUTPUT - size);
    chunks.push(part);
    size += part.length;
  });
  docker.modem.demuxStream(stream, sink, sink);

  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([
    new Promise<boolean>((resolve) => {
      stream.on("end", () => resolve(true));
      stream.on("close", () => resolve(true));
      stream.on("error", () => resolve(true));
    }),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  const output = Buffer.concat(chunks).toString("utf8");
  if (!finished) {
    (stream as unknown as { destroy(): void }).destroy();
    return { exitCode: undefined, timedOut: true, output };
  }
  // The stream can end a moment before the engine records the exit code.
  for (let i = 0; i < 50; i++) {
    const info = await e.inspect();
    if (!info.Running && info.ExitCode !== null) return { exitCode: info.ExitCode, timedOut: false, output };
    await new Promise((r) => setTimeout(r, 20));
  }
  return { exitCode: undefined, timedOut: true, output };
}

// Termination messages (terminationMessagePath / terminationMessagePolicy), as the kubelet does it
// with Docker: before a container is created an empty file is made for it in the pod's
// termination volume (through the sandbox) and bound at terminationMessagePath; after the
// container exits berth reads that file back through the container itself, which works even when
// the sandbox is gone. FallbackToLogsOnError uses the log tail of a failed container instead.

import type Docker from "dockerode";
import { extract } from "tar-stream";
import { BerthError } from "../../util/errors.js";
import { LABEL, SANDBOX_TERMINATION_DIR, terminationFileName, terminationVolumeName } from "../labels.js";
import type { ObservedContainer } from "../observed.js";
import { engineMessage, isNotFound } from "./errors.js";
import { readLogs } from "./logs.js";
import { tarBuffer } from "./tar.js";

/** The kubelet's limits: 4 KiB from the file, 80 lines / 2 KiB from the logs. */
export const MAX_MESSAGE_BYTES = 4096;
export const FALLBACK_LOG_LINES = 80;
export const FALLBACK_LOG_BYTES = 2048;

/**
 * Creates an empty, world-writable message file for this attempt and returns its path on the
 * engine host; undefined when the sandbox has no termination volume (then the container simply
 * gets no message file).
 */
export async function prepareTerminationLog(
  docker: Docker,
  sandboxId: string,
  podUid: string,
  container: string,
  attempt: number,
): Promise<string | undefined> {
  const file = terminationFileName(container, attempt);
  try {
    const tar = await tarBuffer([
      { type: "file", name: file, content: Buffer.alloc(0), mode: 0o666, gid: 0 },
    ]);
    await docker.getContainer(sandboxId).putArchive(tar, { path: SANDBOX_TERMINATION_DIR });
    const vol = (await docker.getVolume(terminationVolumeName(podUid)).inspect()) as { Mountpoint: string };
    return `${vol.Mountpoint}/${file}`;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw new BerthError("E_DOCKER", `preparing the termination log of ${container}: ${engineMessage(e)}`, {
      cause: e,
    });
  }
}

/** The first file of a tar stream, cut to `max` bytes. */
function firstFile(stream: NodeJS.ReadableStream, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const ex = extract();
    let result: Buffer | undefined;
    ex.on("entry", (header, body, next) => {
      const chunks: Buffer[] = [];
      let size = 0;
      body.on("data", (data: unknown) => {
        const c = data as Buffer;
        if (result === undefined && size < max) {
          chunks.push(c.subarray(0, max - size));
          size += Math.min(c.length, max - size);
        }
      });
      body.on("end", () => {
        if (result === undefined && header.type === "file") result = Buffer.concat(chunks);
        next();
      });
      body.resume();
    });
    ex.on("finish", () => resolve(result ?? Buffer.alloc(0)));
    ex.on("error", reject);
    stream.on("error", reject);
    stream.pipe(ex);
  });
}

/** The message of an exited container, per its labels; undefined when there is none. */
export async function readTerminationMessage(
  docker: Docker,
  c: ObservedContainer,
): Promise<string | undefined> {
  const path = c.labels[LABEL.terminationMessagePath];
  let message = "";
  if (path !== undefined) {
    try {
      const stream = await docker.getContainer(c.id).getArchive({ path });
      message = (await firstFile(stream, MAX_MESSAGE_BYTES)).toString("utf8");
    } catch (e) {
      if (!isNotFound(e))
        throw new BerthError(
          "E_DOCKER",
          `reading the termination message of ${c.dockerName}: ${engineMessage(e)}`,
          { cause: e },
        );
    }
  }
  if (
    message === "" &&
    c.exitCode !== 0 &&
    c.labels[LABEL.terminationMessagePolicy] === "FallbackToLogsOnError"
  ) {
    const tail = Buffer.from(await readLogs(docker, c.id, { tail: FALLBACK_LOG_LINES }), "utf8");
    message = tail.subarray(Math.max(0, tail.length - FALLBACK_LOG_BYTES)).toString("utf8");
  }
  return message === "" ? undefined : message;
}

// Termination messages (terminationMessagePath / terminationMessagePolicy), as the kubelet does it
// with Docker: an empty file in the pod's termination volume is bound at terminationMessagePath —
// one of the presets the volume starts with (copied from the infra image, no engine call) or one
// uploaded through the sandbox before the container is created; after the
// container exits berth reads that file back through the container itself, which works even when
// the sandbox is gone. FallbackToLogsOnError uses the log tail of a failed container instead.

import type Docker from "dockerode";
import { extract } from "tar-stream";
import { BerthError } from "../../util/errors.js";
import type { Pod } from "../../manifest/types.js";
import {
  LABEL,
  SANDBOX_TERMINATION_DIR,
  TERMINATION_PRESETS,
  terminationFileName,
  terminationPresetName,
  terminationVolumeName,
} from "../labels.js";
import type { ObservedContainer } from "../observed.js";
import { engineMessage, isNotFound } from "./errors.js";
import { readLogs } from "./logs.js";
import { tarBuffer } from "./tar.js";

/** The kubelet's limits: 4 KiB from the file, 80 lines / 2 KiB from the logs. */
export const MAX_MESSAGE_BYTES = 4096;
export const FALLBACK_LOG_LINES = 80;
export const FALLBACK_LOG_BYTES = 2048;

export interface TerminationTarget {
  sandboxId: string;
  /** The sandbox's attempt (0: the pod's first) and termination volume directory, if known. */
  sandbox?: { attempt: number; terminationDir?: string };
  pod: Pod;
  container: string;
  attempt: number;
}

/**
 * The preset file for this container attempt, when one is there for it: the first attempt of one
 * of the pod's first containers in the pod's first sandbox, whose termination volume was filled
 * from the infra image. Any later attempt, or a sandbox replacement, gets a fresh upload, so a
 * file that held a message is never handed out twice.
 */
export function terminationPreset(t: TerminationTarget): string | undefined {
  if (t.attempt !== 0 || t.sandbox?.attempt !== 0 || t.sandbox.terminationDir === undefined) return undefined;
  const names = [...(t.pod.spec.initContainers ?? []), ...t.pod.spec.containers].map((c) => c.name);
  const index = names.indexOf(t.container);
  if (index < 0 || index >= TERMINATION_PRESETS) return undefined;
  return `${t.sandbox.terminationDir}/${terminationPresetName(index)}`;
}

/**
 * Creates an empty, world-writable message file for this attempt and returns its path on the
 * engine host; undefined when the sandbox has no termination volume (then the container simply
 * gets no message file).
 */
export async function prepareTerminationLog(
  docker: Docker,
  t: TerminationTarget,
): Promise<string | undefined> {
  const file = terminationFileName(t.container, t.attempt);
  try {
    const tar = await tarBuffer([
      { type: "file", name: file, content: Buffer.alloc(0), mode: 0o666, gid: 0 },
    ]);
    await docker.getContainer(t.sandboxId).putArchive(tar, { path: SANDBOX_TERMINATION_DIR });
    let dir = t.sandbox?.terminationDir;
    if (dir === undefined) {
      const vol = (await docker.getVolume(terminationVolumeName(t.pod.metadata.uid ?? "")).inspect()) as {
        Mountpoint: string;
      };
      dir = vol.Mountpoint;
    }
    return `${dir}/${file}`;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw new BerthError("E_DOCKER", `preparing the termination log of ${t.container}: ${engineMessage(e)}`, {
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

// The sandbox image, built by berth itself: its pause binary and the termination volume's preset
// files (empty, world-writable; see TERMINATION_PRESETS) imported as `berth.local/pause:<content
// hash>`. A new berth with a different image content gets a new tag; old sandboxes keep running
// on the old one.

import { createHash } from "node:crypto";
import type Docker from "dockerode";
import { BerthError } from "../../util/errors.js";
import { engineMessage, isNotFound } from "../docker/errors.js";
import { progressError, readProgress } from "../docker/stream.js";
import { tarBuffer } from "../docker/tar.js";
import { LABEL, SANDBOX_TERMINATION_DIR, TERMINATION_PRESETS, terminationPresetName } from "../labels.js";
import type { ArchiveEntry } from "../spec/projection.js";
import { pauseArchFor, pauseBinary, type PauseArch } from "./pause-binary.js";

export const INFRA_REPOSITORY = "berth.local/pause";

/** Bumped whenever the image's files other than the binary change, so the tag changes too. */
const LAYOUT = "presets-1";

export function infraImageTag(arch: PauseArch): string {
  const hash = createHash("sha256").update(pauseBinary(arch)).update(LAYOUT).digest("hex").slice(0, 12);
  return `${INFRA_REPOSITORY}:${hash}`;
}

/** The image's files. */
export function infraImageEntries(arch: PauseArch): ArchiveEntry[] {
  const dir = SANDBOX_TERMINATION_DIR.replace(/^\//, "");
  const out: ArchiveEntry[] = [
    { type: "file", name: "pause", content: pauseBinary(arch), mode: 0o755, gid: 0 },
    { type: "directory", name: dir.split("/")[0] ?? dir, mode: 0o755, gid: 0 },
    { type: "directory", name: dir, mode: 0o755, gid: 0 },
  ];
  for (let i = 0; i < TERMINATION_PRESETS; i++) {
    out.push({
      type: "file",
      name: `${dir}/${terminationPresetName(i)}`,
      content: Buffer.alloc(0),
      mode: 0o666,
      gid: 0,
    });
  }
  return out;
}

const pending = new WeakMap<Docker, Promise<string>>();

/** The infra image reference on this engine, imported when absent. Concurrent calls share one import. */
export function ensureInfraImage(docker: Docker): Promise<string> {
  let p = pending.get(docker);
  if (!p) {
    p = importIfAbsent(docker);
    pending.set(docker, p);
    // A failed attempt must not stick: the next call tries again.
    p.catch(() => pending.delete(docker));
  }
  return p;
}

async function importIfAbsent(docker: Docker): Promise<string> {
  const info = (await docker.info()) as { Architecture?: string };
  const arch = pauseArchFor(info.Architecture ?? "");
  if (!arch) {
    throw new BerthError(
      "E_INFRA_ARCH",
      `berth has no pause binary for ${info.Architecture ?? "an unknown"} engines`,
      {
        hint: "berth's sandboxes run on x86_64 and aarch64 Docker hosts",
      },
    );
  }
  const ref = infraImageTag(arch);
  try {
    await docker.getImage(ref).inspect();
    return ref;
  } catch (e) {
    if (!isNotFound(e))
      throw new BerthError("E_DOCKER", `inspecting ${ref}: ${engineMessage(e)}`, { cause: e });
  }
  const tar = await tarBuffer(infraImageEntries(arch));
  const [repo, tag] = ref.split(":") as [string, string];
  const stream = await docker.importImage(tar as unknown as NodeJS.ReadableStream, {
    repo,
    tag,
    changes: ['ENTRYPOINT ["/pause"]', `LABEL ${LABEL.managed}=true`],
  });
  const err = progressError(await readProgress(stream));
  if (err !== undefined) throw new BerthError("E_INFRA_IMAGE", `importing ${ref}: ${err}`);
  return ref;
}

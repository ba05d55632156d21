// Small in-memory tar archives for Docker's archive and import endpoints (pause image, projected
// files). Everything written is tiny, so a Buffer is simpler than streaming.

import { pack } from "tar-stream";
import type { ArchiveEntry } from "../spec/projection.js";

const EPOCH = new Date(0);

export async function tarBuffer(entries: readonly ArchiveEntry[], mtime: Date = EPOCH): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    p.on("data", (c: unknown) => {
      chunks.push(c as Buffer);
    });
    p.on("end", () => resolve());
    p.on("error", reject);
  });
  for (const e of entries) {
    const common = { name: e.name, uid: 0, gid: e.gid, mtime };
    switch (e.type) {
      case "file":
        p.entry({ ...common, type: "file", mode: e.mode, size: e.content.length }, e.content);
        break;
      case "directory":
        p.entry({ ...common, type: "directory", mode: e.mode });
        break;
      case "symlink":
        p.entry({ ...common, type: "symlink", mode: 0o777, linkname: e.target });
        break;
    }
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

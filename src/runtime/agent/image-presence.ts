// Which images a node's engine holds, for the lifecycle core's `imagePresent` (a synchronous
// question). Answers are cached briefly: a pass asks about the same images again and again, and an
// image removed or loaded by hand is noticed once the entry expires (or a pull/create says so).

import type Docker from "dockerode";
import type { Clock } from "../../util/clock.js";
import { engineError, isNotFound } from "../docker/errors.js";
import { normalizedImage } from "../images.js";

interface Entry {
  present: boolean;
  atMs: number;
}

export class ImagePresence {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly presentTtlMs = 60_000,
    private readonly absentTtlMs = 5_000,
  ) {}

  /** The cached answer; undefined when unknown or expired. */
  known(image: string): boolean | undefined {
    const e = this.entries.get(normalizedImage(image));
    if (!e) return undefined;
    const ttl = e.present ? this.presentTtlMs : this.absentTtlMs;
    return this.clock.now() - e.atMs < ttl ? e.present : undefined;
  }

  set(image: string, present: boolean): void {
    this.entries.set(normalizedImage(image), { present, atMs: this.clock.now() });
  }

  forget(image: string): void {
    this.entries.delete(normalizedImage(image));
  }

  /** Asks the engine about each image (in parallel) and caches the answers. */
  async check(docker: Docker, images: Iterable<string>): Promise<void> {
    await Promise.all(
      [...new Set(images)].map(async (image) => {
        try {
          await docker.getImage(normalizedImage(image)).inspect();
          this.set(image, true);
        } catch (e) {
          if (!isNotFound(e)) throw engineError(`inspecting image ${image}`, e);
          this.set(image, false);
        }
      }),
    );
  }
}

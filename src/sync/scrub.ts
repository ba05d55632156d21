// The last gate before text leaves src/sync. git and simple-git put URLs and command lines in their
// messages; a token that slipped into one must not reach a log line, an event, the state file or a
// status page. Every error thrown out of src/sync passes through Scrubber.error.

import { BerthError, type ErrorOrigin } from "../util/errors.js";
import { redactUrl } from "./url.js";

export const REDACTED = "***";

export class Scrubber {
  private readonly secrets: string[];

  constructor(secrets: readonly string[] = []) {
    // Longest first, so a secret that contains another is replaced whole.
    this.secrets = [...new Set(secrets)].filter((s) => s !== "").sort((a, b) => b.length - a.length);
  }

  text(s: string): string {
    let out = redactUrl(s);
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out;
  }

  /**
   * A BerthError safe to show: message and hint scrubbed, code kept (E_GIT for anything that was not a
   * BerthError). The original is not kept as `cause`: its message, stack and command line are unscrubbed.
   */
  error(e: unknown, origin: ErrorOrigin = {}): BerthError {
    if (e instanceof BerthError) {
      const hint = e.hint === undefined ? {} : { hint: this.text(e.hint) };
      const merged = { ...origin, ...e.origin };
      const scrubbedOrigin =
        merged.object === undefined ? merged : { ...merged, object: this.text(merged.object) };
      return new BerthError(e.code, this.text(e.message), { origin: scrubbedOrigin, ...hint });
    }
    const message = e instanceof Error ? e.message : String(e);
    return new BerthError("E_GIT", this.text(message), { origin });
  }
}

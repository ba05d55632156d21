// Reading dockerode's errors: it rejects with an Error carrying the HTTP status and the engine's
// JSON body ({message}); connection failures carry a Node errno code instead.

import { BerthError } from "../../util/errors.js";

interface DockerodeError {
  statusCode?: number;
  json?: { message?: string } | null;
  code?: string;
  message?: string;
}

export function statusOf(e: unknown): number | undefined {
  return typeof e === "object" && e !== null ? (e as DockerodeError).statusCode : undefined;
}

export function isNotFound(e: unknown): boolean {
  return statusOf(e) === 404;
}

export function isConflict(e: unknown): boolean {
  return statusOf(e) === 409;
}

/** 304: start of a running container, stop of a stopped one. */
export function isNotModified(e: unknown): boolean {
  return statusOf(e) === 304;
}

/** The engine's own message when it sent one, else the error's. */
export function engineMessage(e: unknown): string {
  if (typeof e === "object" && e !== null) {
    const d = e as DockerodeError;
    const m = d.json?.message;
    if (typeof m === "string" && m !== "") return m.trim();
    // dockerode's own wording: "(HTTP code 500) server error - <engine message> ".
    if (typeof d.message === "string") return d.message.replace(/^\(HTTP code \d+\) [^-]*- /, "").trim();
  }
  return String(e);
}

/** Wraps an unexpected engine failure with what berth was doing. */
export function engineError(what: string, e: unknown): BerthError {
  return new BerthError("E_DOCKER", `${what}: ${engineMessage(e)}`, { cause: e });
}

// Bearer-token checks (RFC 6750) and constant-time comparison of secrets. Comparing SHA-256 digests
// makes timingSafeEqual usable on inputs of any length and hides the expected length too.

import { createHash, timingSafeEqual } from "node:crypto";
import { HttpError } from "./http.js";

/** Equality of two secrets in time independent of where they differ (and of their lengths). */
export function constantTimeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const da = createHash("sha256").update(a).digest();
  const db = createHash("sha256").update(b).digest();
  return timingSafeEqual(da, db);
}

export type BearerCheck = { ok: true } | { ok: false; reason: "missing" | "malformed" | "invalid" };

/** Checks an Authorization header against the expected token. */
export function checkBearer(header: string | undefined, token: string): BearerCheck {
  if (header === undefined || header.trim() === "") return { ok: false, reason: "missing" };
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (!m) return { ok: false, reason: "malformed" };
  return constantTimeEqual(m[1] ?? "", token) ? { ok: true } : { ok: false, reason: "invalid" };
}

/** The 401 for a failed check, with the WWW-Authenticate challenge RFC 6750 asks for. */
export function unauthorized(check: Exclude<BearerCheck, { ok: true }>): HttpError {
  const challenge =
    check.reason === "missing"
      ? 'Bearer realm="berth"'
      : `Bearer realm="berth", error="invalid_token", error_description="${
          check.reason === "malformed" ? "expected: Authorization: Bearer <token>" : "the token is not valid"
        }"`;
  const message =
    check.reason === "missing"
      ? "this endpoint needs a token: send Authorization: Bearer <token> (berth.yaml api.token)"
      : check.reason === "malformed"
        ? "the Authorization header must be: Bearer <token>"
        : "the token is not valid";
  return new HttpError(401, "E_UNAUTHORIZED", message, { "www-authenticate": challenge });
}

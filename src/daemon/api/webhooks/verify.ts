// Signature checks of webhook deliveries, one per provider (pure). Every comparison is constant-time;
// reasons are safe to log (they never contain the signature or the secret).
//
//   GitHub   X-Hub-Signature-256: sha256=<hex HMAC-SHA256(body, secret)>
//   Gitea    X-Gitea-Signature:   <hex HMAC-SHA256(body, secret)>   (Forgejo: X-Forgejo-Signature)
//   GitLab   X-Gitlab-Token:      <the secret token itself>
//   generic  X-Berth-Signature:   sha256=<hex HMAC-SHA256(body, secret)>

import { createHmac, timingSafeEqual } from "node:crypto";
import { constantTimeEqual } from "../auth.js";

export type Verdict = { ok: true } | { ok: false; reason: string };

const SHA256_HEX = /^[0-9a-f]{64}$/i;

export function hmacSha256Hex(body: Buffer | string, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

function hmacMatches(body: Buffer, secret: string, hex: string): boolean {
  const expected = createHmac("sha256", secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(hex, "hex"));
}

/** `sha256=<hex>` (GitHub's and berth's generic form). */
function verifyPrefixed(body: Buffer, value: string | undefined, secret: string, header: string): Verdict {
  if (value === undefined || value === "") return { ok: false, reason: `the ${header} header is missing` };
  const eq = value.indexOf("=");
  const algorithm = eq < 0 ? "" : value.slice(0, eq).toLowerCase();
  const hex = value.slice(eq + 1).trim();
  if (algorithm !== "sha256") {
    return {
      ok: false,
      reason:
        algorithm === ""
          ? `the ${header} header is not of the form sha256=<hex>`
          : `the ${header} header uses ${/^[a-z0-9-]{1,16}$/.test(algorithm) ? algorithm : "an unknown algorithm"}; only sha256 is accepted`,
    };
  }
  if (!SHA256_HEX.test(hex)) return { ok: false, reason: `the ${header} header is not a SHA-256 hex digest` };
  return hmacMatches(body, secret, hex)
    ? { ok: true }
    : { ok: false, reason: "the signature does not match" };
}

export interface GithubSignatureHeaders {
  "x-hub-signature-256"?: string | undefined;
  /** The legacy SHA-1 signature: reported as the wrong algorithm when it comes alone. */
  "x-hub-signature"?: string | undefined;
}

export function verifyGithub(body: Buffer, headers: GithubSignatureHeaders, secret: string): Verdict {
  const v256 = headers["x-hub-signature-256"];
  if ((v256 === undefined || v256 === "") && headers["x-hub-signature"] !== undefined) {
    return {
      ok: false,
      reason: "only the SHA-1 X-Hub-Signature header came; berth checks X-Hub-Signature-256 (sha256)",
    };
  }
  return verifyPrefixed(body, v256, secret, "X-Hub-Signature-256");
}

export function verifyGitea(body: Buffer, value: string | undefined, secret: string): Verdict {
  if (value === undefined || value === "")
    return { ok: false, reason: "the X-Gitea-Signature header is missing" };
  // Gitea sends bare hex; a "sha256=" prefix (as some proxies or Forgejo forks add) is tolerated.
  const hex = value.replace(/^sha256=/i, "").trim();
  if (!SHA256_HEX.test(hex)) {
    return {
      ok: false,
      reason: /^(sha1=)?[0-9a-f]{40}$/i.test(hex)
        ? "the X-Gitea-Signature header is a SHA-1 digest; only HMAC-SHA256 is accepted"
        : "the X-Gitea-Signature header is not a SHA-256 hex digest",
    };
  }
  return hmacMatches(body, secret, hex)
    ? { ok: true }
    : { ok: false, reason: "the signature does not match" };
}

export function verifyGitlab(value: string | undefined, token: string): Verdict {
  if (value === undefined || value === "")
    return { ok: false, reason: "the X-Gitlab-Token header is missing" };
  return constantTimeEqual(value, token) ? { ok: true } : { ok: false, reason: "the token does not match" };
}

export function verifyGeneric(body: Buffer, value: string | undefined, secret: string): Verdict {
  return verifyPrefixed(body, value, secret, "X-Berth-Signature");
}

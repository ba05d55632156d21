import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  hmacSha256Hex,
  verifyGeneric,
  verifyGitea,
  verifyGithub,
  verifyGitlab,
} from "../../../../../src/daemon/api/webhooks/verify.js";

const secret = "It's a Secret to Everybody";
const body = Buffer.from("Hello, World!");

describe("hmacSha256Hex", () => {
  it("matches GitHub's documented test vector", () => {
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    expect(hmacSha256Hex(body, secret)).toBe(
      "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    );
  });
});

describe("GitHub signatures", () => {
  const good = `sha256=${hmacSha256Hex(body, secret)}`;

  it("accepts a valid X-Hub-Signature-256, in any hex case", () => {
    expect(verifyGithub(body, { "x-hub-signature-256": good }, secret)).toEqual({ ok: true });
    expect(
      verifyGithub(body, { "x-hub-signature-256": good.toUpperCase().replace("SHA256", "sha256") }, secret)
        .ok,
    ).toBe(true);
  });

  it("refuses a signature of another body or secret", () => {
    expect(verifyGithub(Buffer.from("Hello, World?"), { "x-hub-signature-256": good }, secret)).toEqual({
      ok: false,
      reason: "the signature does not match",
    });
    expect(verifyGithub(body, { "x-hub-signature-256": good }, "other").ok).toBe(false);
  });

  it("refuses a missing header", () => {
    expect(verifyGithub(body, {}, secret)).toEqual({
      ok: false,
      reason: "the X-Hub-Signature-256 header is missing",
    });
  });

  it("refuses the wrong algorithm, including the SHA-1 header alone", () => {
    const sha1 = `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;
    expect(verifyGithub(body, { "x-hub-signature": sha1 }, secret)).toMatchObject({
      ok: false,
      reason: /SHA-1/,
    });
    expect(verifyGithub(body, { "x-hub-signature-256": sha1 }, secret)).toMatchObject({
      ok: false,
      reason: /uses sha1; only sha256/,
    });
    expect(verifyGithub(body, { "x-hub-signature-256": hmacSha256Hex(body, secret) }, secret)).toMatchObject({
      ok: false,
      reason: /not of the form sha256=<hex>/,
    });
  });

  it("refuses malformed digests without echoing them", () => {
    const r = verifyGithub(body, { "x-hub-signature-256": "sha256=zz" + "0".repeat(62) }, secret);
    expect(r).toEqual({ ok: false, reason: "the X-Hub-Signature-256 header is not a SHA-256 hex digest" });
    const short = verifyGithub(body, { "x-hub-signature-256": "sha256=abcd" }, secret);
    expect(short.ok).toBe(false);
    const weird = verifyGithub(body, { "x-hub-signature-256": "<script>=abcd" }, secret);
    expect(weird).toMatchObject({ reason: /an unknown algorithm/ });
  });
});

describe("Gitea signatures", () => {
  it("accepts bare hex (and a sha256= prefix)", () => {
    const hex = hmacSha256Hex(body, secret);
    expect(verifyGitea(body, hex, secret)).toEqual({ ok: true });
    expect(verifyGitea(body, `sha256=${hex}`, secret)).toEqual({ ok: true });
  });

  it("refuses invalid, missing and SHA-1 signatures", () => {
    expect(verifyGitea(body, hmacSha256Hex("other", secret), secret)).toMatchObject({
      ok: false,
      reason: /does not match/,
    });
    expect(verifyGitea(body, undefined, secret)).toMatchObject({ ok: false, reason: /missing/ });
    expect(verifyGitea(body, createHmac("sha1", secret).update(body).digest("hex"), secret)).toMatchObject({
      ok: false,
      reason: /SHA-1/,
    });
  });
});

describe("GitLab tokens", () => {
  it("accepts the exact token only", () => {
    expect(verifyGitlab("t0ken", "t0ken")).toEqual({ ok: true });
    expect(verifyGitlab("t0ke", "t0ken")).toMatchObject({ ok: false, reason: /does not match/ });
    expect(verifyGitlab("t0ken ", "t0ken").ok).toBe(false);
    expect(verifyGitlab(undefined, "t0ken")).toMatchObject({ ok: false, reason: /missing/ });
    expect(verifyGitlab("", "t0ken")).toMatchObject({ ok: false, reason: /missing/ });
  });
});

describe("generic signatures", () => {
  it("checks X-Berth-Signature: sha256=<hex>", () => {
    expect(verifyGeneric(body, `sha256=${hmacSha256Hex(body, secret)}`, secret)).toEqual({ ok: true });
    expect(verifyGeneric(body, `sha256=${hmacSha256Hex(body, "x")}`, secret).ok).toBe(false);
    expect(verifyGeneric(body, undefined, secret)).toMatchObject({
      reason: /X-Berth-Signature header is missing/,
    });
    expect(verifyGeneric(body, `sha512=${"0".repeat(128)}`, secret)).toMatchObject({ reason: /uses sha512/ });
  });
});

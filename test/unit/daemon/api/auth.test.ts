import { describe, expect, it } from "vitest";
import { checkBearer, constantTimeEqual, unauthorized } from "../../../../src/daemon/api/auth.js";

describe("bearer tokens", () => {
  it("accepts the exact token, scheme in any case", () => {
    expect(checkBearer("Bearer s3cret", "s3cret")).toEqual({ ok: true });
    expect(checkBearer("bearer s3cret", "s3cret")).toEqual({ ok: true });
  });

  it("tells missing, malformed and wrong tokens apart", () => {
    expect(checkBearer(undefined, "s3cret")).toEqual({ ok: false, reason: "missing" });
    expect(checkBearer("", "s3cret")).toEqual({ ok: false, reason: "missing" });
    expect(checkBearer("Basic czNjcmV0", "s3cret")).toEqual({ ok: false, reason: "malformed" });
    expect(checkBearer("Bearer", "s3cret")).toEqual({ ok: false, reason: "malformed" });
    expect(checkBearer("Bearer s3cret extra", "s3cret")).toEqual({ ok: false, reason: "malformed" });
    expect(checkBearer("Bearer s3cre", "s3cret")).toEqual({ ok: false, reason: "invalid" });
    expect(checkBearer("Bearer s3cret1", "s3cret")).toEqual({ ok: false, reason: "invalid" });
  });

  it("answers 401 with an RFC 6750 challenge", () => {
    expect(unauthorized({ ok: false, reason: "missing" })).toMatchObject({
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="berth"' },
    });
    expect(unauthorized({ ok: false, reason: "invalid" }).headers["www-authenticate"]).toMatch(
      /^Bearer realm="berth", error="invalid_token"/,
    );
  });

  it("compares in constant time whatever the lengths", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual(Buffer.from("abc"), "abc")).toBe(true);
    expect(constantTimeEqual("", "")).toBe(true);
  });
});

import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Secret } from "../../../src/manifest/types.js";
import { StateFile } from "../../../src/state/file.js";
import { parseStateText, readStateFile } from "../../../src/state/load.js";
import {
  hashSecretValue,
  isHashedSecretValue,
  newSecretSalt,
  redactSecret,
} from "../../../src/state/secrets.js";
import { content, pod, secret, tempDir } from "../../support/state-fixtures.js";

const SALT = "a".repeat(64);

describe("hashSecretValue", () => {
  it("is hmac-sha256:<hex> keyed with the salt", () => {
    const h = hashSecretValue("aHVudGVyMg==", SALT);
    expect(h).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(h).toBe(`hmac-sha256:${createHmac("sha256", SALT).update("aHVudGVyMg==").digest("hex")}`);
  });

  it("is stable for a value and salt, and differs with either", () => {
    expect(hashSecretValue("v", SALT)).toBe(hashSecretValue("v", SALT));
    expect(hashSecretValue("v", SALT)).not.toBe(hashSecretValue("w", SALT));
    expect(hashSecretValue("v", SALT)).not.toBe(hashSecretValue("v", "b".repeat(64)));
    expect(newSecretSalt()).toMatch(/^[0-9a-f]{64}$/);
    expect(newSecretSalt()).not.toBe(newSecretSalt());
  });

  it("gives the hashes earlier versions stored (createHmac), so stored Secrets still compare equal", () => {
    const salt = "5f3a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";
    // Computed with createHmac("sha256", salt).update(value).digest("hex") before this hasher.
    expect(hashSecretValue("aHVudGVyMg==", salt)).toBe(
      "hmac-sha256:bb2f39144f8417fa9d4babe105137d1cec06f59634fb116e2a1e7f560d7aede7",
    );
    expect(hashSecretValue("YWRtaW4=", salt)).toBe(
      "hmac-sha256:8acc4b963169eaa296f7d420ad32efea5b326435449ae47e55acece7fa7de981",
    );
    expect(hashSecretValue("", salt)).toBe(
      "hmac-sha256:eedec3d65b9a521c797e196c21dbacedbfbd2c52632328a86a0184e433b4b493",
    );
  });

  it("keys each salt on its own when salts alternate", () => {
    const other = "b".repeat(64);
    for (const salt of [SALT, other, SALT, other]) {
      expect(hashSecretValue("v", salt)).toBe(
        `hmac-sha256:${createHmac("sha256", salt).update("v").digest("hex")}`,
      );
    }
  });
});

describe("isHashedSecretValue", () => {
  it("accepts exactly hmac-sha256: and 64 lowercase hex digits", () => {
    const h = hashSecretValue("v", SALT);
    expect(isHashedSecretValue(h)).toBe(true);
    expect(isHashedSecretValue(h.slice(0, -1))).toBe(false);
    expect(isHashedSecretValue(`${h}0`)).toBe(false);
    expect(isHashedSecretValue(h.toUpperCase())).toBe(false);
    expect(isHashedSecretValue(`hmac-sha256:${"g".repeat(64)}`)).toBe(false);
    expect(isHashedSecretValue("x".repeat(h.length))).toBe(false);
  });
});

describe("redactSecret", () => {
  const lastApplied = "kubectl.kubernetes.io/last-applied-configuration";
  const original = (): Secret => {
    const s = secret("db", { password: "hunter2", user: "admin" }, { token: "Tok-123" });
    s.metadata.annotations = {
      ...s.metadata.annotations,
      [lastApplied]: '{"data":{"password":"aHVudGVyMg=="}}',
    };
    return s;
  };

  it("replaces every data and stringData value by its hash, keeping the keys", () => {
    const s = original();
    const r = redactSecret(s, SALT);
    expect(r.data).toEqual({
      password: hashSecretValue(s.data?.password ?? "", SALT),
      user: hashSecretValue(s.data?.user ?? "", SALT),
    });
    expect(r.stringData).toEqual({ token: hashSecretValue("Tok-123", SALT) });
    expect(r.metadata.annotations?.[lastApplied]).toMatch(/^hmac-sha256:/);
    expect(r.metadata.annotations?.["berth.io/app"]).toBe("demo");
    expect({ ...r, data: s.data, stringData: s.stringData, metadata: s.metadata }).toEqual(s);
  });

  it("does not change its input and is idempotent", () => {
    const s = original();
    const copy = structuredClone(s);
    const once = redactSecret(s, SALT);
    expect(s).toEqual(copy);
    expect(redactSecret(once, SALT)).toEqual(once);
  });

  it("tells changed keys apart: same value, same hash; new value, new hash", () => {
    const a = redactSecret(secret("db", { password: "hunter2", user: "admin" }), SALT);
    const b = redactSecret(secret("db", { password: "hunter3", user: "admin" }), SALT);
    expect(a.data?.user).toBe(b.data?.user);
    expect(a.data?.password).not.toBe(b.data?.password);
  });
});

describe("the saved state file", () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it("holds no Secret value and no repo credential anywhere, in plain text or base64", async () => {
    const values = ["hunter2", "Zq", "P@ss w0rd!", "LongerSecretValue-With-Symbols_#"];
    const path = join(dir, "state.json");
    const file = await StateFile.open(path);
    const secrets = [
      secret("db", { password: values[0] ?? "", pin: values[1] ?? "" }),
      secret("api", { key: values[2] ?? "" }, { raw: values[3] ?? "" }),
    ];
    file.scheduleSave(
      content([pod(1), ...secrets], {
        apps: [
          {
            name: "demo",
            source: {
              repoURL: "https://deploy:GhToken-XYZ@git.example.com/org/repo.git",
              ref: "main",
              path: ".",
            },
          },
        ],
      }),
    );
    await file.flush();
    const text = readFileSync(path, "utf8");
    for (const v of values) {
      expect(text).not.toContain(v);
      expect(text).not.toContain(Buffer.from(v).toString("base64"));
      expect(text).not.toContain(JSON.stringify(v).slice(1, -1));
    }
    expect(text).not.toContain("GhToken-XYZ");
    expect(text).toContain('"repoURL": "https://git.example.com/org/repo.git"');
    const salt = file.secretSalt;
    expect(text).toContain(hashSecretValue(Buffer.from("hunter2").toString("base64"), salt));
    expect(text).toContain(hashSecretValue(values[3] ?? "", salt));

    // The in-memory objects keep their values: only the file is redacted.
    expect(secrets[0]?.data?.password).toBe(Buffer.from("hunter2").toString("base64"));

    // Saving what was loaded (hashes) again keeps the same hashes under the same salt.
    await file.close();
    const reopened = await StateFile.open(path);
    expect(reopened.secretSalt).toBe(salt);
    reopened.scheduleSave(reopened.data);
    await reopened.close();
    const again = await readStateFile(path);
    expect(again?.data.objects).toEqual(parseStateText(text, path).data.objects);
  });
});

import { describe, expect, it } from "vitest";
import type { Volume } from "../../../../src/manifest/types.js";
import { isRuntimeError } from "../../../../src/runtime/errors.js";
import { otherSlot, projectionArchive, projectionFor } from "../../../../src/runtime/spec/projection.js";
import { configMap, pod, secret, sources } from "../fixtures.js";

const src = sources({
  configMaps: [
    configMap(
      "app",
      { "app.conf": "port=80\n", "log.conf": "level=info\n" },
      { "logo.bin": Buffer.from([0, 1, 2, 255]).toString("base64") },
    ),
  ],
  secrets: [secret("db", { password: "hunter2", user: "admin" })],
});

function files(v: Volume, p = pod({ volumes: [v] })) {
  const proj = projectionFor(p, v, src);
  return proj?.files.map((f) => ({
    path: f.path,
    mode: f.mode.toString(8),
    content: f.content.toString("latin1"),
  }));
}

describe("projectionFor", () => {
  it("projects every key with the default mode 0644, binaryData as bytes", () => {
    expect(files({ name: "c", configMap: { name: "app" } })).toEqual([
      { path: "app.conf", mode: "644", content: "port=80\n" },
      { path: "log.conf", mode: "644", content: "level=info\n" },
      { path: "logo.bin", mode: "644", content: "\x00\x01\x02\xff" },
    ]);
  });

  it("honours items (key → path, mode) and defaultMode", () => {
    expect(
      files({
        name: "s",
        secret: {
          secretName: "db",
          defaultMode: 0o400,
          items: [
            { key: "password", path: "db/password", mode: 0o600 },
            { key: "user", path: "user.txt" },
          ],
        },
      }),
    ).toEqual([
      { path: "db/password", mode: "600", content: "hunter2" },
      { path: "user.txt", mode: "400", content: "admin" },
    ]);
  });

  it("makes files group-readable for the pod's fsGroup", () => {
    const v: Volume = { name: "s", secret: { secretName: "db", defaultMode: 0o400 } };
    const p = pod({ volumes: [v], securityContext: { fsGroup: 2000 } });
    const proj = projectionFor(p, v, src);
    expect(proj?.gid).toBe(2000);
    expect(proj?.files.map((f) => f.mode.toString(8))).toEqual(["440", "440"]);
  });

  it("fails a missing source or key (FailedMount) unless optional", () => {
    const cases: Volume[] = [
      { name: "v", configMap: { name: "nope" } },
      { name: "v", secret: { secretName: "nope" } },
      { name: "v", configMap: { name: "app", items: [{ key: "missing", path: "m" }] } },
    ];
    for (const v of cases) {
      let err: unknown;
      try {
        projectionFor(pod({ volumes: [v] }), v, src);
      } catch (e) {
        err = e;
      }
      expect(isRuntimeError(err, "FailedMount"), JSON.stringify(v)).toBe(true);
    }
    expect(files({ name: "v", configMap: { name: "nope", optional: true } })).toEqual([]);
    expect(
      files({
        name: "v",
        configMap: {
          name: "app",
          optional: true,
          items: [
            { key: "missing", path: "m" },
            { key: "app.conf", path: "a" },
          ],
        },
      }),
    ).toEqual([{ path: "a", mode: "644", content: "port=80\n" }]);
  });

  it("rejects item paths that escape the volume or collide with the layout", () => {
    for (const path of ["/etc/passwd", "../x", "a/../../x", "..data", ""]) {
      const v: Volume = { name: "v", configMap: { name: "app", items: [{ key: "app.conf", path }] } };
      expect(() => projectionFor(pod({ volumes: [v] }), v, src), path).toThrow(/must be relative/);
    }
  });

  it("hashes content: equal input, equal hash; any change, a new hash", () => {
    const v: Volume = { name: "c", configMap: { name: "app" } };
    const a = projectionFor(pod(), v, src)?.hash;
    expect(projectionFor(pod(), v, src)?.hash).toBe(a);
    const changed = sources({
      configMaps: [configMap("app", { "app.conf": "port=81\n", "log.conf": "level=info\n" })],
    });
    expect(projectionFor(pod(), v, changed)?.hash).not.toBe(a);
    const moded: Volume = { name: "c", configMap: { name: "app", defaultMode: 0o600 } };
    expect(projectionFor(pod(), moded, src)?.hash).not.toBe(a);
  });

  it("ignores other volume types", () => {
    expect(projectionFor(pod(), { name: "e", emptyDir: {} }, src)).toBeUndefined();
  });
});

describe("projectionArchive", () => {
  it("clears the slot, writes the generation, then switches ..data and links top-level entries", () => {
    const v: Volume = {
      name: "s",
      secret: {
        secretName: "db",
        items: [
          { key: "password", path: "db/pw" },
          { key: "user", path: "user" },
        ],
      },
    };
    const proj = projectionFor(pod(), v, src);
    if (!proj) throw new Error("no projection");
    const entries = projectionArchive(proj, "..b").map((e) =>
      e.type === "symlink"
        ? `${e.name} -> ${e.target}`
        : e.type === "directory"
          ? `${e.name}/`
          : `${e.name} (${e.mode.toString(8)})`,
    );
    expect(entries).toEqual([
      "..b (600)",
      "..b/",
      "..b/db/",
      "..b/db/pw (644)",
      "..b/user (644)",
      "..data -> ..b",
      "db -> ..data/db",
      "user -> ..data/user",
    ]);
  });

  it("alternates slots", () => {
    expect(otherSlot(undefined)).toBe("..a");
    expect(otherSlot("..a")).toBe("..b");
    expect(otherSlot("..b")).toBe("..a");
    expect(otherSlot("something-else")).toBe("..a");
  });
});

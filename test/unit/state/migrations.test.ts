import { describe, expect, it } from "vitest";
import { objectKey } from "../../../src/manifest/identity.js";
import { parseStateText } from "../../../src/state/load.js";
import { MIGRATIONS, migrate, MigrationError, type Migration } from "../../../src/state/migrations.js";
import { STATE_FORMAT_VERSION } from "../../../src/state/types.js";
import { pod, secret, stateData } from "../../support/state-fixtures.js";

/** A version-0 document: version 1's content with objects as a map keyed by object key. */
function v0Document(): Record<string, unknown> {
  const v1 = stateData([pod(2), secret("db", {}), pod(1)]);
  const objects = Object.fromEntries([...v1.objects].reverse().map((o) => [objectKey(o), o]));
  return { ...v1, formatVersion: 0, objects };
}

describe("migrate", () => {
  it("has one migration per version before the current one", () => {
    expect(STATE_FORMAT_VERSION).toBe(1);
    expect(MIGRATIONS).toHaveLength(STATE_FORMAT_VERSION);
  });

  it("leaves a current document alone", () => {
    const doc = { ...stateData() };
    expect(migrate(doc)).toEqual({ doc, from: 1 });
  });

  it("turns version 0's object map into version 1's list sorted by key", () => {
    const { doc, from } = migrate(v0Document());
    expect(from).toBe(0);
    expect(doc.formatVersion).toBe(1);
    expect((doc.objects as { metadata: { name: string } }[]).map((o) => o.metadata.name)).toEqual([
      "web-7d4b9c-1",
      "web-7d4b9c-2",
      "db",
    ]);
  });

  it("loads a version-0 file through the whole load path and reports the migration", () => {
    const loaded = parseStateText(JSON.stringify(v0Document()), "/x/state.json");
    expect(loaded.migratedFrom).toBe(0);
    expect(loaded.data.formatVersion).toBe(1);
    expect(loaded.data.objects.map(objectKey)).toEqual([
      "Pod/default/web-7d4b9c-1",
      "Pod/default/web-7d4b9c-2",
      "Secret/default/db",
    ]);
  });

  it("runs a chain step by step, in order, from the file's version up to the current one", () => {
    const seen: number[] = [];
    const step =
      (n: number): Migration =>
      (doc) => {
        seen.push(n);
        expect(doc.formatVersion).toBe(n);
        return { ...doc, trail: [...((doc.trail as number[] | undefined) ?? []), n] };
      };
    const chain = [step(0), step(1), step(2)];
    expect(migrate({ formatVersion: 1 }, chain, 3)).toEqual({
      doc: { formatVersion: 3, trail: [1, 2] },
      from: 1,
    });
    expect(seen).toEqual([1, 2]);
  });

  it("names the failing step", () => {
    const broken: Migration = () => {
      throw new Error("objects is not a list");
    };
    expect(() => migrate({ formatVersion: 0 }, [(d) => d, broken], 2)).toThrow(
      "migrating from format version 1 to 2 failed: objects is not a list",
    );
    expect(() => migrate({ formatVersion: 0, objects: [] })).toThrow(
      "migrating from format version 0 to 1 failed: objects is not a map of object key to object",
    );
  });

  it("refuses a missing, malformed, newer or unmigratable version", () => {
    expect(() => migrate({})).toThrow(MigrationError);
    expect(() => migrate({ formatVersion: "1" })).toThrow(
      "formatVersion is missing or not a non-negative integer",
    );
    expect(() => migrate({ formatVersion: 1.5 })).toThrow("formatVersion is missing");
    expect(() => migrate({ formatVersion: 2 })).toThrow("formatVersion 2 is newer than this berth's 1");
    expect(() => migrate({ formatVersion: 0 }, [], 1)).toThrow("no migration from format version 0");
  });
});

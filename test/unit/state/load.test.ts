import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { locateJsonError } from "../../../src/state/json-error.js";
import { parseStateText, readStateFile } from "../../../src/state/load.js";
import { BerthError } from "../../../src/util/errors.js";
import { pod, stateData, tempDir } from "../../support/state-fixtures.js";

const PATH = "/var/lib/berth/state.json";

function failure(text: string): BerthError {
  try {
    parseStateText(text, PATH);
  } catch (e) {
    if (e instanceof BerthError) return e;
    throw e;
  }
  throw new Error("expected the load to fail");
}

function corruptMessage(text: string): string {
  const e = failure(text);
  expect(e.code).toBe("E_STATE_CORRUPT");
  expect(e.origin.file).toBe(PATH);
  // Every corrupt-file message says how to recover.
  expect(e.message).toContain("start berth with --rebuild-state");
  expect(e.message).toContain(`${PATH}.corrupt-<time>`);
  return e.message;
}

const valid = (): Record<string, unknown> => ({ ...stateData([pod(1), pod(2)]) });

describe("parseStateText", () => {
  it("returns a valid current-format document as it is", () => {
    const doc = valid();
    expect(parseStateText(JSON.stringify(doc), PATH)).toEqual({ data: doc });
  });

  it("E_STATE_CORRUPT: an empty file", () => {
    expect(corruptMessage("")).toMatch(/^state file \/var\/lib\/berth\/state.json is empty; to recover/);
    corruptMessage("  \n");
  });

  it("E_STATE_CORRUPT: invalid JSON, with line, column and offset", () => {
    expect(corruptMessage('{\n  "formatVersion": 1,\n  "apps": [,]\n}')).toContain(
      'is not valid JSON at line 3, column 12 (offset 35): expected a value, found ","',
    );
  });

  it("E_STATE_CORRUPT: a truncated file (a torn write)", () => {
    const text = JSON.stringify(valid(), null, 2);
    const cut = text.slice(0, Math.floor(text.length / 2));
    expect(corruptMessage(cut)).toContain(`(offset ${cut.length}): unexpected end of input`);
  });

  it("E_STATE_CORRUPT: JSON that is not an object", () => {
    expect(corruptMessage("[1, 2]")).toContain("is not a JSON object (found an array)");
    expect(corruptMessage("null")).toContain("(found null)");
    expect(corruptMessage('"x"')).toContain("(found string)");
  });

  it("E_STATE_CORRUPT: no format version", () => {
    const { formatVersion: _v, ...rest } = valid();
    expect(corruptMessage(JSON.stringify(rest))).toContain(
      "cannot be read: formatVersion is missing or not a non-negative integer",
    );
  });

  it("E_STATE_CORRUPT: schema violations, with the path into the document", () => {
    const doc = valid();
    const objects = doc.objects as { metadata: Record<string, unknown> }[];
    delete objects[1]?.metadata.uid;
    doc.events = [
      {
        type: "Fatal",
        reason: "BackOff",
        message: "m",
        involvedObject: { kind: "Pod", namespace: "default", name: "p" },
        source: { component: "kubelet" },
        count: 1,
        firstTimestamp: "2026-11-26T10:00:00Z",
        lastTimestamp: "2026-11-26T10:00:00Z",
      },
    ];
    const message = corruptMessage(JSON.stringify(doc));
    expect(message).toContain(
      "does not match schemas/state-file.json: at /objects/1/metadata: must have required property 'uid'; ",
    );
    expect(message).toContain('at /events/0/type: must be one of "Normal", "Warning"');
    expect(corruptMessage(JSON.stringify({ ...valid(), extra: 1 }))).toContain(
      'at /: has unknown property "extra"',
    );
  });

  it("E_STATE_CORRUPT: a plain-text Secret value (files hold hashes only)", () => {
    const doc = valid();
    doc.objects = [
      {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "db", namespace: "default", uid: "u", resourceVersion: "1" },
        data: { password: "aHVudGVyMg==" },
      },
    ];
    expect(corruptMessage(JSON.stringify(doc))).toContain("at /objects/0/data/password: must match pattern");
  });

  it("E_STATE_CORRUPT: duplicates the schema cannot see", () => {
    const doc = valid();
    doc.objects = [pod(1), pod(1)];
    expect(corruptMessage(JSON.stringify(doc))).toContain(
      "is inconsistent: object Pod/default/web-7d4b9c-1 appears twice; object uid",
    );
  });

  it("E_STATE_VERSION: a file from a newer berth is refused, not called corrupt", () => {
    const e = failure(JSON.stringify({ ...valid(), formatVersion: 2, berthVersion: "9.0.0" }));
    expect(e.code).toBe("E_STATE_VERSION");
    expect(e.message).toContain("has format version 2 (written by berth 9.0.0)");
    expect(e.message).toContain("reads format 1 and older");
  });
});

describe("readStateFile", () => {
  it("returns undefined without a file, and the checked state with one", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, "state.json");
      expect(await readStateFile(path)).toBeUndefined();
      const doc = valid();
      writeFileSync(path, JSON.stringify(doc));
      expect(await readStateFile(path)).toEqual({ data: doc });
      writeFileSync(path, "{");
      await expect(readStateFile(path)).rejects.toMatchObject({ code: "E_STATE_CORRUPT" });
    } finally {
      cleanup();
    }
  });
});

describe("locateJsonError", () => {
  it("finds the first bad character and what was expected there", () => {
    expect(locateJsonError('{"a": 1, "b": [true, false, null, -1.5e3, "x\\n"]}')).toBeUndefined();
    expect(locateJsonError('{"a" 1}')).toMatchObject({
      offset: 5,
      line: 1,
      column: 6,
      problem: "expected ':' after the property name, found \"1\"",
    });
    expect(locateJsonError('{"a":1,}')).toMatchObject({
      offset: 7,
      problem: 'expected a double-quoted property name, found "}"',
    });
    expect(locateJsonError('{"a":tru}')).toMatchObject({ offset: 5, problem: 'expected a value, found "t"' });
    expect(locateJsonError("[1]x")).toMatchObject({
      offset: 3,
      problem: 'expected end of input after the JSON value, found "x"',
    });
    expect(locateJsonError('"a\u0001"')).toMatchObject({ offset: 2 });
    expect(locateJsonError('"\\q"')).toMatchObject({ offset: 1 });
    expect(locateJsonError("[1,\n2,\n")).toMatchObject({ offset: 7, line: 3, column: 1 });
  });
});

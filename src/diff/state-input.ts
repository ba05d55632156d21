// The recorded side of `berth diff --state`: the objects array of a berth state file, read-only and
// tolerantly (the state file module validates and migrates when the daemon loads it; a diff only
// needs objects, the app names and the salt that keys Secret hashes). Entries that are not objects
// of a kind berth knows are skipped and counted, so a newer file still diffs.

import { readFile } from "node:fs/promises";
import { KINDS, type Kind, type KObject } from "../manifest/types.js";
import { BerthError } from "../util/errors.js";

export interface RecordedState {
  objects: KObject[];
  /** Names of the apps the file records (`apps[].name`). */
  apps: string[];
  /** Keys the HMAC that replaced Secret values (`secretSalt`). */
  secretSalt?: string;
  /** Entries of `objects` that were skipped: not an object, or a kind berth does not know. */
  skipped: number;
}

const KIND_SET: ReadonlySet<string> = new Set<Kind>(KINDS);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isObject(v: unknown): v is KObject {
  return (
    isRecord(v) &&
    typeof v.kind === "string" &&
    KIND_SET.has(v.kind) &&
    isRecord(v.metadata) &&
    typeof v.metadata.name === "string"
  );
}

export function parseRecordedState(text: string, path: string): RecordedState {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new BerthError("E_STATE_INVALID", `${path} is not valid JSON: ${(e as Error).message}`, {
      hint: "pass the state file berth run writes (.berth/state.json by default)",
    });
  }
  if (!isRecord(doc) || !Array.isArray(doc.objects)) {
    throw new BerthError("E_STATE_INVALID", `${path} has no "objects" array: not a berth state file`, {
      hint: "pass the state file berth run writes (.berth/state.json by default)",
    });
  }
  const objects = doc.objects.filter(isObject);
  const apps = Array.isArray(doc.apps)
    ? doc.apps.flatMap((a) => (isRecord(a) && typeof a.name === "string" ? [a.name] : []))
    : [];
  const out: RecordedState = { objects, apps, skipped: doc.objects.length - objects.length };
  if (typeof doc.secretSalt === "string" && doc.secretSalt !== "") out.secretSalt = doc.secretSalt;
  return out;
}

export async function readRecordedState(path: string): Promise<RecordedState> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
    throw new BerthError(
      missing ? "E_STATE_NOT_FOUND" : "E_IO",
      missing
        ? `state file ${path} does not exist`
        : `cannot read state file ${path}: ${(e as Error).message}`,
      { hint: "pass the state file berth run writes (.berth/state.json by default)" },
    );
  }
  return parseRecordedState(text, path);
}

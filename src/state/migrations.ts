// State file format migrations. A file records its `formatVersion`; on load, migration N turns a
// version-N document into version N+1, one step at a time, until the current version, before the
// schema check. Migrations work on plain JSON (the old shapes have no TypeScript types any more).
//
// To change the format: bump STATE_FORMAT_VERSION (types.ts), change StateData and
// schemas/state-file.json to the new shape, and append to MIGRATIONS a function from the previous
// version's document to the new one. Never edit a released migration. Add a test that loads a file of
// the previous version (docs/state.md, "Adding a migration").

import { STATE_FORMAT_VERSION } from "./types.js";

export type StateDocument = Record<string, unknown>;

/** Turns a document of version N into version N+1 (formatVersion is set by migrate()). */
export type Migration = (doc: StateDocument) => StateDocument;

/**
 * Version 0 (the pre-release format) kept objects as a map keyed by object key
 * ("Deployment/default/web"); version 1 keeps a list sorted by that key, like a Kubernetes List.
 */
function v0ToV1(doc: StateDocument): StateDocument {
  const objects = doc.objects;
  if (objects === null || typeof objects !== "object" || Array.isArray(objects)) {
    throw new Error("objects is not a map of object key to object");
  }
  const keys = Object.keys(objects).sort();
  return { ...doc, objects: keys.map((k) => (objects as Record<string, unknown>)[k]) };
}

/** MIGRATIONS[n] migrates version n to n+1; its length is the current version. */
export const MIGRATIONS: readonly Migration[] = [v0ToV1];

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly fromVersion: number,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

export interface MigrationResult {
  doc: StateDocument;
  /** The version the document had; equal to the current version when nothing ran. */
  from: number;
}

/**
 * Brings a document of any known version up to the current one. Throws MigrationError for a missing,
 * newer or failing version; the caller turns that into the right BerthError.
 */
export function migrate(
  doc: StateDocument,
  migrations: readonly Migration[] = MIGRATIONS,
  current: number = STATE_FORMAT_VERSION,
): MigrationResult {
  const from = doc.formatVersion;
  if (typeof from !== "number" || !Number.isInteger(from) || from < 0) {
    throw new MigrationError("formatVersion is missing or not a non-negative integer", NaN);
  }
  if (from > current) {
    throw new MigrationError(`formatVersion ${from} is newer than this berth's ${current}`, from);
  }
  let out = doc;
  for (let v = from; v < current; v++) {
    const step = migrations[v];
    if (!step) throw new MigrationError(`no migration from format version ${v}`, v);
    try {
      out = { ...step(out), formatVersion: v + 1 };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new MigrationError(`migrating from format version ${v} to ${v + 1} failed: ${why}`, v);
    }
  }
  return { doc: out, from };
}

// Reading a state file: text → JSON → migrated to the current format → schema-checked → consistency-
// checked. Anything wrong is an E_STATE_CORRUPT error that says what and where, and how to recover;
// a bad file is never silently replaced (that would forget what runs on the hosts).

import { readFile } from "node:fs/promises";
import { BerthError } from "../util/errors.js";
import { BERTH_VERSION } from "../version.js";
import { locateJsonError } from "./json-error.js";
import { migrate, MigrationError, type StateDocument } from "./migrations.js";
import { stateProblem } from "./validate.js";
import { STATE_FORMAT_VERSION, type StateData } from "./types.js";

export interface LoadedState {
  data: StateData;
  /** The format version the file had, when it was older than the current one and got migrated. */
  migratedFrom?: number;
}

function recovery(path: string): string {
  return (
    `; to recover, restore a backup copy of the file, or start berth with --rebuild-state: it moves ` +
    `the file aside as ${path}.corrupt-<time> and rebuilds the state from what runs on Docker and the repo`
  );
}

function corrupt(path: string, what: string, cause?: unknown): BerthError {
  return new BerthError("E_STATE_CORRUPT", `state file ${path} ${what}${recovery(path)}`, {
    origin: { file: path },
    cause,
  });
}

function parseJson(text: string, path: string): unknown {
  if (text.trim() === "") throw corrupt(path, "is empty");
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const at = locateJsonError(text);
    const where = at ? `at line ${at.line}, column ${at.column} (offset ${at.offset}): ${at.problem}` : "";
    throw corrupt(path, `is not valid JSON ${where || (e instanceof Error ? e.message : "")}`, e);
  }
}

/** Parses and checks state file text. `path` is only for messages. */
export function parseStateText(text: string, path: string): LoadedState {
  const doc = parseJson(text, path);
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw corrupt(
      path,
      `is not a JSON object (found ${doc === null ? "null" : Array.isArray(doc) ? "an array" : typeof doc})`,
    );
  }
  let migrated: { doc: StateDocument; from: number };
  try {
    migrated = migrate(doc as StateDocument);
  } catch (e) {
    if (!(e instanceof MigrationError)) throw e;
    if (e.fromVersion > STATE_FORMAT_VERSION) {
      const by = (doc as { berthVersion?: unknown }).berthVersion;
      throw new BerthError(
        "E_STATE_VERSION",
        `state file ${path} has format version ${e.fromVersion}${typeof by === "string" ? ` (written by berth ${by})` : ""}; ` +
          `berth ${BERTH_VERSION} reads format ${STATE_FORMAT_VERSION} and older. Run a berth at least as new as the one ` +
          `that wrote it, or restore a backup of the file`,
        { origin: { file: path } },
      );
    }
    throw corrupt(path, `cannot be read: ${e.message}`, e);
  }
  const problem = stateProblem(migrated.doc);
  if (problem !== undefined) throw corrupt(path, problem);
  const data = migrated.doc as unknown as StateData;
  return migrated.from === STATE_FORMAT_VERSION ? { data } : { data, migratedFrom: migrated.from };
}

/** The file's text, or undefined when there is no file. */
export async function readStateText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new BerthError("E_STATE_READ", `cannot read state file ${path}: ${(e as Error).message}`, {
      origin: { file: path },
      cause: e,
    });
  }
}

/**
 * Reads and checks a state file without locking it: for the CLI (`berth get`, `berth diff --state`)
 * and anything else that only looks. Files are replaced by rename, so a read sees a whole version.
 * Returns undefined when there is no file yet.
 */
export async function readStateFile(path: string): Promise<LoadedState | undefined> {
  const text = await readStateText(path);
  return text === undefined ? undefined : parseStateText(text, path);
}

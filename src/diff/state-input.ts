// The recorded side of `berth diff --state`: the objects of a berth state file, read through the
// state module's read-only reader (no lock; migrated and checked as the daemon would load it).

import type { KObject } from "../manifest/types.js";
import { readStateFile } from "../state/load.js";
import { BerthError } from "../util/errors.js";

export interface RecordedState {
  /** Every object of the store: from git and generated. Secret values are `hmac-sha256:` hashes. */
  objects: KObject[];
  /** Names of the apps the file records: what their objects' `berth.io/app` says. */
  apps: string[];
  /** Keys the HMAC that replaced Secret values. */
  secretSalt: string;
}

export async function readRecordedState(path: string): Promise<RecordedState> {
  const loaded = await readStateFile(path);
  if (loaded === undefined) {
    throw new BerthError("E_STATE_NOT_FOUND", `state file ${path} does not exist`, {
      hint: "pass the state file berth run writes (.berth/state.json by default)",
    });
  }
  const { objects, apps, secretSalt } = loaded.data;
  return { objects, apps: apps.map((a) => a.name), secretSalt };
}

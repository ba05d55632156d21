// Between the object store and the state document: taking the store's objects out, putting them
// back, and the one place that shapes a document for disk (secrets hashed, credentials stripped,
// lists sorted so two saves of the same state are byte-identical).

import { objectKey } from "../manifest/identity.js";
import type { KObject } from "../manifest/types.js";
import { isoTime } from "../util/clock.js";
import { stripUrlCredentials } from "../util/url-credentials.js";
import { BERTH_VERSION } from "../version.js";
import type { ObjectStore } from "./store.js";
import { redactSecret } from "./secrets.js";
import { STATE_FORMAT_VERSION, type StateContent, type StateData } from "./types.js";

type StoreFields = "objects" | "resourceVersion";

/**
 * `rest` plus the store's objects and resourceVersion counter. Objects are not copied: the store
 * replaces objects rather than changing them, and the state file serializes the snapshot at once.
 */
export function snapshotStore<T extends object>(
  store: ObjectStore,
  rest: T,
): Omit<T, StoreFields> & Pick<StateContent, StoreFields> {
  return { ...rest, resourceVersion: store.resourceVersion, objects: store.all() };
}

/**
 * Loads the state's objects into the store (no watch events). The counter continues from the
 * highest resourceVersion seen, so a hand-edited file cannot make versions repeat.
 */
export function restoreStore(store: ObjectStore, data: Pick<StateContent, StoreFields>): void {
  let rv = data.resourceVersion;
  for (const o of data.objects) rv = Math.max(rv, Number(o.metadata.resourceVersion ?? 0) || 0);
  store.restore(structuredClone(data.objects), rv);
}

export function emptyStateContent(): StateContent {
  return { resourceVersion: 0, apps: [], objects: [], nodes: [], allocations: {}, events: [] };
}

export interface Envelope {
  secretSalt: string;
  savedAt: number;
  berthVersion?: string;
}

const byString =
  <T>(key: (x: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

function forDisk(o: KObject, salt: string): KObject {
  return o.kind === "Secret" ? redactSecret(o, salt) : o;
}

/** The document written to disk for `content`; the envelope fields of `content`, if any, are ignored. */
export function prepareForSave(content: StateContent, env: Envelope): StateData {
  return {
    formatVersion: STATE_FORMAT_VERSION,
    berthVersion: env.berthVersion ?? BERTH_VERSION,
    savedAt: isoTime(env.savedAt),
    secretSalt: env.secretSalt,
    resourceVersion: content.resourceVersion,
    apps: content.apps
      .map((a) => ({ ...a, source: { ...a.source, repoURL: stripUrlCredentials(a.source.repoURL) } }))
      .sort(byString((a) => a.name)),
    objects: content.objects
      .map((o) => ({ key: objectKey(o), o: forDisk(o, env.secretSalt) }))
      .sort(byString((x) => x.key))
      .map((x) => x.o),
    nodes: [...content.nodes].sort(byString((n) => n.name)),
    allocations: content.allocations,
    events: content.events,
  };
}

export function serializeState(data: StateData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

// planDiff: desired objects (from git) against recorded ones (the state file, or another revision),
// object by object. Pure. Most objects are unchanged, so each pair is first compared in place,
// without copies (normalize.ts sameWhenNormalized); only differing pairs are normalised and walked
// field by field.

import { idOf, objectKey } from "../manifest/identity.js";
import type { KObject, Kind, Secret, Service } from "../manifest/types.js";
import { BerthError } from "../util/errors.js";
import { EntryOrder } from "./entry-order.js";
import { diffValues } from "./fields.js";
import { ImplicationContext } from "./refs.js";
import { namespaceOf, Slots, type Slot } from "./slots.js";
import { implicationsFor } from "./implications.js";
import {
  adoptServerAssigned,
  appOf,
  isFromGit,
  isPruneDisabled,
  normalize,
  sameServiceWhenNormalized,
  sameWhenNormalized,
  SECRET_VALUE_SKIP,
} from "./normalize.js";
import {
  compareSecrets,
  redactAll,
  redactSecret,
  secretChanges,
  secretValuesEqual,
  withoutValues,
  type Hasher,
  type SecretComparison,
} from "./secrets.js";
import type {
  ActionCounts,
  FieldChange,
  Implication,
  Plan,
  PlanAction,
  PlanEntry,
  PlanOptions,
} from "./types.js";

function emptyCounts(): ActionCounts {
  return { create: 0, update: 0, delete: 0, unchanged: 0, keep: 0 };
}

/** For the walk only: absent labels and annotations as empty maps, so changes name their keys. */
function withMetaMaps(obj: KObject): KObject {
  const m = obj.metadata;
  if (m.labels && m.annotations) return obj;
  return { ...obj, metadata: { ...m, labels: m.labels ?? {}, annotations: m.annotations ?? {} } };
}

/** Field changes of an update; Secret values as markers. */
function fieldChanges(
  beforeObj: KObject,
  afterObj: KObject,
  secrets: SecretComparison | undefined,
): FieldChange[] {
  const before = withMetaMaps(beforeObj);
  const after = withMetaMaps(afterObj);
  const out: FieldChange[] = [];
  if (!secrets) {
    diffValues(before, after, [], out);
    return out;
  }
  // Keep the display order of keys (apiVersion, kind, metadata, data, stringData, type ...).
  const {
    apiVersion: _a,
    kind: _k,
    metadata: bm,
    ...bRest
  } = withoutValues(before) as KObject & Record<string, unknown>;
  const {
    apiVersion: _c,
    kind: _l,
    metadata: am,
    ...aRest
  } = withoutValues(after) as KObject & Record<string, unknown>;
  diffValues(
    { apiVersion: before.apiVersion, kind: before.kind, metadata: bm },
    { apiVersion: after.apiVersion, kind: after.kind, metadata: am },
    [],
    out,
  );
  out.push(...secretChanges(secrets.fields));
  diffValues(bRest, aRest, [], out);
  return out;
}

// Shared by every unchanged entry: thousands of them, none ever gets changes or implications.
const NO_CHANGES: FieldChange[] = Object.freeze([]) as unknown as FieldChange[];
const NO_IMPLICATIONS: Implication[] = Object.freeze([]) as unknown as Implication[];

function unchangedEntry(desired: KObject, namespace: string, key: string): PlanEntry {
  return {
    action: "unchanged",
    kind: desired.kind,
    namespace,
    name: desired.metadata.name,
    key,
    changes: NO_CHANGES,
    implications: NO_IMPLICATIONS,
  };
}

/** normalize(adoptServerAssigned(desired, recorded)) deep-equals normalize(recorded), in place. */
function unchanged(desired: KObject, recorded: KObject, hash: Hasher): boolean {
  if (desired.kind !== recorded.kind) return false;
  switch (desired.kind) {
    case "Service":
      return sameServiceWhenNormalized(desired, recorded as Service);
    case "Secret":
      return (
        secretValuesEqual(desired, recorded as Secret, hash) &&
        sameWhenNormalized(desired, recorded, SECRET_VALUE_SKIP)
      );
    default:
      return sameWhenNormalized(adoptServerAssigned(desired, recorded), recorded);
  }
}

function compare(
  desired: KObject,
  recorded: KObject,
  namespace: string,
  key: string,
  hash: Hasher,
): PlanEntry {
  // Fast path, no copies: most objects are unchanged.
  if (unchanged(desired, recorded, hash)) return unchangedEntry(desired, namespace, key);
  const adopted = adoptServerAssigned(desired, recorded);
  const before = normalize(recorded);
  const after = normalize(adopted);
  if (desired.kind !== "Secret" || recorded.kind !== "Secret") {
    return {
      ...unchangedEntry(desired, namespace, key),
      action: "update",
      before,
      after,
      changes: fieldChanges(before, after, undefined),
    };
  }
  const secrets = compareSecrets(after as Secret, before as Secret, hash);
  return {
    ...unchangedEntry(desired, namespace, key),
    action: "update",
    before: redactSecret(before as Secret, secrets.fields, "before"),
    after: redactSecret(after as Secret, secrets.fields, "after"),
    changes: fieldChanges(before, after, secrets),
  };
}

function shown(obj: KObject, action: PlanAction): KObject {
  const n = normalize(obj);
  if (n.kind !== "Secret") return n;
  return redactAll(n, action === "create" ? "added" : action === "delete" ? "removed" : "unchanged");
}

function entryFor(action: PlanAction, obj: KObject): PlanEntry {
  const id = idOf(obj);
  const entry: PlanEntry = {
    action,
    kind: id.kind,
    namespace: id.namespace,
    name: id.name,
    key: objectKey(obj),
    changes: [],
    implications: [],
  };
  if (action === "create") entry.after = shown(obj, action);
  else entry.before = shown(obj, action);
  return entry;
}

/** The raw objects behind each entry that is not unchanged, for implications. */
type Pairs = Map<PlanEntry, { desired?: KObject; recorded?: KObject }>;

function compareSlot(entries: EntryOrder, pairs: Pairs, slot: Slot, hash: Hasher): void {
  const { desired, recorded } = slot;
  if (desired === undefined || recorded === undefined) return;
  const group = entries.group(desired.kind, slot.namespace);
  const key = group.keyPrefix + desired.metadata.name;
  const entry = compare(desired, recorded, slot.namespace, key, hash);
  group.entries.push(entry);
  if (entry.action === "update") pairs.set(entry, { desired, recorded });
}

/** A create, delete or keep entry, in its group. */
function addEntry(entries: EntryOrder, pairs: Pairs, action: PlanAction, obj: KObject): void {
  const entry = entryFor(action, obj);
  entries.group(entry.kind, entry.namespace).entries.push(entry);
  pairs.set(entry, action === "create" ? { desired: obj } : { recorded: obj });
}

function duplicate(obj: KObject): BerthError {
  return new BerthError("E_DIFF_DUPLICATE", `${objectKey(obj)} is desired twice`, {
    hint: "each kind, namespace and name may appear once; the manifest loader reports where",
  });
}

/**
 * What turning `recorded` into `desired` does. Recorded objects generated by controllers (owned,
 * without `berth.io/app`) are never created, updated or deleted; they only inform implications.
 */
export function planDiff(desired: KObject[], recorded: KObject[], opts: PlanOptions = {}): Plan {
  const slots = new Slots();
  for (const obj of recorded) slots.addRecorded(obj);
  const entries = new EntryOrder();
  const pairs: Pairs = new Map();
  // Matching first, comparing after: the comparisons stream through every object's fields, which
  // would push the index out of the CPU caches between one lookup and the next.
  for (const obj of desired) {
    const slot = slots.forDesired(obj, namespaceOf(obj));
    if (slot.desired) throw duplicate(obj);
    slot.desired = obj;
    if (slot.recorded === undefined) addEntry(entries, pairs, "create", obj);
  }
  // The recorded slots now hold every matched pair (compareSlot skips the others). Secrets last,
  // together: hashing their values runs native code that evicts what the structural comparisons
  // of the other objects keep in the CPU caches.
  for (const slot of slots.recorded)
    if (slot.kind !== "Secret") compareSlot(entries, pairs, slot, opts.hashSecretValue);
  for (const slot of slots.recorded)
    if (slot.kind === "Secret") compareSlot(entries, pairs, slot, opts.hashSecretValue);
  for (const slot of slots.recorded) {
    const obj = slot.recorded;
    if (slot.desired || obj === undefined || !isFromGit(obj)) continue;
    const app = appOf(obj);
    if (opts.app !== undefined && app !== undefined && app !== opts.app) continue;
    addEntry(entries, pairs, isPruneDisabled(obj) ? "keep" : "delete", obj);
  }

  const byKind: Partial<Record<Kind, ActionCounts>> = {};
  const ctx = new ImplicationContext(desired, recorded);
  const sorted = entries.sorted();
  // Sorted by kind, so the kind's counts change rarely; the summary is their sum.
  let counts = emptyCounts();
  let countsKind: Kind | undefined;
  for (const e of sorted) {
    if (e.kind !== countsKind) {
      countsKind = e.kind;
      counts = byKind[e.kind] ??= emptyCounts();
    }
    if (e.action === "unchanged") {
      counts.unchanged++;
      continue;
    }
    counts[e.action]++;
    const pair = pairs.get(e);
    e.implications = implicationsFor(e, pair?.desired, pair?.recorded, ctx);
  }
  const summary = emptyCounts();
  for (const c of Object.values(byKind)) {
    summary.create += c.create;
    summary.update += c.update;
    summary.delete += c.delete;
    summary.unchanged += c.unchanged;
    summary.keep += c.keep;
  }
  return {
    entries: sorted,
    summary,
    byKind,
    hasChanges: summary.create + summary.update + summary.delete > 0,
  };
}

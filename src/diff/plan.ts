// planDiff: desired objects (from git) against recorded ones (the state file, or another revision),
// object by object. Pure. Most objects are unchanged, so each pair is first compared in place,
// without copies (normalize.ts sameWhenNormalized); only differing pairs are normalised and walked
// field by field.

import { idOf, isClusterScoped, objectKey } from "../manifest/identity.js";
import { KINDS, type KObject, type Kind, type Secret, type Service } from "../manifest/types.js";
import { BerthError } from "../util/errors.js";
import { diffValues } from "./fields.js";
import { ImplicationContext } from "./refs.js";
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

function unchangedEntry(key: string, desired: KObject): PlanEntry {
  return {
    action: "unchanged",
    kind: desired.kind,
    namespace: namespaceOf(desired),
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

function compare(key: string, desired: KObject, recorded: KObject, hash: Hasher): PlanEntry {
  // Fast path, no copies: most objects are unchanged.
  if (unchanged(desired, recorded, hash)) return unchangedEntry(key, desired);
  const adopted = adoptServerAssigned(desired, recorded);
  const before = normalize(recorded);
  const after = normalize(adopted);
  if (desired.kind !== "Secret" || recorded.kind !== "Secret") {
    return {
      ...unchangedEntry(key, desired),
      action: "update",
      before,
      after,
      changes: fieldChanges(before, after, undefined),
    };
  }
  const secrets = compareSecrets(after as Secret, before as Secret, hash);
  return {
    ...unchangedEntry(key, desired),
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

const KIND_ORDER = new Map<string, number>(KINDS.map((k, i) => [k, i]));

/** Kind in apply order (unknown kinds last, by name), then namespace, then name. */
function sortEntries(entries: PlanEntry[]): PlanEntry[] {
  // Ranks are looked up once per entry, not once per comparison.
  const ranked = entries.map((e) => ({ rank: KIND_ORDER.get(e.kind) ?? KINDS.length, e }));
  ranked.sort((x, y) => {
    if (x.rank !== y.rank) return x.rank - y.rank;
    const a = x.e;
    const b = y.e;
    if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
    if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  return ranked.map((r) => r.e);
}

/** Objects by kind, namespace and name: nested maps avoid building and hashing a key per lookup. */
class Index<T> {
  private readonly byKind = new Map<string, Map<string, Map<string, T>>>();

  get(obj: KObject): T | undefined {
    return this.byKind.get(obj.kind)?.get(namespaceOf(obj))?.get(obj.metadata.name);
  }

  /** The map holding objects of obj's kind and namespace, created on first use. */
  private names(obj: KObject): Map<string, T> {
    let byNs = this.byKind.get(obj.kind);
    if (!byNs) this.byKind.set(obj.kind, (byNs = new Map<string, Map<string, T>>()));
    const ns = namespaceOf(obj);
    let byName = byNs.get(ns);
    if (!byName) byNs.set(ns, (byName = new Map<string, T>()));
    return byName;
  }

  set(obj: KObject, value: T): void {
    this.names(obj).set(obj.metadata.name, value);
  }

  /** Sets the value unless `keep(existing)` says the one already there stays. */
  setUnless(obj: KObject, value: T, keep: (existing: T) => boolean): void {
    const byName = this.names(obj);
    const existing = byName.get(obj.metadata.name);
    if (existing === undefined || !keep(existing)) byName.set(obj.metadata.name, value);
  }

  *values(): IterableIterator<T> {
    for (const byNs of this.byKind.values()) for (const byName of byNs.values()) yield* byName.values();
  }
}

function namespaceOf(obj: KObject): string {
  return isClusterScoped(obj.kind) ? "" : (obj.metadata.namespace ?? "default");
}

interface Slot {
  recorded: KObject;
  fromGit: boolean;
  /** The desired object with the same identity, once seen. */
  desired?: KObject;
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
  const slots = new Index<Slot>();
  for (const obj of recorded) {
    // A git object wins over a generated one of the same identity.
    const fromGit = isFromGit(obj);
    slots.setUnless(obj, { recorded: obj, fromGit }, (prev) => prev.fromGit && !fromGit);
  }
  const created = new Index<KObject>();
  const entries: PlanEntry[] = [];
  // The raw objects behind each entry that is not unchanged, for implications.
  const pairs = new Map<PlanEntry, { desired?: KObject; recorded?: KObject }>();
  for (const obj of desired) {
    const slot = slots.get(obj);
    if (slot === undefined) {
      if (created.get(obj)) throw duplicate(obj);
      created.set(obj, obj);
      const entry = entryFor("create", obj);
      entries.push(entry);
      pairs.set(entry, { desired: obj });
      continue;
    }
    if (slot.desired) throw duplicate(obj);
    slot.desired = obj;
    const key = `${obj.kind}/${namespaceOf(obj)}/${obj.metadata.name}`;
    const entry = compare(key, obj, slot.recorded, opts.hashSecretValue);
    entries.push(entry);
    if (entry.action === "update") pairs.set(entry, { desired: obj, recorded: slot.recorded });
  }
  for (const slot of slots.values()) {
    if (!slot.fromGit || slot.desired) continue;
    const obj = slot.recorded;
    const app = appOf(obj);
    if (opts.app !== undefined && app !== undefined && app !== opts.app) continue;
    const entry = entryFor(isPruneDisabled(obj) ? "keep" : "delete", obj);
    entries.push(entry);
    pairs.set(entry, { recorded: obj });
  }

  const summary = emptyCounts();
  const byKind: Partial<Record<Kind, ActionCounts>> = {};
  const ctx = new ImplicationContext(desired, recorded);
  const sorted = sortEntries(entries);
  for (const e of sorted) {
    summary[e.action]++;
    (byKind[e.kind] ??= emptyCounts())[e.action]++;
    if (e.action === "unchanged") continue;
    const pair = pairs.get(e);
    e.implications = implicationsFor(e, pair?.desired, pair?.recorded, ctx);
  }
  return {
    entries: sorted,
    summary,
    byKind,
    hasChanges: summary.create + summary.update + summary.delete > 0,
  };
}

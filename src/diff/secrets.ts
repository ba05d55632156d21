// Secret values never leave planDiff: keys are compared (a recorded `hmac-sha256:` hash against the
// desired value through the injected hasher), and the objects and changes a plan carries hold
// redaction markers in place of values, so no renderer can print one.

import type { KObject, Secret } from "../manifest/types.js";
import { isHashedSecretValue } from "../state/secrets.js";
import { formatSegments } from "./path.js";
import type { FieldChange, PathSegment } from "./types.js";

export const REDACTED = "<redacted>";
export const REDACTED_CHANGED = "<redacted: changed>";
export const REDACTED_ADDED = "<redacted: added>";
export const REDACTED_REMOVED = "<redacted: removed>";

/** The Secret fields that hold values. */
const VALUE_FIELDS = ["data", "stringData"] as const;
type ValueField = (typeof VALUE_FIELDS)[number];

export type KeyState = "unchanged" | "changed" | "added" | "removed";

export type Hasher = ((value: string) => string) | undefined;

function valuesEqual(desired: string, recorded: string, hash: Hasher): boolean {
  if (desired === recorded) return true;
  if (hash === undefined) return false;
  const recordedHashed = isHashedSecretValue(recorded);
  if (recordedHashed !== isHashedSecretValue(desired)) {
    return recordedHashed ? hash(desired) === recorded : hash(recorded) === desired;
  }
  return false;
}

/** Per key of one value field: how the desired map differs from the recorded one. */
export function compareValues(
  desired: Record<string, string> | undefined,
  recorded: Record<string, string> | undefined,
  hash: Hasher,
): Map<string, KeyState> {
  const out = new Map<string, KeyState>();
  const d = desired ?? {};
  const r = recorded ?? {};
  for (const k of Object.keys(d).sort()) {
    const rv = Object.hasOwn(r, k) ? r[k] : undefined;
    const dv = d[k] ?? "";
    out.set(k, rv === undefined ? "added" : valuesEqual(dv, rv, hash) ? "unchanged" : "changed");
  }
  for (const k of Object.keys(r).sort()) if (!Object.hasOwn(d, k)) out.set(k, "removed");
  return out;
}

export interface SecretComparison {
  fields: Record<ValueField, Map<string, KeyState>>;
  equal: boolean;
}

export function compareSecrets(desired: Secret, recorded: Secret, hash: Hasher): SecretComparison {
  const fields = {
    data: compareValues(desired.data, recorded.data, hash),
    stringData: compareValues(desired.stringData, recorded.stringData, hash),
  };
  let equal = true;
  for (const f of VALUE_FIELDS) for (const s of fields[f].values()) if (s !== "unchanged") equal = false;
  return { fields, equal };
}

/** A Secret without its value fields, for comparing everything else. */
export function withoutValues(obj: KObject): KObject {
  const { data: _d, stringData: _s, ...rest } = obj as Secret;
  return rest;
}

function marker(state: KeyState, side: "before" | "after"): string | undefined {
  switch (state) {
    case "unchanged":
      return REDACTED;
    case "changed":
      return REDACTED_CHANGED;
    case "added":
      return side === "after" ? REDACTED_ADDED : undefined;
    case "removed":
      return side === "before" ? REDACTED_REMOVED : undefined;
  }
}

/** The Secret with every value replaced by the marker for its key's state on this side. */
export function redactSecret(
  obj: Secret,
  states: SecretComparison["fields"],
  side: "before" | "after",
): Secret {
  const out: Secret = { ...obj };
  for (const f of VALUE_FIELDS) {
    if (obj[f] === undefined) continue;
    const redacted: Record<string, string> = {};
    for (const [k, state] of states[f]) {
      const m = marker(state, side);
      if (m !== undefined) redacted[k] = m;
    }
    out[f] = redacted;
  }
  return out;
}

/** Every value marked the same way: created Secrets are all added, deleted ones all removed. */
export function redactAll(obj: Secret, state: KeyState): Secret {
  const out: Secret = { ...obj };
  const side = state === "removed" ? "before" : "after";
  for (const f of VALUE_FIELDS) {
    const values = obj[f];
    if (values === undefined) continue;
    const redacted: Record<string, string> = {};
    for (const k of Object.keys(values).sort()) redacted[k] = marker(state, side) ?? REDACTED;
    out[f] = redacted;
  }
  return out;
}

/** Field changes for the value fields, markers only. */
export function secretChanges(states: SecretComparison["fields"]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of VALUE_FIELDS) {
    for (const [k, state] of states[f]) {
      if (state === "unchanged") continue;
      const segments: PathSegment[] = [f, k];
      const path = formatSegments(segments);
      if (state === "added") out.push({ path, segments, op: "add", after: REDACTED_ADDED, redacted: true });
      else if (state === "removed")
        out.push({ path, segments, op: "remove", before: REDACTED_REMOVED, redacted: true });
      else
        out.push({
          path,
          segments,
          op: "replace",
          before: REDACTED_CHANGED,
          after: REDACTED_CHANGED,
          redacted: true,
        });
    }
  }
  return out;
}

const NO_VALUES: Record<string, string> = {};

function valueMapsEqual(
  desired: Record<string, string> | undefined,
  recorded: Record<string, string> | undefined,
  hash: Hasher,
): boolean {
  const d = desired ?? NO_VALUES;
  const r = recorded ?? NO_VALUES;
  let n = 0;
  for (const k in d) {
    n++;
    const rv = r[k];
    if (rv === undefined || !Object.hasOwn(r, k) || !valuesEqual(d[k] ?? "", rv, hash)) return false;
  }
  for (const _ in r) n--;
  return n === 0;
}

/** compareSecrets(...).equal without building the per-key states: the fast path. */
export function secretValuesEqual(desired: Secret, recorded: Secret, hash: Hasher): boolean {
  return (
    valueMapsEqual(desired.data, recorded.data, hash) &&
    valueMapsEqual(desired.stringData, recorded.stringData, hash)
  );
}

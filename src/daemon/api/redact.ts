// Secret values never leave the daemon through the API: data and stringData values become
// "<redacted>" (hashes from the state file stay as they are: they reveal nothing and let a reader
// tell which keys changed), and annotations that embed a copy of the object are redacted whole.

import { REDACTED } from "../../config/secret.js";
import type { KObject, Secret } from "../../manifest/types.js";
import { isHashedSecretValue } from "../../state/secrets.js";

const VALUE_BEARING_ANNOTATIONS = ["kubectl.kubernetes.io/last-applied-configuration"];

function redactValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, isHashedSecretValue(v) ? v : REDACTED]),
  );
}

function redactSecret(secret: Secret): Secret {
  const out: Secret = { ...secret, metadata: { ...secret.metadata } };
  if (secret.data) out.data = redactValues(secret.data);
  if (secret.stringData) out.stringData = redactValues(secret.stringData);
  const annotations = secret.metadata.annotations;
  if (annotations && VALUE_BEARING_ANNOTATIONS.some((a) => a in annotations)) {
    const copy = { ...annotations };
    for (const a of VALUE_BEARING_ANNOTATIONS) if (a in copy) copy[a] = REDACTED;
    out.metadata.annotations = copy;
  }
  return out;
}

/** The object as the API may show it. */
export function redactForApi(obj: KObject): KObject {
  return obj.kind === "Secret" ? redactSecret(obj) : obj;
}

// Secret defaults: type Opaque, and stringData folded into data the way the API server stores it
// (base64 of the UTF-8 text; stringData wins over data for the same key), then dropped.

import type { Secret } from "../types.js";

export function defaultSecret(secret: Secret): void {
  secret.type ??= "Opaque";
  const plain = secret.stringData;
  if (plain !== undefined) {
    const data = { ...(secret.data ?? {}) };
    for (const [key, value] of Object.entries(plain))
      data[key] = Buffer.from(value, "utf8").toString("base64");
    secret.data = data;
    delete secret.stringData;
  }
}

// Secret values never leave the daemon through the API. Each data and stringData value becomes
// `hmac-sha256:<hex>` exactly as in the state file (src/state/secrets.ts): given the daemon's state
// salt, the API and the file show the same hashes, which reveal nothing yet tell a reader which keys
// changed; every printer of the CLI shows them as <redacted>. Annotations that embed a copy of the
// object (kubectl's last-applied-configuration) are hashed whole.

import type { KObject } from "../../manifest/types.js";
import { redactSecret } from "../../state/secrets.js";

/** The object as the API may show it. */
export function redactForApi(obj: KObject, salt: string): KObject {
  return obj.kind === "Secret" ? redactSecret(obj, salt) : obj;
}

// convertLegacy: the first stage after schema validation. A document in a removed apiVersion is
// rewritten to the current version of its kind, with a W_DEPRECATED warning. The legacy defaults
// that differ from the current version's are written out explicitly, so applyDefaults (which only
// fills absent fields) cannot replace them. Any other document is returned as it is.

import { error, type Issue } from "../issue.js";
import { CURRENT_API_VERSION, KINDS, type Kind } from "../types.js";
import { APPS_V1BETA1, APPS_V1BETA2 } from "./apps.js";
import { BATCH_V1BETA1, BATCH_V2ALPHA1 } from "./batch.js";
import { UNLIMITED, type Converter, type Doc } from "./common.js";
import { EXTENSIONS_V1BETA1 } from "./extensions.js";
import { NETWORKING_V1BETA1 } from "./networking.js";

export { UNLIMITED };

/** progressDeadlineSeconds meaning "no deadline" (Kubernetes' util.HasProgressDeadline). */
export const NO_PROGRESS_DEADLINE = UNLIMITED;

/** Legacy apiVersion → kind → converter. */
export const LEGACY_VERSIONS: Readonly<Record<string, Readonly<Record<string, Converter>>>> = {
  "extensions/v1beta1": EXTENSIONS_V1BETA1,
  "apps/v1beta1": APPS_V1BETA1,
  "apps/v1beta2": APPS_V1BETA2,
  "batch/v1beta1": BATCH_V1BETA1,
  "batch/v2alpha1": BATCH_V2ALPHA1,
  "networking.k8s.io/v1beta1": NETWORKING_V1BETA1,
};

export function isLegacyApiVersion(apiVersion: string, kind: string): boolean {
  return LEGACY_VERSIONS[apiVersion]?.[kind] !== undefined;
}

/** Converts a legacy document; never mutates `doc`. */
export function convertLegacy(doc: Record<string, unknown>): {
  object: Record<string, unknown>;
  issues: Issue[];
} {
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== "string" || typeof kind !== "string") return { object: doc, issues: [] };
  const group = LEGACY_VERSIONS[apiVersion];
  if (!group) return { object: doc, issues: [] };
  const convert = group[kind];
  if (convert) return convert(doc);
  // A kind berth runs, in a legacy group version that never served it (apps/v1beta1 DaemonSet).
  // Kinds berth does not run at all pass through for the loader to skip.
  if ((KINDS as readonly string[]).includes(kind)) {
    return { object: doc, issues: [noSuchKind(apiVersion, kind as Kind)] };
  }
  return { object: doc, issues: [] };
}

function noSuchKind(apiVersion: string, kind: Kind): Issue {
  const current = CURRENT_API_VERSION[kind];
  return error("E_VALUE", ["apiVersion"], `no matches for kind "${kind}" in version "${apiVersion}"`, {
    expected: current,
    found: apiVersion,
    hint: `change apiVersion to ${current}`,
  });
}

export type { Doc };

// Everything that makes a (current-format) state document loadable: the JSON Schema, plus the
// uniqueness rules a schema cannot express. Checked on load and, so a bug shows where it happens,
// before every save.

import { objectKey } from "../manifest/identity.js";
import { checkStateSchema } from "./schema.js";
import type { StateData } from "./types.js";

/** Duplicates the schema cannot express; restoring them would silently drop one of each pair. */
function duplicates(data: StateData): string[] {
  const problems: string[] = [];
  const check = (what: string, keys: string[]): void => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) problems.push(`${what} ${k} appears twice`);
      seen.add(k);
    }
  };
  check("object", data.objects.map(objectKey));
  check(
    "object uid",
    data.objects.map((o) => o.metadata.uid ?? ""),
  );
  check(
    "node",
    data.nodes.map((n) => n.name),
  );
  check(
    "app",
    data.apps.map((a) => a.name),
  );
  for (const [pool, list] of Object.entries(data.allocations)) {
    check(
      `${pool} value`,
      (list ?? []).map((a) => String(a.value)),
    );
  }
  return problems;
}

/** Problems of a document, for messages ("at /objects/3/metadata: must have ..."); empty when valid. */
export function stateProblems(doc: unknown): string[] {
  const schema = checkStateSchema(doc);
  if (schema.length > 0) {
    return schema.map((p) => `does not match schemas/state-file.json at ${p.path || "/"}: ${p.message}`);
  }
  return duplicates(doc as StateData);
}

/** "a; b; c; and 4 more" */
export function summarizeProblems(problems: readonly string[], max = 5): string {
  const shown = problems.slice(0, max).join("; ");
  return problems.length > max ? `${shown}; and ${problems.length - max} more` : shown;
}

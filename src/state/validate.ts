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

function summarize(problems: readonly string[], max = 5): string {
  const shown = problems.slice(0, max).join("; ");
  return problems.length > max ? `${shown}; and ${problems.length - max} more` : shown;
}

/**
 * What makes a document unloadable, as the end of a sentence about it ("does not match
 * schemas/state-file.json: at /objects/3/metadata: must have required property 'uid'"); undefined
 * when it is valid.
 */
export function stateProblem(doc: unknown): string | undefined {
  const schema = checkStateSchema(doc);
  if (schema.length > 0) {
    return `does not match schemas/state-file.json: ${summarize(schema.map((p) => `at ${p.path || "/"}: ${p.message}`))}`;
  }
  const dups = duplicates(doc as StateData);
  return dups.length > 0 ? `is inconsistent: ${summarize(dups)}` : undefined;
}

// Test helper: the three pure stages in the loader's order, on a YAML or object document.
import { load } from "js-yaml";
import { checkObject } from "../../../src/manifest/checks/index.js";
import { convertLegacy } from "../../../src/manifest/convert/index.js";
import { applyDefaults } from "../../../src/manifest/defaults/index.js";
import type { Issue } from "../../../src/manifest/issue.js";
import type { KObject } from "../../../src/manifest/types.js";

export function yamlDoc(text: string): Record<string, unknown> {
  return load(text) as Record<string, unknown>;
}

export function canonical(doc: Record<string, unknown> | string): { object: KObject; issues: Issue[] } {
  const input = typeof doc === "string" ? yamlDoc(doc) : doc;
  const converted = convertLegacy(input);
  const object = applyDefaults(converted.object as unknown as KObject);
  return { object, issues: [...converted.issues, ...checkObject(object)] };
}

export function codes(issues: readonly Issue[]): string[] {
  return issues.map((i) => i.code);
}

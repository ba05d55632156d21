// Labels (qualified-name keys, label values) and annotations (qualified-name keys, 256 KiB in all).

import { error, type FieldPath, type Issue } from "../issue.js";
import { problemIssues } from "./report.js";
import { isQualifiedName, isValidLabelValue } from "./validation.js";

const MAX_ANNOTATIONS_BYTES = 256 * 1024;

// Every object has labels and they are nearly always valid: the issue paths are built only for a
// key or value with problems.

export function checkLabels(labels: Record<string, unknown> | undefined, path: FieldPath): Issue[] {
  const out: Issue[] = [];
  if (labels === undefined) return out;
  for (const key of Object.keys(labels)) {
    const value = labels[key];
    const keyProblems = isQualifiedName(key);
    if (keyProblems.length > 0)
      out.push(...problemIssues([...path, key], key, keyProblems, { what: "label key:" }));
    if (typeof value === "string") {
      const valueProblems = isValidLabelValue(value);
      if (valueProblems.length > 0)
        out.push(...problemIssues([...path, key], value, valueProblems, { what: "label value:" }));
    }
  }
  return out;
}

export function checkAnnotations(annotations: Record<string, unknown> | undefined, path: FieldPath): Issue[] {
  const out: Issue[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    // Kubernetes validates annotation keys lower-cased: upper case is allowed there.
    const keyProblems = isQualifiedName(key.toLowerCase());
    if (keyProblems.length > 0)
      out.push(...problemIssues([...path, key], key, keyProblems, { what: "annotation key:" }));
    size += Buffer.byteLength(key) + (typeof value === "string" ? Buffer.byteLength(value) : 0);
  }
  if (size > MAX_ANNOTATIONS_BYTES) {
    out.push(
      error("E_VALUE", path, `annotations may have at most ${MAX_ANNOTATIONS_BYTES} bytes in all`, {
        expected: `at most ${MAX_ANNOTATIONS_BYTES} bytes`,
        found: `${size} bytes`,
        hint: "keep large data in a ConfigMap instead",
      }),
    );
  }
  return out;
}

export function checkMetadataMaps(
  meta: { labels?: Record<string, unknown>; annotations?: Record<string, unknown> } | undefined,
  path: FieldPath,
): Issue[] {
  const labels = checkLabels(meta?.labels, [...path, "labels"]);
  const annotations = checkAnnotations(meta?.annotations, [...path, "annotations"]);
  return annotations.length === 0 ? labels : [...labels, ...annotations];
}

// Labels (qualified-name keys, label values) and annotations (qualified-name keys, 256 KiB in all).

import { error, type FieldPath, type Issue } from "../issue.js";
import { problemIssues } from "./report.js";
import { isQualifiedName, isValidLabelValue } from "./validation.js";

const MAX_ANNOTATIONS_BYTES = 256 * 1024;

export function checkLabels(labels: Record<string, unknown> | undefined, path: FieldPath): Issue[] {
  const out: Issue[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    out.push(...problemIssues([...path, key], key, isQualifiedName(key), { what: "label key:" }));
    if (typeof value === "string") {
      out.push(...problemIssues([...path, key], value, isValidLabelValue(value), { what: "label value:" }));
    }
  }
  return out;
}

export function checkAnnotations(annotations: Record<string, unknown> | undefined, path: FieldPath): Issue[] {
  const out: Issue[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    // Kubernetes validates annotation keys lower-cased: upper case is allowed there.
    out.push(
      ...problemIssues([...path, key], key, isQualifiedName(key.toLowerCase()), { what: "annotation key:" }),
    );
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
  return [
    ...checkLabels(meta?.labels, [...path, "labels"]),
    ...checkAnnotations(meta?.annotations, [...path, "annotations"]),
  ];
}

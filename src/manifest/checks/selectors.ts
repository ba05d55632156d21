// Label selectors: well-formed requirements, and for controllers, a selector that is present,
// not empty, and matches the pod template's labels (otherwise the controller would never see the
// pods it creates).

import { error, type FieldPath, type Issue } from "../issue.js";
import { formatSelector, matchesSelector } from "../selector.js";
import type { Labels, LabelSelector } from "../types.js";
import { checkLabels } from "./labels.js";
import { formatLabels, problemIssues } from "./report.js";
import { isQualifiedName, isValidLabelValue } from "./validation.js";

export function checkLabelSelector(sel: LabelSelector, path: FieldPath): Issue[] {
  const out = checkLabels(sel.matchLabels, [...path, "matchLabels"]);
  (sel.matchExpressions ?? []).forEach((req, i) => {
    const at = [...path, "matchExpressions", i];
    out.push(...problemIssues([...at, "key"], req.key, isQualifiedName(req.key), { what: "label key:" }));
    const values = req.values ?? [];
    switch (req.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) {
          out.push(
            error(
              "E_SELECTOR",
              [...at, "values"],
              "values must be specified when `operator` is 'In' or 'NotIn'",
              {
                expected: "at least one value",
                found: "no values",
              },
            ),
          );
        }
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) {
          out.push(
            error(
              "E_SELECTOR",
              [...at, "values"],
              "values may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
              {
                expected: "no values",
                found: `${values.length} value(s)`,
              },
            ),
          );
        }
        break;
      default:
        out.push(
          error(
            "E_SELECTOR",
            [...at, "operator"],
            `"${String(req.operator)}" is not a valid label selector operator`,
            {
              expected: "In, NotIn, Exists or DoesNotExist",
              found: JSON.stringify(req.operator),
            },
          ),
        );
    }
    values.forEach((v, j) =>
      out.push(...problemIssues([...at, "values", j], v, isValidLabelValue(v), { what: "label value:" })),
    );
  });
  return out;
}

function isEmpty(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

/**
 * A controller's selector: required, not empty, well-formed and matching the template's labels.
 * `selector` may be undefined when a document converted from apps/v1beta2 omitted it.
 */
export function checkControllerSelector(
  kind: string,
  selector: LabelSelector | undefined,
  templateLabels: Labels | undefined,
  path: FieldPath = ["spec", "selector"],
): Issue[] {
  if (!selector) {
    return [
      error("E_SELECTOR", path, `a ${kind} needs a selector`, {
        expected: "spec.selector.matchLabels naming the template's labels",
        found: "nothing",
        hint: "add spec.selector.matchLabels with the labels of spec.template.metadata.labels",
      }),
    ];
  }
  if (isEmpty(selector)) {
    return [
      error("E_SELECTOR", path, `empty selector is invalid for ${kind.toLowerCase()}`, {
        expected: "at least one label to match",
        found: "an empty selector",
        hint: "add spec.selector.matchLabels with the labels of spec.template.metadata.labels",
      }),
    ];
  }
  const out = checkLabelSelector(selector, path);
  if (!matchesSelector(selector, templateLabels ?? {})) {
    out.push(
      error("E_SELECTOR", path, "selector does not match template labels", {
        expected: `template labels matching ${formatSelector(selector)}`,
        found: formatLabels(templateLabels),
        hint: "make spec.template.metadata.labels carry every label the selector asks for",
      }),
    );
  }
  return out;
}

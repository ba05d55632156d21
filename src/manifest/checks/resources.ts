// Quantities: every value parses, none is negative, and no request exceeds its limit.

import { error, showValue, type FieldPath, type Issue } from "../issue.js";
import {
  compareQuantities,
  formatQuantity,
  parseQuantity,
  QUANTITY_EXAMPLES,
  type Quantity,
} from "../quantity.js";
import type { ResourceRequirements } from "../types.js";

/** The parsed quantity, or the issue that says why it is not one. */
export function checkQuantity(value: unknown, path: FieldPath): { quantity?: Quantity; issues: Issue[] } {
  if (typeof value !== "string" && typeof value !== "number") {
    return {
      issues: [
        error("E_QUANTITY", path, "not a quantity", { expected: QUANTITY_EXAMPLES, found: showValue(value) }),
      ],
    };
  }
  const r = parseQuantity(value);
  if (!r.ok) {
    return {
      issues: [
        error("E_QUANTITY", path, `not a quantity: ${r.reason}`, {
          expected: QUANTITY_EXAMPLES,
          found: showValue(value),
        }),
      ],
    };
  }
  if (r.value.milli < 0n) {
    return {
      quantity: r.value,
      issues: [
        error("E_QUANTITY", path, "must be greater than or equal to 0", {
          expected: "a quantity of 0 or more",
          found: showValue(value),
        }),
      ],
    };
  }
  return { quantity: r.value, issues: [] };
}

export function checkResourceRequirements(res: ResourceRequirements | undefined, path: FieldPath): Issue[] {
  if (!res) return [];
  const out: Issue[] = [];
  const parsed: Record<"limits" | "requests", Map<string, Quantity>> = {
    limits: new Map(),
    requests: new Map(),
  };
  for (const which of ["limits", "requests"] as const) {
    for (const [name, value] of Object.entries(res[which] ?? {})) {
      const r = checkQuantity(value, [...path, which, name]);
      out.push(...r.issues);
      if (r.quantity && r.issues.length === 0) parsed[which].set(name, r.quantity);
    }
  }
  for (const [name, request] of parsed.requests) {
    const limit = parsed.limits.get(name);
    if (limit && compareQuantities(request, limit) > 0) {
      const req = formatQuantity(request);
      const lim = formatQuantity(limit);
      out.push(
        error(
          "E_QUANTITY",
          [...path, "requests", name],
          `requests.${name} (${req}) must be less than or equal to limits.${name} (${lim})`,
          {
            expected: `at most ${lim}`,
            found: req,
            hint: `lower requests.${name} or raise limits.${name}`,
          },
        ),
      );
    }
  }
  return out;
}

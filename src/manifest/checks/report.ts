// Turning validator problems into Issues, and small helpers the check files share.

import { error, showValue, type FieldPath, type Issue } from "../issue.js";
import type { DiagnosticCode } from "../diagnostics.js";
import { isValidPortName, type Problem } from "./validation.js";

/** How a rejected string is shown: quoted, or by its length when the problem is its length. */
function found(value: string, p: Problem): string {
  return p.message.includes("no more than") ? `${value.length} characters` : showValue(value);
}

export function problemIssues(
  path: FieldPath,
  value: string,
  problems: Problem[],
  extra: { code?: DiagnosticCode; hint?: string; what?: string } = {},
): Issue[] {
  return problems.map((p) =>
    error(extra.code ?? "E_NAME", path, extra.what ? `${extra.what} ${p.message}` : p.message, {
      expected: p.expected,
      found: found(value, p),
      ...(extra.hint ? { hint: extra.hint } : {}),
    }),
  );
}

export function isPortNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

export function portRangeIssue(path: FieldPath, n: number): Issue {
  return error("E_VALUE", path, "must be between 1 and 65535, inclusive", {
    expected: "a port number from 1 to 65535",
    found: String(n),
  });
}

/** "app=web,tier=front", or "no labels". */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {});
  return entries.length === 0 ? "no labels" : entries.map(([k, v]) => `${k}=${v}`).join(",");
}

/** A port name (IANA_SVC_NAME); a quoted number gets a hint, since YAML made it a string. */
export function portNameIssues(path: FieldPath, name: string): Issue[] {
  const hint = /^[0-9]+$/.test(name)
    ? { hint: `write ${name} without quotes to refer to the port by number` }
    : {};
  return problemIssues(path, name, isValidPortName(name), { what: "port name:", ...hint });
}

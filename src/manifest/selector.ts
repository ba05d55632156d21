// Label selectors as Kubernetes evaluates them: matchLabels and matchExpressions are ANDed; an
// empty selector matches everything. (A null selector matches nothing: callers that hold an
// optional selector decide that before calling.)

import type {
  Labels,
  LabelSelector,
  LabelSelectorRequirement,
  NodeSelectorRequirement,
  NodeSelectorTerm,
} from "./types.js";

export function matchesRequirement(
  req: LabelSelectorRequirement | NodeSelectorRequirement,
  labels: Labels,
): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case "In":
      return has && values.includes(value ?? "");
    case "NotIn":
      return !has || !values.includes(value ?? "");
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      if (!has || values.length !== 1) return false;
      const a = Number.parseInt(value ?? "", 10);
      const b = Number.parseInt(values[0] ?? "", 10);
      if (!Number.isInteger(a) || !Number.isInteger(b)) return false;
      return req.operator === "Gt" ? a > b : a < b;
    }
  }
}

export function matchesSelector(sel: LabelSelector, labels: Labels): boolean {
  if (sel.matchLabels) {
    for (const [k, v] of Object.entries(sel.matchLabels)) {
      if (labels[k] !== v) return false;
    }
  }
  if (sel.matchExpressions) {
    for (const req of sel.matchExpressions) {
      if (!matchesRequirement(req, labels)) return false;
    }
  }
  return true;
}

/** A node selector term matches when all of its expressions match; an empty term matches nothing. */
export function matchesNodeSelectorTerm(
  term: NodeSelectorTerm,
  labels: Labels,
  fields: Labels = {},
): boolean {
  const exprs = term.matchExpressions ?? [];
  const fieldExprs = term.matchFields ?? [];
  if (exprs.length === 0 && fieldExprs.length === 0) return false;
  return (
    exprs.every((r) => matchesRequirement(r, labels)) &&
    fieldExprs.every((r) => matchesRequirement(r, fields))
  );
}

/** Terms are ORed. */
export function matchesNodeSelectorTerms(
  terms: NodeSelectorTerm[],
  labels: Labels,
  fields: Labels = {},
): boolean {
  return terms.some((t) => matchesNodeSelectorTerm(t, labels, fields));
}

/** `app=web,tier in (a,b)` style, as kubectl prints selectors. */
export function formatSelector(sel: LabelSelector): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const r of sel.matchExpressions ?? []) {
    switch (r.operator) {
      case "In":
        parts.push(`${r.key} in (${(r.values ?? []).join(",")})`);
        break;
      case "NotIn":
        parts.push(`${r.key} notin (${(r.values ?? []).join(",")})`);
        break;
      case "Exists":
        parts.push(r.key);
        break;
      case "DoesNotExist":
        parts.push(`!${r.key}`);
        break;
    }
  }
  return parts.join(",");
}

/**
 * Parses kubectl's `-l` syntax: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`,
 * comma-separated. Throws with the offending part on a syntax error.
 */
export function parseSelector(text: string): LabelSelector {
  const matchLabels: Labels = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  // Split on commas that are not inside parentheses.
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur.trim() !== "") parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    let m: RegExpMatchArray | null;
    if ((m = /^([^\s!=(),]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      const values = (m[3] ?? "")
        .split(",")
        .map((v) => v.trim())
        .filter((v) => v !== "");
      matchExpressions.push({ key: m[1] ?? "", operator: m[2] === "in" ? "In" : "NotIn", values });
    } else if ((m = /^([^\s!=(),]+)\s*!=\s*([^\s!=(),]*)$/.exec(p))) {
      matchExpressions.push({ key: m[1] ?? "", operator: "NotIn", values: [m[2] ?? ""] });
    } else if ((m = /^([^\s!=(),]+)\s*==?\s*([^\s!=(),]*)$/.exec(p))) {
      matchLabels[m[1] ?? ""] = m[2] ?? "";
    } else if ((m = /^!\s*([^\s!=(),]+)$/.exec(p))) {
      matchExpressions.push({ key: m[1] ?? "", operator: "DoesNotExist" });
    } else if ((m = /^([^\s!=(),]+)$/.exec(p))) {
      matchExpressions.push({ key: m[1] ?? "", operator: "Exists" });
    } else {
      throw new Error(`invalid label selector part "${p}"`);
    }
  }
  const sel: LabelSelector = {};
  if (Object.keys(matchLabels).length > 0) sel.matchLabels = matchLabels;
  if (matchExpressions.length > 0) sel.matchExpressions = matchExpressions;
  return sel;
}

// Objects as kubectl prints them (block YAML, list dashes level with their key, multi-line strings
// as `|` blocks so a changed config file diffs line by line), one entry per line with the field
// path the line belongs to, so diff hunks can say where they are.

import { dump } from "js-yaml";
import { formatSegments, itemKey, keyedSegment, listKeyFor, orderedKeys } from "../path.js";
import { REDACTED, REDACTED_ADDED, REDACTED_CHANGED, REDACTED_REMOVED } from "../secrets.js";
import type { PathSegment } from "../types.js";

export interface YamlLine {
  text: string;
  /** The field path this line shows. */
  path: string;
  segments: PathSegment[];
  /** A redacted changed value: never equal to the other side's line, though the text is. */
  changedSecret?: true;
}

const MARKERS: ReadonlySet<string> = new Set([REDACTED, REDACTED_ADDED, REDACTED_CHANGED, REDACTED_REMOVED]);
const SAFE_PLAIN = /^[A-Za-z_/][\w./-]*$/;
const RESERVED = /^(y|n|yes|no|on|off|true|false|null)$/i;

function plainOrQuoted(s: string): string {
  if (SAFE_PLAIN.test(s) && !RESERVED.test(s)) return s;
  return dump(s, { lineWidth: -1 }).trimEnd();
}

/** A single-line rendering of a scalar, or undefined for strings that read better as a block. */
function inlineScalar(v: unknown): string | undefined {
  if (typeof v === "string") {
    if (MARKERS.has(v)) return v;
    if (v.includes("\n") && blockable(v)) return undefined;
    return plainOrQuoted(v);
  }
  if (v === null) return "null";
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v) && v.length === 0) return "[]";
  if (typeof v === "object" && Object.keys(v).length === 0) return "{}";
  return undefined;
}

function blockable(s: string): boolean {
  // Control characters and carriage returns do not survive a literal block.
  // eslint-disable-next-line no-control-regex
  return !/[\r\x00-\x08\x0b-\x1f\x7f]/.test(s) && s.trim() !== "";
}

/** `|`, `|-` or `|+` (with an indentation indicator when the text starts with a space). */
function blockHeader(s: string): { header: string; lines: string[] } {
  const trailing = /\n*$/.exec(s)?.[0].length ?? 0;
  const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
  const body = trailing === 0 ? s : s.slice(0, -1);
  const indicator = body.startsWith(" ") ? "2" : "";
  return { header: `|${indicator}${chomp}`, lines: body.split("\n") };
}

class Emitter {
  readonly lines: YamlLine[] = [];

  private push(text: string, path: PathSegment[], changedSecret = false): void {
    const line: YamlLine = { text, path: formatSegments(path), segments: [...path] };
    if (changedSecret) line.changedSecret = true;
    this.lines.push(line);
  }

  /** `prefix` is what precedes the value on its first line ("key:" or "-"). */
  value(v: unknown, indent: number, prefix: string, path: PathSegment[]): void {
    const pad = " ".repeat(indent);
    const inline = inlineScalar(v);
    if (inline !== undefined) {
      this.push(`${pad}${prefix} ${inline}`, path, v === REDACTED_CHANGED);
      return;
    }
    if (typeof v === "string") {
      const { header, lines } = blockHeader(v);
      this.push(`${pad}${prefix} ${header}`, path);
      for (const l of lines) this.push(l === "" ? "" : `${pad}  ${l}`, path);
      return;
    }
    if (Array.isArray(v)) {
      this.push(`${pad}${prefix}`, path);
      // kubectl style: list dashes level with their key; nested lists indent.
      this.list(v, prefix === "-" ? indent + 2 : indent, path);
      return;
    }
    this.push(`${pad}${prefix}`, path);
    this.map(v as Record<string, unknown>, indent + 2, path);
  }

  map(obj: Record<string, unknown>, indent: number, path: PathSegment[]): void {
    const pad = " ".repeat(indent);
    for (const k of orderedKeys(obj)) {
      path.push(k);
      this.value(obj[k], indent, `${plainOrQuoted(k)}:`, path);
      path.pop();
    }
    if (orderedKeys(obj).length === 0) this.push(`${pad}{}`, path);
  }

  list(items: unknown[], indent: number, path: PathSegment[]): void {
    const pad = " ".repeat(indent);
    const key = listKeyFor(path[path.length - 1], [items]);
    items.forEach((item, i) => {
      path.push(key === undefined ? i : keyedSegment(key, itemKey(item, key)));
      const isMap = typeof item === "object" && item !== null && !Array.isArray(item);
      if (isMap && Object.keys(item).length > 0) {
        // The item's first line carries the dash: "- name: web".
        const start = this.lines.length;
        this.map(item as Record<string, unknown>, indent + 2, path);
        const first = this.lines[start];
        if (first) first.text = `${pad}- ${first.text.slice(indent + 2)}`;
      } else {
        this.value(item, indent, "-", path);
      }
      path.pop();
    });
  }
}

/** The object as YAML lines, keys in display order (apiVersion, kind, metadata, then A–Z). */
export function yamlLines(obj: unknown): YamlLine[] {
  const e = new Emitter();
  if (typeof obj === "object" && obj !== null && !Array.isArray(obj))
    e.map(obj as Record<string, unknown>, 0, []);
  else e.value(obj, 0, "-", []);
  return e.lines;
}

// A pull-request comment: a table of counts per kind, then a collapsible section per changed
// object with its implications and a ```diff block. Stays under GitHub's comment size limit by
// leaving out diff blocks (then whole sections) from the end, saying so.

import { KINDS, type Kind } from "../../manifest/types.js";
import type { ActionCounts, Plan, PlanEntry } from "../types.js";
import { entryName, shownEntries, summaryLine } from "./summary.js";
import { itemAt } from "./line-diff.js";
import { DEFAULT_CONTEXT, unifiedDiff } from "./unified.js";

export interface MarkdownOptions {
  /** Heading text (default "berth diff"). */
  title?: string;
  /** A line under the heading, e.g. which revisions were compared. Markdown, not escaped. */
  subtitle?: string;
  context?: number;
  /** Characters at most (default 60,000; GitHub rejects comments over 65,536). */
  maxLength?: number;
}

const DEFAULT_MAX_LENGTH = 60_000;

/** Escapes text for Markdown and inline HTML. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|#])/g, "\\$1");
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A code fence longer than any backtick run inside the block. */
function fence(body: string): string {
  let longest = 0;
  for (const m of body.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return "`".repeat(Math.max(3, longest + 1));
}

function table(plan: Plan): string[] {
  const kept = plan.summary.keep > 0;
  const cols: (keyof ActionCounts)[] = [
    "create",
    "update",
    "delete",
    "unchanged",
    ...(kept ? (["keep"] as const) : []),
  ];
  const head = ["Kind", "Create", "Update", "Delete", "Unchanged", ...(kept ? ["Kept"] : [])];
  const rows = [`| ${head.join(" | ")} |`, `| --- |${" ---: |".repeat(cols.length)}`];
  const kinds = Object.keys(plan.byKind).sort(
    (a, b) => (KINDS.indexOf(a as Kind) + 1 || 99) - (KINDS.indexOf(b as Kind) + 1 || 99),
  ) as Kind[];
  for (const kind of kinds) {
    const c = plan.byKind[kind];
    if (c) rows.push(`| ${kind} | ${cols.map((k) => c[k]).join(" | ")} |`);
  }
  rows.push(`| **Total** | ${cols.map((k) => `**${plan.summary[k]}**`).join(" | ")} |`);
  return rows;
}

function section(entry: PlanEntry, context: number, withDiff: boolean): string {
  const lines = [
    `<details>`,
    `<summary><b>${entry.action}</b> ${escapeHtml(entryName(entry))}</summary>`,
    "",
  ];
  for (const i of entry.implications) lines.push(`- ${escapeMarkdown(i.message)}`);
  if (entry.implications.length > 0) lines.push("");
  const diff = unifiedDiff(entry, context).map((l) => l.text);
  if (diff.length > 0) {
    if (withDiff) {
      const body = diff.join("\n");
      const f = fence(body);
      lines.push(`${f}diff`, body, f, "");
    } else {
      lines.push("_Diff left out to fit the comment size limit; run `berth diff` to see it._", "");
    }
  }
  lines.push(`</details>`, "");
  return lines.join("\n");
}

export function renderMarkdown(plan: Plan, opts: MarkdownOptions = {}): string {
  const context = opts.context ?? DEFAULT_CONTEXT;
  const max = opts.maxLength ?? DEFAULT_MAX_LENGTH;
  const head: string[] = [`### ${escapeMarkdown(opts.title ?? "berth diff")}`, ""];
  if (opts.subtitle) head.push(opts.subtitle, "");
  head.push(...table(plan), "", escapeMarkdown(summaryLine(plan)), "");
  const entries = shownEntries(plan);
  // Every object's section (with implications) matters more than any one diff: lay out all
  // sections without diffs first, then give diffs back in order while they fit.
  const budget = max - 200;
  const short = entries.map((e) => section(e, context, false));
  let length = head.join("\n").length + short.reduce((sum, s) => sum + s.length + 1, 0);
  const parts = [...short];
  for (let i = 0; i < entries.length; i++) {
    const full = section(itemAt(entries, i), context, true);
    const grow = full.length - itemAt(short, i).length;
    if (length + grow <= budget) {
      parts[i] = full;
      length += grow;
    }
  }
  let text = head.join("\n");
  let shown = 0;
  for (const part of parts) {
    if (text.length + part.length + 1 > budget) break;
    text += "\n" + part;
    shown++;
  }
  if (shown < entries.length) {
    const left = entries.length - shown;
    text += `\n_${left} more changed ${left === 1 ? "object is" : "objects are"} not shown to fit the comment size limit; run \`berth diff\` to see ${left === 1 ? "it" : "them"}._\n`;
  }
  return text;
}

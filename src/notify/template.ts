// Notification message templates: `{{name}}` placeholders replaced by values, nothing else. No
// expressions, no helpers, no code: a template from berth.yaml can only choose which of the values
// below appear where. Values are escaped for the target (Slack's mrkdwn) as they are substituted,
// so a commit subject cannot inject a mention or a link; the template's own text is left as written.

export const PLACEHOLDERS = [
  "event",
  "app",
  "revision",
  "shortRevision",
  "subject",
  "message",
  "health",
  "sync",
  "time",
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];

export type TemplateValues = Record<Placeholder, string>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)?\s*\}\}/g;

/** The first problem of a template (an unknown or empty placeholder), or undefined when it is fine. */
export function templateProblem(template: string): string | undefined {
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1];
    if (name === undefined) return `"${m[0]}" names no value`;
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      return `"{{${name}}}" is not a placeholder (known: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")})`;
    }
  }
  return undefined;
}

/** The template with each placeholder replaced by its value passed through `escape`. */
export function renderTemplate(
  template: string,
  values: TemplateValues,
  escape: (s: string) => string = (s) => s,
): string {
  return template.replace(PLACEHOLDER, (whole, name: string | undefined) =>
    name !== undefined && Object.hasOwn(values, name) ? escape(values[name as Placeholder]) : whole,
  );
}

/** Slack mrkdwn control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
export function escapeSlack(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

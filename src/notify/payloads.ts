// What a notification says and how each target type wants it (pure): the generic webhook's JSON
// document and Slack's incoming-webhook message (`text` plus blocks).

import type { NotificationTrigger } from "../config/types.js";
import { isoTime } from "../util/clock.js";
import { escapeSlack, renderTemplate, type TemplateValues } from "./template.js";

export interface NotificationEvent {
  event: NotificationTrigger;
  app: string;
  /** The revision concerned: the one synced, deployed, or refused. */
  revision?: { sha: string; subject: string };
  /** What happened, in a sentence: the sync error, the health message, "rollout complete". */
  message: string;
  /** The app's health status (Healthy, Degraded, ...). */
  health?: string;
  /** The app's sync status (Synced, OutOfSync, ...). */
  sync?: string;
  /** When it happened, epoch ms; the notifier's clock when absent. */
  time?: number;
}

/** The generic webhook's body. */
export interface WebhookPayload {
  event: NotificationTrigger;
  app: string;
  revision: string | null;
  subject: string | null;
  message: string;
  health: string | null;
  sync: string | null;
  /** RFC 3339. */
  time: string;
  /** The rendered template. */
  text: string;
}

export const DEFAULT_TEMPLATES: Record<NotificationTrigger, string> = {
  "sync-succeeded": "{{app}} synced to {{shortRevision}} ({{subject}})",
  "sync-failed": "{{app}}: sync of {{shortRevision}} failed: {{message}}",
  "health-degraded": "{{app}} is {{health}}: {{message}}",
  deployed: "{{app}} deployed {{shortRevision}} ({{subject}}): {{message}}",
};

/** For events without a revision (a repository that could not be fetched at all). */
const DEFAULT_TEMPLATES_NO_REVISION: Record<NotificationTrigger, string> = {
  "sync-succeeded": "{{app}} synced",
  "sync-failed": "{{app}}: sync failed: {{message}}",
  "health-degraded": "{{app}} is {{health}}: {{message}}",
  deployed: "{{app}} deployed: {{message}}",
};

export function defaultTemplate(e: NotificationEvent): string {
  return (e.revision ? DEFAULT_TEMPLATES : DEFAULT_TEMPLATES_NO_REVISION)[e.event];
}

// Slack refuses section text over 3000 characters; a long error list is cut, not the message lost.
const SLACK_SECTION_MAX = 3000;

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

const SLACK_ICONS: Record<NotificationTrigger, string> = {
  "sync-succeeded": ":white_check_mark:",
  "sync-failed": ":x:",
  "health-degraded": ":warning:",
  deployed: ":rocket:",
};

export function templateValues(e: NotificationEvent, time: number): TemplateValues {
  return {
    event: e.event,
    app: e.app,
    revision: e.revision?.sha ?? "",
    shortRevision: e.revision?.sha.slice(0, 7) ?? "",
    subject: e.revision?.subject ?? "",
    message: e.message,
    health: e.health ?? "",
    sync: e.sync ?? "",
    time: isoTime(time),
  };
}

export function webhookPayload(e: NotificationEvent, time: number, template?: string): WebhookPayload {
  const values = templateValues(e, time);
  return {
    event: e.event,
    app: e.app,
    revision: e.revision?.sha ?? null,
    subject: e.revision?.subject ?? null,
    message: e.message,
    health: e.health ?? null,
    sync: e.sync ?? null,
    time: values.time,
    text: renderTemplate(template ?? defaultTemplate(e), values),
  };
}

export interface SlackPayload {
  text: string;
  blocks: unknown[];
}

/**
 * `text` is what notifications and old clients show; the blocks add the app, revision, health and
 * time as a context line. With a template, the template is the text (values escaped for mrkdwn).
 */
export function slackPayload(e: NotificationEvent, time: number, template?: string): SlackPayload {
  const values = templateValues(e, time);
  const text =
    template === undefined
      ? `${SLACK_ICONS[e.event]} ${renderTemplate(defaultTemplate(e), values, escapeSlack)}`
      : renderTemplate(template, values, escapeSlack);
  const context = [
    `*app* ${escapeSlack(e.app)}`,
    ...(e.revision ? [`*revision* \`${values.shortRevision}\``] : []),
    ...(e.sync ? [`*sync* ${escapeSlack(e.sync)}`] : []),
    ...(e.health ? [`*health* ${escapeSlack(e.health)}`] : []),
    `<!date^${Math.floor(time / 1000)}^{date_short_pretty} {time_secs}|${values.time}>`,
  ];
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: truncate(text, SLACK_SECTION_MAX) } },
      { type: "context", elements: context.map((t) => ({ type: "mrkdwn", text: t })) },
    ],
  };
}

// The daemon's logger: pino, JSON lines by default (what log shippers want), human-readable through
// pino-pretty on a terminal or when berth.yaml says so. Secrets are removed twice: by key (tokens,
// passwords, Authorization headers, webhook secrets, signatures) through pino's redaction, and by
// shape (URLs carrying credentials) on the finished line, so a token inside an error message or a
// git URL never reaches the output whatever field it hides in.
// Conventions every component follows (one line per sync pass, per applied object, error codes)
// are in docs/observability.md; log-events.ts has typed helpers for them.

import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import type { LogLevel } from "../config/types.js";
import { REDACTED } from "../config/secret.js";
import { redactUrl } from "../sync/url.js";

export type { Logger } from "pino";

export type LogFormat = "auto" | "json" | "pretty";

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  /** Where lines go; default stdout. */
  destination?: NodeJS.WritableStream;
  /** Whether the destination is a terminal (decides `auto`); default: the destination's isTTY. */
  isTTY?: boolean;
  /** Colours in pretty output; default: a TTY and NO_COLOR unset. */
  colorize?: boolean;
}

/**
 * Keys whose values are secrets wherever they appear (top level or one object down). pino's
 * redaction matches exact paths, so the usual nestings are listed.
 */
const SECRET_KEYS = [
  "token",
  "password",
  "secret",
  "authorization",
  "cookie",
  "signature",
  "sshPrivateKey",
  "privateKey",
];
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  "headers.authorization",
  "headers.cookie",
  'headers["x-gitlab-token"]',
  'headers["x-hub-signature-256"]',
  'headers["x-hub-signature"]',
  'headers["x-gitea-signature"]',
  'headers["x-berth-signature"]',
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-gitlab-token"]',
  "*.headers.authorization",
  "*.credentials.password",
];

// A URL's userinfo inside a JSON line: stops at quotes and backslashes so a match never spans two
// JSON strings (the "@" of an e-mail address in the next field must not be taken for userinfo).
const URL_WITH_USERINFO_IN_JSON = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#"\\]*@/gi;

/** The serialized line with every credential-bearing URL redacted as redactUrl does. */
export function redactUrlsInLine(line: string): string {
  return line.replace(URL_WITH_USERINFO_IN_JSON, (m) => redactUrl(m));
}

function decideFormat(opts: LoggerOptions, isTTY: boolean): "json" | "pretty" {
  const format = opts.format ?? "auto";
  if (format !== "auto") return format;
  return isTTY ? "pretty" : "json";
}

function colorAllowed(isTTY: boolean): boolean {
  const noColor = process.env.NO_COLOR;
  return isTTY && (noColor === undefined || noColor === "");
}

/** pino-pretty as an in-process stream (no worker thread): lines reach the terminal in order. */
function prettyStream(destination: NodeJS.WritableStream, colorize: boolean): DestinationStream {
  return pretty({
    destination,
    colorize,
    sync: true,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,component",
    messageFormat: "{if component}[{component}] {end}{msg}",
    singleLine: true,
  });
}

/** The root logger of the daemon; components take children (see forApp, forNode, forController). */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const destination = opts.destination ?? process.stdout;
  const isTTY = opts.isTTY ?? (destination as Partial<NodeJS.WriteStream>).isTTY === true;
  const format = decideFormat(opts, isTTY);
  const stream: DestinationStream =
    format === "pretty" ? prettyStream(destination, opts.colorize ?? colorAllowed(isTTY)) : destination;
  return pino(
    {
      level: opts.level ?? "info",
      // Service managers (systemd, Docker) record host and pid themselves.
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      hooks: { streamWrite: redactUrlsInLine },
    },
    stream,
  );
}

/** The level from `--log-level`, else berth.yaml's log.level; the format from berth.yaml. */
export function loggerOptionsFromConfig(
  log: { level: LogLevel; format: LogFormat },
  flags: { logLevel?: LogLevel } = {},
): LoggerOptions {
  return { level: flags.logLevel ?? log.level, format: log.format };
}

export const LOG_LEVELS: readonly LogLevel[] = ["trace", "debug", "info", "warn", "error", "fatal"];

export function isLogLevel(s: string): s is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(s);
}

/** A logger that drops everything: for tests and library use without a daemon. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}

// Child loggers carry `component` plus the name of what they speak for, so one app's, node's or
// controller's lines can be filtered out of the stream (`jq 'select(.app=="shop")'`).

export function forApp(root: Logger, app: string): Logger {
  return root.child({ component: "app", app });
}

export function forNode(root: Logger, node: string): Logger {
  return root.child({ component: "node", node });
}

export function forController(root: Logger, controller: string): Logger {
  return root.child({ component: "controller", controller });
}

/** Any other part of the daemon: "api", "webhook", "notifier", "scheduler", "sync". */
export function forComponent(root: Logger, component: string): Logger {
  return root.child({ component });
}

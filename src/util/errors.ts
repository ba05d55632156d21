// Typed errors with a stable code and where they came from. Code that catches them matches on
// `code`, never on message text; the CLI prints `message` and maps `exitCode`.

export interface ErrorOrigin {
  file?: string;
  line?: number;
  column?: number;
  /** "Deployment default/web", "node n2", "source app" */
  object?: string;
}

export class BerthError extends Error {
  readonly code: string;
  readonly origin: ErrorOrigin;
  readonly hint: string | undefined;

  constructor(
    code: string,
    message: string,
    opts: { origin?: ErrorOrigin; hint?: string; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "BerthError";
    this.code = code;
    this.origin = opts.origin ?? {};
    this.hint = opts.hint;
  }

  /** message plus origin and hint, for people. */
  describe(): string {
    const o = this.origin;
    const where = o.file ? `${o.file}${o.line ? `:${o.line}${o.column ? `:${o.column}` : ""}` : ""}: ` : "";
    const what = o.object ? `${o.object}: ` : "";
    return `${where}${what}${this.message}${this.hint ? ` (${this.hint})` : ""} [${this.code}]`;
  }
}

export function isBerthError(e: unknown, code?: string): e is BerthError {
  return e instanceof BerthError && (code === undefined || e.code === code);
}

export function errorMessage(e: unknown): string {
  if (e instanceof BerthError) return e.describe();
  if (e instanceof Error) return e.message;
  return String(e);
}

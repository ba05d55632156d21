// A log destination that keeps lines in memory, for tests that assert what was (not) logged.

import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/notify/log.js";
import type { LogLevel } from "../../src/config/types.js";

export class MemoryLogStream extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    for (const line of chunk.toString("utf8").split("\n")) if (line !== "") this.lines.push(line);
    done();
  }

  /** The JSON lines parsed. */
  records(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  /** Everything written, as one string: for "this secret appears nowhere" checks. */
  text(): string {
    return this.lines.join("\n");
  }
}

/** A JSON logger writing into memory. */
export function captureLogger(level: LogLevel = "debug"): { logger: Logger; logs: MemoryLogStream } {
  const logs = new MemoryLogStream();
  return { logger: createLogger({ level, format: "json", destination: logs }), logs };
}

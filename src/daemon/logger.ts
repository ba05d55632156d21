// The daemon's logger: src/notify/log.ts — JSON lines, human-readable on a terminal (in-process, so
// lines keep their order and none is lost at exit), secret-bearing fields and URL credentials redacted.
import type { Logger } from "pino";
import type { BerthConfig } from "../config/types.js";
import { createLogger as createNotifyLogger } from "../notify/log.js";

export function createLogger(log: BerthConfig["log"], isTTY: boolean = process.stdout.isTTY): Logger {
  return createNotifyLogger({ level: log.level, format: log.format, isTTY });
}

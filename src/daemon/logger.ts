// The daemon's logger: pino JSON lines, or human-readable lines on a terminal.
import pino, { type Logger } from "pino";
import type { BerthConfig } from "../config/types.js";

export function createLogger(log: BerthConfig["log"], isTTY: boolean = process.stdout.isTTY): Logger {
  const pretty = log.format === "pretty" || (log.format === "auto" && isTTY);
  if (pretty) {
    return pino({
      level: log.level,
      transport: {
        target: "pino-pretty",
        options: { colorize: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" },
      },
    });
  }
  return pino({ level: log.level, base: { pid: process.pid } }, pino.destination({ dest: 1, sync: false }));
}

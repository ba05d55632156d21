import type { Command } from "commander";
import { registerConfig } from "./config.js";
import { registerDiff } from "./diff.js";
import { registerRun } from "./run.js";
import { registerValidate } from "./validate.js";

/** Each command lives in its own file and registers itself here. */
export const commands: ((program: Command) => void)[] = [
  registerValidate,
  registerConfig,
  registerDiff,
  registerRun,
];

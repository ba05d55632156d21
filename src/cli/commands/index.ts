import type { Command } from "commander";
import { registerConfig } from "./config.js";
import { registerDescribe } from "./describe.js";
import { registerDiff } from "./diff.js";
import { registerGet } from "./get.js";
import { registerRollout } from "./rollout.js";
import { registerRun } from "./run.js";
import { registerStatus } from "./status.js";
import { registerSync } from "./sync.js";
import { registerValidate } from "./validate.js";

/** Each command lives in its own file and registers itself here. */
export const commands: ((program: Command) => void)[] = [
  registerValidate,
  registerConfig,
  registerDiff,
  registerRun,
  registerStatus,
  registerSync,
  registerGet,
  registerDescribe,
  registerRollout,
];

import type { Command } from "commander";
import { registerDescribe } from "./describe.js";
import { registerGet } from "./get.js";

/** Each command lives in its own file and registers itself here. */
export const commands: ((program: Command) => void)[] = [registerGet, registerDescribe];

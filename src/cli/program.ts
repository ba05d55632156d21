import { Command, CommanderError } from "commander";
import { commands } from "./commands/index.js";
import { EXIT_ERROR, ExitCode } from "./exit.js";
import { errorMessage } from "../util/errors.js";
import { BERTH_VERSION } from "../version.js";

export function buildProgram(): Command {
  const program = new Command("berth")
    .description("GitOps for plain Docker hosts: keeps Docker engines equal to Kubernetes manifests in git")
    .version(BERTH_VERSION)
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

/** Runs the CLI and returns the process exit code; never calls process.exit itself. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof ExitCode) return e.code;
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return 0;
      if (e.code === "commander.help") return 0;
      return EXIT_ERROR;
    }
    process.stderr.write(`berth: ${errorMessage(e)}\n`);
    return EXIT_ERROR;
  }
}

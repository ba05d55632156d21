// Exit codes shared by every command.
export const EXIT_OK = 0;
/** validate: invalid manifests; diff: differences found; run --once: did not converge. */
export const EXIT_FAIL = 1;
/** Usage, I/O or other errors that stop the command from doing its job. */
export const EXIT_ERROR = 2;

/** Thrown by commands to end with a given exit code after printing their own output. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

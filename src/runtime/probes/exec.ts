// exec probe: run a command in the container through the injected exec (the Docker layer's);
// exit code 0 succeeds, anything else or running past the timeout fails.

import { errorMessage } from "../../util/errors.js";
import { MAX_PROBE_OUTPUT, truncateOutput } from "./output.js";
import type { ExecFn, ProbeOutcome } from "./types.js";

export async function probeExec(
  exec: ExecFn,
  containerId: string,
  command: string[],
  timeoutSeconds: number,
): Promise<ProbeOutcome> {
  const timedOut: ProbeOutcome = { result: "failure", output: `command "${command.join(" ")}" timed out` };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ProbeOutcome>((resolve) => {
    timer = setTimeout(() => {
      resolve(timedOut);
    }, timeoutSeconds * 1000);
  });
  const run = exec(containerId, command, timeoutSeconds).then(
    (r): ProbeOutcome => {
      if (r.timedOut) return timedOut;
      const output = truncateOutput(r.output, MAX_PROBE_OUTPUT);
      return r.exitCode === 0 ? { result: "success", output } : { result: "failure", output };
    },
    // The exec boundary itself failed (container gone, engine unreachable): not the probe's verdict.
    (err: unknown): ProbeOutcome => ({ result: "error", output: errorMessage(err) }),
  );
  try {
    return await Promise.race([run, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

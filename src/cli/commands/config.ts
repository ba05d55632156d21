// `berth config [--config FILE]`: loads berth.yaml as the daemon would and prints the effective
// configuration (defaults filled in, durations in milliseconds, quantities in millicores and
// bytes, secrets shown as <redacted>). Exit 1 with every problem listed when the file is invalid.

import type { Command } from "commander";
import { dump } from "js-yaml";
import { isBerthError } from "../../util/errors.js";
import { E_CONFIG } from "../../config/errors.js";
import { loadConfig } from "../../config/load.js";
import { EXIT_FAIL, ExitCode } from "../exit.js";

export function registerConfig(program: Command): void {
  program
    .command("config")
    .description("check berth.yaml and print the effective configuration (secrets redacted)")
    .option("-c, --config <file>", "configuration file (default: $BERTH_CONFIG, else ./berth.yaml)")
    .option("--json", "print JSON instead of YAML")
    .action(async (opts: { config?: string; json?: boolean }) => {
      let config;
      try {
        config = await loadConfig(opts.config);
      } catch (e) {
        if (!isBerthError(e, E_CONFIG)) throw e;
        process.stderr.write(`${e.describe()}\n`);
        throw new ExitCode(EXIT_FAIL);
      }
      // Through JSON first: Secret.toJSON() turns every secret into <redacted>.
      const plain = JSON.parse(JSON.stringify(config)) as unknown;
      process.stdout.write(opts.json ? `${JSON.stringify(plain, null, 2)}\n` : dump(plain));
    });
}

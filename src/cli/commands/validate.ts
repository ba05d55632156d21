import type { Command } from "commander";
import { styleText } from "node:util";
import { formatDiagnostic, type Diagnostic } from "../../manifest/diagnostics.js";
import { describeObject } from "../../manifest/identity.js";
import { loadManifestPaths, type LoadResult } from "../../manifest/index.js";
import { EXIT_ERROR, EXIT_FAIL, EXIT_OK, ExitCode } from "../exit.js";
import { useColor } from "../output.js";

interface ValidateOptions {
  output: string;
  strict?: boolean;
  namespace?: string;
  verbose?: boolean;
}

/** The machine-readable report of `berth validate -o json` (documented in README). */
export function validationReport(r: LoadResult) {
  return {
    valid: r.errors === 0,
    summary: { files: r.files.length, objects: r.objects.length, errors: r.errors, warnings: r.warnings },
    diagnostics: r.diagnostics,
    skippedFiles: r.files.filter((f) => f.skipped).map((f) => ({ path: f.path, reason: f.skipped })),
    objects: r.objects.map((o) => ({
      kind: o.object.kind,
      namespace: o.object.metadata.namespace ?? "",
      name: o.object.metadata.name,
      apiVersion: o.sourceApiVersion,
      file: o.location.file,
      line: o.location.line,
    })),
  };
}

function colorLine(d: Diagnostic, color: boolean): string {
  const line = formatDiagnostic(d);
  if (!color) return line;
  return styleText(d.severity === "error" ? "red" : "yellow", line);
}

export function exitCodeFor(r: LoadResult): number {
  if (r.diagnostics.some((d) => d.code === "E_IO")) return EXIT_ERROR;
  return r.errors > 0 ? EXIT_FAIL : EXIT_OK;
}

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check manifests the way berth will read them (no Docker, no daemon needed)")
    .argument("[paths...]", "files or directories (walked for *.yaml, *.yml, *.json)", ["."])
    .option("-o, --output <format>", "text or json", "text")
    .option("--strict", "treat warnings as errors")
    .option("-n, --namespace <ns>", "namespace for objects that name none", "default")
    .option("-v, --verbose", "also list every valid object")
    .action(async (paths: string[], opts: ValidateOptions) => {
      if (opts.output !== "text" && opts.output !== "json") {
        process.stderr.write(`berth validate: unknown output format "${opts.output}" (use text or json)\n`);
        throw new ExitCode(EXIT_ERROR);
      }
      const result = await loadManifestPaths(paths, {
        strict: opts.strict === true,
        ...(opts.namespace ? { namespace: opts.namespace } : {}),
      });
      if (opts.output === "json") {
        process.stdout.write(JSON.stringify(validationReport(result), null, 2) + "\n");
      } else {
        const color = useColor(process.stdout);
        for (const d of result.diagnostics) process.stdout.write(colorLine(d, color) + "\n");
        if (opts.verbose) {
          for (const o of result.objects) {
            process.stdout.write(`ok ${describeObject(o.object)} (${o.location.file}:${o.location.line})\n`);
          }
        }
        const summary = `${result.files.length} files, ${result.objects.length} objects, ${result.errors} errors, ${result.warnings} warnings`;
        process.stdout.write(
          (color ? styleText(result.errors > 0 ? "red" : "green", summary) : summary) + "\n",
        );
      }
      const code = exitCodeFor(result);
      if (code !== EXIT_OK) throw new ExitCode(code);
    });
}

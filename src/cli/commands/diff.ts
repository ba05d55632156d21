// `berth diff`: what a change will do, for reviewers. Two modes:
//   --from REV --to REV   what merging a pull request changes (desired against desired)
//   --state FILE [--ref]  what a sync would do now (desired at REV against the recorded objects)
// Exit codes as kubectl diff: 0 no differences, 1 differences, 2 error (including manifests that
// fail validation at either revision).

import type { Command } from "commander";
import { formatDiagnostic } from "../../manifest/diagnostics.js";
import { loadManifestFiles } from "../../manifest/index.js";
import { withConfigHashes } from "../../daemon/config-rollout.js";
import { randomBytes } from "node:crypto";
import { planDiff } from "../../diff/plan.js";
import { renderJson } from "../../diff/render/json.js";
import { renderMarkdown } from "../../diff/render/markdown.js";
import { renderText } from "../../diff/render/text.js";
import { loadRevision, type LoadedRevision, type ManifestLoader } from "../../diff/revision.js";
import { readRecordedState } from "../../diff/state-input.js";
import type { Plan, PlanOptions } from "../../diff/types.js";
import { hashSecretValue } from "../../state/secrets.js";
import { normalizeSubdir } from "../../sync/tree.js";
import { BerthError } from "../../util/errors.js";
import { EXIT_ERROR, EXIT_FAIL, EXIT_OK, ExitCode } from "../exit.js";
import { useColor } from "../output.js";

interface DiffCliOptions {
  repo: string;
  path: string;
  from?: string;
  to?: string;
  state?: string;
  ref: string;
  output: string;
  namespace: string;
  app?: string;
  strict?: boolean;
  context: string;
}

type Format = "text" | "markdown" | "json";

function usage(message: string): never {
  throw new BerthError("E_USAGE", message, { hint: "see berth diff --help" });
}

function short(rev: LoadedRevision): string {
  return rev.commit.slice(0, 7);
}

function where(path: string): string {
  const dir = normalizeSubdir(path);
  return dir === "" ? "" : ` in \`${dir}/\``;
}

/**
 * Validation problems go to stderr: stdout stays a clean diff, fit to post as a comment. Warnings
 * of a base revision are left out: they are already merged, and would repeat the head's.
 */
function reportDiagnostics(rev: LoadedRevision, label: string, warnings = true): void {
  if (rev.errors === 0 && (!warnings || rev.diagnostics.length === 0)) return;
  const head =
    rev.errors > 0
      ? `berth diff: ${label} ${rev.rev} (${short(rev)}) does not validate: ${rev.errors} ${rev.errors === 1 ? "error" : "errors"}`
      : `berth diff: ${label} ${rev.rev} (${short(rev)}):`;
  process.stderr.write(`${head}\n`);
  for (const d of rev.diagnostics) process.stderr.write(`  ${formatDiagnostic(d)}\n`);
}

interface Compared {
  plan: Plan;
  subtitle: string;
  source: Record<string, string>;
}

async function compareRevisions(opts: DiffCliOptions, load: ManifestLoader): Promise<Compared> {
  const from = opts.from ?? "";
  const to = opts.to ?? "";
  const loadOpts = { namespace: opts.namespace, strict: opts.strict === true };
  // The base may lack the directory: the change under review adds it.
  const base = await loadRevision(opts.repo, from, opts.path, load, { ...loadOpts, allowMissingPath: true });
  const head = await loadRevision(opts.repo, to, opts.path, load, loadOpts);
  reportDiagnostics(base, "base revision", false);
  reportDiagnostics(head, "revision");
  if (base.errors > 0 || head.errors > 0) throw new ExitCode(EXIT_ERROR);
  if (base.missingPath) {
    process.stderr.write(`berth diff: ${opts.path} does not exist at ${from}; every object is new\n`);
  }
  return {
    // Both sides hash config the same way (any key will do), so opted-in workloads show the rollout
    // a ConfigMap or Secret change causes, as the daemon will do it.
    plan: planDiff(withConfigHashes(head.objects, runHasher), withConfigHashes(base.objects, runHasher)),
    subtitle: `Changes from \`${from}\` (\`${short(base)}\`) to \`${to}\` (\`${short(head)}\`)${where(opts.path)}.`,
    source: {
      mode: "revisions",
      repo: opts.repo,
      path: normalizeSubdir(opts.path),
      from,
      fromCommit: base.commit,
      to,
      toCommit: head.commit,
    },
  };
}

async function compareWithState(opts: DiffCliOptions, load: ManifestLoader): Promise<Compared> {
  const stateFile = opts.state ?? "";
  const state = await readRecordedState(stateFile);
  let app = opts.app;
  if (app === undefined && state.apps.length === 1) app = state.apps[0];
  if (app === undefined && state.apps.length > 1) {
    usage(
      `${stateFile} records several apps (${state.apps.join(", ")}); name the one in --repo/--path with --app`,
    );
  }
  if (app !== undefined && state.apps.length > 0 && !state.apps.includes(app)) {
    usage(`${stateFile} records no app named ${app} (it records ${state.apps.join(", ")})`);
  }
  const desired = await loadRevision(opts.repo, opts.ref, opts.path, load, {
    namespace: opts.namespace,
    strict: opts.strict === true,
  });
  reportDiagnostics(desired, "revision");
  if (desired.errors > 0) throw new ExitCode(EXIT_ERROR);
  const salt = state.secretSalt;
  const planOpts: PlanOptions = { hashSecretValue: (v) => hashSecretValue(v, salt) };
  if (app !== undefined) planOpts.app = app;
  const source: Record<string, string> = {
    mode: "state",
    repo: opts.repo,
    path: normalizeSubdir(opts.path),
    state: stateFile,
    ref: opts.ref,
    commit: desired.commit,
  };
  if (app !== undefined) source.app = app;
  return {
    plan: planDiff(
      withConfigHashes(desired.objects, (v) => hashSecretValue(v, salt)),
      state.objects,
      planOpts,
    ),
    subtitle: `What syncing \`${opts.ref}\` (\`${short(desired)}\`)${where(opts.path)} would change, against \`${stateFile}\`.`,
    source,
  };
}

const RUN_SALT = randomBytes(16).toString("hex");
const runHasher = (v: string): string => hashSecretValue(v, RUN_SALT);

export async function runDiff(
  opts: DiffCliOptions,
  load: ManifestLoader = loadManifestFiles,
): Promise<number> {
  const format = opts.output as Format;
  if (!["text", "markdown", "json"].includes(format)) {
    usage(`unknown output format "${opts.output}" (use text, markdown or json)`);
  }
  const context = Number(opts.context);
  if (!Number.isInteger(context) || context < 0)
    usage(`--context takes a whole number of lines, not "${opts.context}"`);
  const revisions = opts.from !== undefined || opts.to !== undefined;
  if (revisions && opts.state !== undefined) usage("use either --from/--to or --state, not both");
  if (revisions && (opts.from === undefined || opts.to === undefined)) usage("--from and --to go together");
  if (!revisions && opts.state === undefined)
    usage("say what to compare: --from REV --to REV, or --state FILE");

  const { plan, subtitle, source } = revisions
    ? await compareRevisions(opts, load)
    : await compareWithState(opts, load);
  let out: string;
  if (format === "json") out = renderJson(plan, source);
  else if (format === "markdown") out = renderMarkdown(plan, { subtitle, context });
  else out = renderText(plan, { color: useColor(process.stdout), context });
  process.stdout.write(out);
  return plan.hasChanges ? EXIT_FAIL : EXIT_OK;
}

export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description("show what a change will do: merging --to into --from, or syncing --ref over --state")
    .option("--repo <path>", "the git repository", ".")
    .option("--path <dir>", "directory of manifests inside the repository", "")
    .option("--from <rev>", "base revision (what is in effect before the change)")
    .option("--to <rev>", "revision with the change (a pull request's head)")
    .option("--state <file>", "compare with the objects recorded in this berth state file")
    .option("--ref <rev>", "with --state: the revision to sync", "HEAD")
    .option("--app <name>", "with --state: the app whose objects may be deleted (default: the only one)")
    .option("-o, --output <format>", "text, markdown or json", "text")
    .option("-n, --namespace <ns>", "namespace for objects that name none", "default")
    .option("--strict", "treat manifest warnings as errors")
    .option("--context <lines>", "unchanged lines shown around each change", "3")
    .addHelpText(
      "after",
      "\nExit status: 0 no differences, 1 differences, 2 error (including manifests that do not validate).",
    )
    .action(async (opts: DiffCliOptions) => {
      const code = await runDiff(opts);
      if (code !== EXIT_OK) throw new ExitCode(code);
    });
}

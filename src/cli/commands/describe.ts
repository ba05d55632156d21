// `berth describe TYPE [NAME...]`: kubectl describe for berth — each object in detail with its
// events, read from the daemon's state file. A name that matches no object exactly describes the
// objects whose names start with it, as kubectl does.

import type { Command } from "commander";
import type { KObjectBase } from "../../manifest/types.js";
import { systemClock } from "../../util/clock.js";
import { ExitCode } from "../exit.js";
import { DESCRIBERS, type DescribeContext } from "../printers/describe/index.js";
import { noResourcesMessage, notFoundMessage } from "../printers/get-output.js";
import type { ClusterReader } from "../reader/cluster-reader.js";
import { openReader } from "../reader/open.js";
import { parseResourceArgs, usageError } from "../view/args.js";
import { fetchAll, type FetchScope } from "../view/fetch.js";
import { listView, type ViewObject, type ViewObjectOf } from "../view/list.js";
import type { ViewKind } from "../view/resource-types.js";
import type { EventObject } from "../view/shapes.js";
import { addScopeOptions, selectorOption, withUsageErrors, type ScopeOptions } from "./read-options.js";

/** Whether an event is about `o`: same kind, namespace and name (and uid, when both have one). */
export function eventIsAbout(e: EventObject, kind: ViewKind, o: ViewObject): boolean {
  const ref = e.involvedObject;
  const uid = o.metadata.uid;
  return (
    ref.kind === kind &&
    ref.name === o.metadata.name &&
    (ref.namespace ?? "") === (o.metadata.namespace ?? "") &&
    (ref.uid === undefined || uid === undefined || ref.uid === uid)
  );
}

/** Everything describers look at besides the object, read once for the whole command. */
async function relatedData(reader: ClusterReader): Promise<Omit<DescribeContext, "events" | "now">> {
  return {
    pods: await reader.listObjects("Pod"),
    replicaSets: await reader.listObjects("ReplicaSet"),
    services: await reader.listObjects("Service"),
  };
}

function inNamespace<T extends KObjectBase>(list: readonly T[], ns: string | undefined): T[] {
  return ns === undefined ? [...list] : list.filter((o) => (o.metadata.namespace ?? "default") === ns);
}

async function runDescribe(args: string[], opts: ScopeOptions): Promise<void> {
  const parsed = parseResourceArgs(args, "describe");
  const selector = selectorOption(opts.selector);
  const named = parsed.requests.some((r) => r.names.length > 0);
  if (named && selector) throw usageError("name cannot be provided when a selector is specified");
  const scope: FetchScope = {
    ...(opts.allNamespaces ? {} : { namespace: opts.namespace }),
    ...(selector ? { selector } : {}),
    prefixMatch: true,
  };
  const reader = openReader(opts.state === undefined ? {} : { state: opts.state });
  const fetched = await fetchAll(reader, parsed.requests, scope);
  const now = systemClock.now();
  const found = fetched.some((f) => f.items.length > 0);
  const related = found ? await relatedData(reader) : { pods: [], replicaSets: [], services: [] };
  const events = found ? await listView(reader, "Event") : [];

  const texts: string[] = [];
  for (const f of fetched) {
    const kind = f.type.kind;
    const describe = DESCRIBERS[kind] as (o: ViewObjectOf<typeof kind>, ctx: DescribeContext) => string;
    for (const o of f.items) {
      // Namespaces and nodes see every pod; everything else the pods of its own namespace.
      const ns = f.type.namespaced ? (o.metadata.namespace ?? "default") : undefined;
      texts.push(
        describe(o, {
          now,
          events: events.filter((e) => eventIsAbout(e, kind, o)),
          pods: inNamespace(related.pods, ns),
          replicaSets: inNamespace(related.replicaSets, ns),
          services: inNamespace(related.services, ns),
        }),
      );
    }
  }
  process.stdout.write(texts.join("\n\n"));
  let missing = "";
  for (const f of fetched) for (const name of f.missing) missing += notFoundMessage(f.type, name);
  process.stderr.write(missing);
  if (missing !== "") throw new ExitCode(1);
  if (!found) {
    process.stderr.write(
      noResourcesMessage(
        scope.namespace,
        fetched.map((f) => f.type),
      ),
    );
  }
}

export function registerDescribe(program: Command): void {
  const cmd = program
    .command("describe")
    .description("show objects in detail with their events, as kubectl describe does")
    .argument("[resource...]", "TYPE [NAME_PREFIX...], or TYPE/NAME...");
  addScopeOptions(cmd)
    .addHelpText(
      "after",
      `
Examples:
  berth describe pod web-7d4b9c-x2k4q
  berth describe deploy web
  berth describe nodes
  berth describe pods -l app=web`,
    )
    .action(async (args: string[], opts: ScopeOptions) => {
      await withUsageErrors(() => runDescribe(args, opts));
    });
}

// kubectl's ways of naming what to show: `pods`, `pods web api`, `pods,services`, `all`,
// `pod/web svc/web`. Mistakes are usage errors with kubectl's wording.

import { BerthError } from "../../util/errors.js";
import {
  ALL_TYPES,
  resolveResourceType,
  suggestResourceType,
  typeOf,
  type ResourceType,
} from "./resource-types.js";

export const E_USAGE = "E_USAGE";

export interface ResourceRequest {
  type: ResourceType;
  /** Names asked for; empty means every object (that the namespace and selector allow). */
  names: string[];
}

export interface ParsedArgs {
  requests: ResourceRequest[];
  /** More than one type: tables name objects `kind/name`, as kubectl does. */
  mixedKinds: boolean;
}

export function usageError(message: string): BerthError {
  return new BerthError(E_USAGE, message);
}

function typeNamed(text: string): ResourceType {
  const type = resolveResourceType(text);
  if (type) return type;
  const suggestion = suggestResourceType(text);
  throw usageError(
    `the server doesn't have a resource type "${text}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`,
  );
}

/** `what` is "get" or "describe", for the message when no type is given. */
export function parseResourceArgs(args: readonly string[], what: string): ParsedArgs {
  const [first, ...rest] = args;
  if (first === undefined) {
    throw usageError(
      `You must specify the type of resource to ${what}. Use "berth ${what} --help" for the types ` +
        `(pods, deployments, replicasets, daemonsets, statefulsets, jobs, cronjobs, services, endpoints, ` +
        `ingresses, configmaps, secrets, namespaces, nodes, events, all)`,
    );
  }
  if (args.some((a) => a.includes("/"))) {
    const requests: ResourceRequest[] = [];
    for (const a of args) {
      const slash = a.indexOf("/");
      if (slash <= 0 || slash === a.length - 1) {
        throw usageError(
          `there is no need to specify a resource type as a separate argument when passing arguments in ` +
            `resource/name form (e.g. 'berth ${what} resource/<resource_name>' instead of 'berth ${what} resource ` +
            `resource/<resource_name>')`,
        );
      }
      const type = typeNamed(a.slice(0, slash));
      const name = a.slice(slash + 1);
      const existing = requests.find((r) => r.type === type);
      if (existing) existing.names.push(name);
      else requests.push({ type, names: [name] });
    }
    return { requests, mixedKinds: requests.length > 1 };
  }
  const types: ResourceType[] = [];
  let all = false;
  for (const part of first.split(",")) {
    if (part === "") continue;
    if (part.toLowerCase() === "all") {
      all = true;
      for (const k of ALL_TYPES) if (!types.includes(typeOf(k))) types.push(typeOf(k));
      continue;
    }
    const type = typeNamed(part);
    if (!types.includes(type)) types.push(type);
  }
  if (types.length === 0) throw usageError(`no resource type in "${first}"`);
  return { requests: types.map((type) => ({ type, names: [...rest] })), mixedKinds: all || types.length > 1 };
}

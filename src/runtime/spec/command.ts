// Kubernetes command/args → Docker Entrypoint/Cmd, with `$(VAR)` expanded against the container's
// final environment (kubelet's ExpandContainerCommandAndArgs).
//
//   command  args   → Entrypoint    Cmd
//   set      set      command       args
//   set      unset    command       [] — the image's CMD is dropped
//   unset    set      (image's)     args
//   unset    unset    (image's)     (image's)
//
// An empty list counts as unset, as in Kubernetes.

import { expand, type Mapping } from "./expand.js";

export interface CommandSpec {
  /** Undefined: keep the image's ENTRYPOINT. */
  Entrypoint?: string[];
  /** Undefined: keep the image's CMD. */
  Cmd?: string[];
}

export function mapCommand(
  command: readonly string[] | undefined,
  args: readonly string[] | undefined,
  mapping: Mapping,
): CommandSpec {
  const cmd = command && command.length > 0 ? command.map((s) => expand(s, mapping)) : undefined;
  const arg = args && args.length > 0 ? args.map((s) => expand(s, mapping)) : undefined;
  if (cmd) return { Entrypoint: cmd, Cmd: arg ?? [] };
  if (arg) return { Cmd: arg };
  return {};
}

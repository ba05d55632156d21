// An init or app container's create options (pure): everything the pod spec says about it,
// mapped onto Docker and joined to the pod's sandbox.

import type { CreateOptionsSpec, HostConfigSpec } from "./create-options.js";
import type { Container, Pod } from "../../manifest/types.js";
import { containerDockerName, containerLabels, LABEL } from "../labels.js";
import type { NodePolicy } from "../node.js";
import { mapCommand } from "./command.js";
import type { ConfigSources, PodRuntimeFacts } from "./context.js";
import { buildEnv, dockerEnv, type SpecWarning } from "./env.js";
import { mappingFor } from "./expand.js";
import { mapResources } from "./resources.js";
import { podRef } from "./sandbox.js";
import { mapSecurity } from "./security.js";
import { containerSpecHash } from "./spec-hash.js";
import { containerMounts } from "./volumes.js";

export interface ContainerBuildInput {
  pod: Pod;
  container: Container;
  role: "init" | "app";
  /** 0 for the first container of this name, +1 per restart. */
  attempt: number;
  node: { name: string; policy: NodePolicy };
  sandboxId: string;
  /** What the agent knows of that sandbox: which attempt it is and where its termination volume
   * is (lets the termination file be a preset, with no engine call; see TERMINATION_PRESETS). */
  sandbox?: { attempt: number; terminationDir?: string };
  sources: ConfigSources;
  facts: PodRuntimeFacts;
  /** Service discovery variables (`WEB_SERVICE_HOST`, …) from the networking layer. */
  serviceEnv?: ReadonlyMap<string, string>;
  /** Docker volume name → Mountpoint, needed for subPath mounts only. */
  mountpoints?: ReadonlyMap<string, string>;
  /** The prepared termination-message file on the engine host, bound at terminationMessagePath.
   * Without it the container gets no termination message file. */
  terminationLogHostPath?: string;
}

export const DEFAULT_TERMINATION_MESSAGE_PATH = "/dev/termination-log";

export interface BuiltContainer {
  options: CreateOptionsSpec;
  specHash: string;
  warnings: SpecWarning[];
}

/** Throws RuntimeError: configError (CreateContainerConfigError) or policyError. */
export function buildContainer(input: ContainerBuildInput): BuiltContainer {
  const { pod, container: c, role, attempt, node } = input;
  const ref = podRef(pod);
  const specHash = containerSpecHash(pod, c, role);
  const { env, warnings } = buildEnv(pod, c, input.sources, input.facts, input.serviceEnv);
  const command = mapCommand(c.command, c.args, mappingFor(env));
  const security = mapSecurity(pod, c, node.policy, node.name);
  const mounts = containerMounts(pod, c, input.mountpoints);
  const sandbox = `container:${input.sandboxId}`;

  const hostConfig: HostConfigSpec = {
    NetworkMode: sandbox,
    IpcMode: sandbox,
    RestartPolicy: { Name: "no" },
    Mounts: mounts.Mounts,
    ...mapResources(c.resources),
  };
  const terminationPath = c.terminationMessagePath ?? DEFAULT_TERMINATION_MESSAGE_PATH;
  if (input.terminationLogHostPath !== undefined) {
    // A mount, not a bind: a missing file is an error here, where a bind would make a directory.
    mounts.Mounts.push({
      Type: "bind",
      Source: input.terminationLogHostPath,
      Target: terminationPath,
      ReadOnly: false,
    });
  }
  if (mounts.Binds.length > 0) hostConfig.Binds = mounts.Binds;
  if (security.ReadonlyRootfs) hostConfig.ReadonlyRootfs = true;
  if (security.Privileged) hostConfig.Privileged = true;
  if (security.CapAdd) hostConfig.CapAdd = security.CapAdd;
  if (security.CapDrop) hostConfig.CapDrop = security.CapDrop;
  if (security.SecurityOpt) hostConfig.SecurityOpt = security.SecurityOpt;
  if (security.GroupAdd) hostConfig.GroupAdd = security.GroupAdd;

  const options: CreateOptionsSpec = {
    name: containerDockerName(ref, c.name, attempt),
    Image: c.image,
    Env: dockerEnv(env),
    Labels: {
      ...containerLabels(node.name, ref, { name: c.name, role, specHash, attempt }),
      ...(input.terminationLogHostPath !== undefined
        ? { [LABEL.terminationMessagePath]: terminationPath }
        : {}),
      [LABEL.terminationMessagePolicy]: c.terminationMessagePolicy ?? "File",
    },
    HostConfig: hostConfig,
    StopTimeout: pod.spec.terminationGracePeriodSeconds ?? 30,
  };
  if (command.Entrypoint) options.Entrypoint = command.Entrypoint;
  if (command.Cmd) options.Cmd = command.Cmd;
  if (c.workingDir) options.WorkingDir = c.workingDir;
  if (security.User !== undefined) options.User = security.User;
  if (c.tty) options.Tty = true;
  if (c.stdin) {
    options.OpenStdin = true;
  }
  return { options, specHash, warnings };
}

// Where a probe reaches a container, and how exec probes run. berth probes pods the way services
// reach them: through the ports the sandbox publishes on the node's address (the pod IP of a pod on
// another engine is not routable from berth). A port the pod does not declare is not published;
// the pod IP is tried then, which works for engines on berth's own host.

import type Docker from "dockerode";
import type { Pod } from "../../manifest/types.js";
import { BerthError } from "../../util/errors.js";
import { exec } from "../docker/exec.js";
import type { ObservedContainer } from "../observed.js";
import type { ExecFn, PortResolver } from "../probes/types.js";

const ANY_ADDRESS = new Set(["", "0.0.0.0", "::"]);

export function portResolver(
  pod: Pod,
  sandbox: ObservedContainer | undefined,
  nodeAddress: string,
): PortResolver {
  return (container, port) => {
    if (pod.spec.hostNetwork === true) return { host: nodeAddress, port };
    const published = sandbox?.ports.find((p) => p.containerPort === port && p.protocol === "TCP");
    if (published) {
      return {
        host: ANY_ADDRESS.has(published.hostIP) ? nodeAddress : published.hostIP,
        port: published.hostPort,
      };
    }
    const ip = sandbox?.ip;
    if (ip !== undefined && ip !== "") return { host: ip, port };
    throw new BerthError("E_PROBE_HOST", `port ${port} of container ${container.name} is not reachable`, {
      hint: "declare the port under the container's ports so the pod publishes it",
    });
  };
}

/** The probe executors' exec: the Docker layer's, in seconds; no answer in time is a failure. */
export function execProbe(docker: Docker): ExecFn {
  return async (containerId, command, timeoutSeconds) => {
    const r = await exec(docker, containerId, command, timeoutSeconds * 1000);
    return { exitCode: r.exitCode ?? -1, output: r.output, timedOut: r.timedOut };
  };
}

// Runs one probe of a container with the right executor.

import type { Probe } from "../../manifest/types.js";
import { errorMessage } from "../../util/errors.js";
import { probeExec } from "./exec.js";
import { probeHttp } from "./http.js";
import { probeAddress, resolveProbePort } from "./port.js";
import { probeTcp } from "./tcp.js";
import type { ProbeOutcome, ProbeTarget } from "./types.js";

export async function runProbe(probe: Probe, target: ProbeTarget): Promise<ProbeOutcome> {
  const timeoutSeconds =
    probe.timeoutSeconds !== undefined && probe.timeoutSeconds > 0 ? probe.timeoutSeconds : 1;
  try {
    if (probe.exec) {
      if (!target.exec) return { result: "error", output: "exec probes need an exec function" };
      return await probeExec(target.exec, target.containerId, probe.exec.command, timeoutSeconds);
    }
    if (probe.httpGet) {
      const get = probe.httpGet;
      const address = probeAddress(get.host, resolveProbePort(get.port, target.container), target);
      return await probeHttp({
        scheme: get.scheme ?? "HTTP",
        host: address.host,
        port: address.port,
        path: get.path ?? "/",
        headers: get.httpHeaders ?? [],
        timeoutSeconds,
      });
    }
    if (probe.tcpSocket) {
      const tcp = probe.tcpSocket;
      const address = probeAddress(tcp.host, resolveProbePort(tcp.port, target.container), target);
      return await probeTcp(address.host, address.port, timeoutSeconds);
    }
    return { result: "error", output: "probe has no handler (exec, httpGet or tcpSocket)" };
  } catch (err) {
    // Configuration problems (an unknown named port, no address): the kubelet throws these away.
    return { result: "error", output: errorMessage(err) };
  }
}

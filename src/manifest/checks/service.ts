// Services: port names (required and unique when there are several), port+protocol unique,
// target ports, nodePort only where a node port exists, ExternalName needs a name, selector labels.

import { error, formatPath, type FieldPath, type Issue } from "../issue.js";
import type { Service } from "../types.js";
import { checkLabels } from "./labels.js";
import { isPortNumber, portNameIssues, portRangeIssue, problemIssues } from "./report.js";
import { isDNS1123Label, isDNS1123Subdomain } from "./validation.js";

export function checkService(svc: Service): Issue[] {
  const spec = svc.spec;
  const type = spec.type ?? "ClusterIP";
  const ports = spec.ports ?? [];
  const out = checkLabels(spec.selector, ["spec", "selector"]);
  const names = new Map<string, FieldPath>();
  const portProtocols = new Map<string, FieldPath>();
  ports.forEach((p, i) => {
    const at = ["spec", "ports", i];
    if (p.name === undefined || p.name === "") {
      if (ports.length > 1) {
        out.push(
          error("E_NAME", [...at, "name"], "each port needs a name when a Service has more than one port", {
            expected: "a port name such as http",
            found: "nothing",
          }),
        );
      }
    } else {
      out.push(...problemIssues([...at, "name"], p.name, isDNS1123Label(p.name), { what: "port name:" }));
      const first = names.get(p.name);
      if (first) {
        out.push(
          error(
            "E_DUPLICATE",
            [...at, "name"],
            `port name "${p.name}" is already used at ${formatPath(first)}`,
            {
              expected: "a unique port name",
              found: JSON.stringify(p.name),
            },
          ),
        );
      } else names.set(p.name, [...at, "name"]);
    }
    if (!isPortNumber(p.port)) out.push(portRangeIssue([...at, "port"], p.port));
    const key = `${p.port}/${p.protocol ?? "TCP"}`;
    const firstPort = portProtocols.get(key);
    if (firstPort) {
      out.push(
        error("E_DUPLICATE", [...at, "port"], `port ${key} is already defined at ${formatPath(firstPort)}`, {
          expected: "a unique port and protocol",
          found: key,
        }),
      );
    } else portProtocols.set(key, at);
    const target = p.targetPort;
    if (typeof target === "number") {
      if (!isPortNumber(target)) out.push(portRangeIssue([...at, "targetPort"], target));
    } else if (target !== undefined) {
      out.push(...portNameIssues([...at, "targetPort"], target));
    }
    if (p.nodePort !== undefined && type !== "NodePort" && type !== "LoadBalancer") {
      out.push(
        error("E_VALUE", [...at, "nodePort"], `may not be used when \`type\` is '${type}'`, {
          expected: "no nodePort, or type NodePort or LoadBalancer",
          found: String(p.nodePort),
        }),
      );
    } else if (p.nodePort !== undefined && p.nodePort !== 0 && !isPortNumber(p.nodePort)) {
      out.push(portRangeIssue([...at, "nodePort"], p.nodePort));
    }
  });
  if (type === "ExternalName") {
    const name = spec.externalName;
    if (name === undefined || name === "") {
      out.push(
        error("E_VALUE", ["spec", "externalName"], "an ExternalName Service needs spec.externalName", {
          expected: "a DNS name such as db.example.com",
          found: "nothing",
        }),
      );
    } else {
      out.push(...problemIssues(["spec", "externalName"], name, isDNS1123Subdomain(name.replace(/\.$/, ""))));
    }
  }
  return out;
}

// DNS names for headless Services (pure). Docker's embedded DNS only knows the aliases a container
// was given when it joined a network, so these are fixed when the agent creates the sandbox (the
// pod exists long before it is Ready). The runtime already gives `<pod>`, `<hostname>` and
// `<hostname>.<subdomain>`; this adds:
//
//   hostname + subdomain (StatefulSet pods):   web-0.web.<ns>, web-0.web.<ns>.svc,
//                                              web-0.web.<ns>.svc.<clusterDomain>
//   each headless Service selecting the pod:   <svc>, <svc>.<ns>, <svc>.<ns>.svc,
//                                              <svc>.<ns>.svc.<clusterDomain>
//
// Several sandboxes sharing an alias make Docker answer with all their addresses, which is what a
// headless name is. The agent passes these as createSandbox(..., {aliases}).

import type { Pod, Service } from "../../manifest/types.js";
import { matchesSelector } from "../../manifest/selector.js";
import { podHostname } from "../../runtime/spec/sandbox.js";
import { isHeadlessWithSelector } from "./pod-proxies.js";

function headlessSelecting(pod: Pod, services: readonly Service[]): Service[] {
  const ns = pod.metadata.namespace ?? "default";
  return services.filter(
    (s) =>
      (s.metadata.namespace ?? "default") === ns &&
      isHeadlessWithSelector(s) &&
      matchesSelector({ matchLabels: s.spec.selector ?? {} }, pod.metadata.labels ?? {}),
  );
}

export function podDnsAliases(pod: Pod, services: readonly Service[], clusterDomain: string): string[] {
  const ns = pod.metadata.namespace ?? "default";
  const out: string[] = [];
  const sub = pod.spec.subdomain;
  if (sub) {
    const host = podHostname(pod);
    out.push(`${host}.${sub}.${ns}`, `${host}.${sub}.${ns}.svc`, `${host}.${sub}.${ns}.svc.${clusterDomain}`);
  }
  for (const s of headlessSelecting(pod, services)) {
    const n = s.metadata.name;
    out.push(n, `${n}.${ns}`, `${n}.${ns}.svc`, `${n}.${ns}.svc.${clusterDomain}`);
  }
  return [...new Set(out)];
}

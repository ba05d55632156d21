// Which certificate answers which TLS server name: spec.tls[] of the served Ingresses, oldest first.
// Pure; certificates.ts turns the chosen Secrets into TLS contexts.
//
// - Each spec.tls[] entry serves its Secret for its hosts (exact or `*.` wildcard). An entry without
//   hosts serves the hosts of that Ingress's rules, as ingress-nginx does.
// - An entry without hosts in an Ingress without host rules makes its Secret the fallback certificate
//   (for clients that send no SNI or a name nothing covers), in place of the generated one.
// - The same host named with different Secrets: the oldest Ingress wins, the others get a warning.
// - The Secret lives in the Ingress's namespace and must carry tls.crt and tls.key (any type, as the
//   API server accepts; kubernetes.io/tls is what `kubectl create secret tls` makes).

import type { Ingress, Secret } from "../../manifest/types.js";
import { isWildcardHost, normalizeHost, wildcardFor } from "./host.js";
import { refName, refOf, type IngressRef } from "./ingress-set.js";
import type { IngressWarning } from "./warnings.js";

export const TLS_CERT_KEY = "tls.crt";
export const TLS_KEY_KEY = "tls.key";

export interface TlsSecretRef {
  namespace: string;
  name: string;
  /** The Ingress whose spec.tls named it first. */
  ingress: IngressRef;
}

export interface TlsPlan {
  /** Normalised host or `*.` wildcard → Secret. */
  hosts: Map<string, TlsSecretRef>;
  fallback?: TlsSecretRef;
  warnings: IngressWarning[];
}

export type SecretLookup = (namespace: string, name: string) => Secret | undefined;

export function secretKey(ref: { namespace: string; name: string }): string {
  return `${ref.namespace}/${ref.name}`;
}

/** Why a Secret cannot serve as a certificate, or undefined when it carries both keys. */
export function tlsSecretProblem(secret: Secret | undefined): string | undefined {
  if (!secret) return "does not exist";
  const missing = [TLS_CERT_KEY, TLS_KEY_KEY].filter((k) => !secret.data?.[k]);
  return missing.length === 0 ? undefined : `has no ${missing.join(" and no ")} in data`;
}

function ruleHosts(ing: Ingress): string[] {
  const hosts = (ing.spec.rules ?? []).map((r) => normalizeHost(r.host ?? "")).filter((h) => h !== "");
  return [...new Set(hosts)];
}

/** The TLS plan for the served Ingresses (oldest first, as servedIngresses returns them). */
export function compileTls(served: readonly Ingress[], lookup: SecretLookup): TlsPlan {
  const plan: TlsPlan = { hosts: new Map(), warnings: [] };
  for (const ing of served) {
    const ref = refOf(ing);
    (ing.spec.tls ?? []).forEach((entry, i) => {
      const field = `spec.tls[${i}]`;
      if (entry.secretName === undefined || entry.secretName === "") {
        plan.warnings.push({
          ingress: ref,
          reason: "TLSSecretMissing",
          message: `${field} names no secretName; its hosts get the default certificate`,
        });
        return;
      }
      const cert: TlsSecretRef = { namespace: ref.namespace, name: entry.secretName, ingress: ref };
      const named = (entry.hosts ?? []).map(normalizeHost).filter((h) => h !== "");
      const hosts = named.length > 0 ? named : ruleHosts(ing);
      const problem = tlsSecretProblem(lookup(cert.namespace, cert.name));
      if (problem !== undefined) {
        const who = hosts.length > 0 ? `hosts ${hosts.join(", ")} get` : "clients get";
        plan.warnings.push({
          ingress: ref,
          reason: problem === "does not exist" ? "TLSSecretMissing" : "TLSSecretInvalid",
          message: `${field}.secretName: Secret ${secretKey(cert)} ${problem}; ${who} the default certificate`,
        });
        return;
      }
      if (hosts.length === 0) {
        plan.fallback ??= cert;
        return;
      }
      for (const host of hosts) {
        const taken = plan.hosts.get(host);
        if (!taken) {
          plan.hosts.set(host, cert);
        } else if (secretKey(taken) !== secretKey(cert)) {
          plan.warnings.push({
            ingress: ref,
            reason: "CertificateConflict",
            message:
              `${field}: host ${host} already has Secret ${secretKey(taken)} from Ingress ` +
              `${refName(taken.ingress)}; Secret ${secretKey(cert)} is not used for it`,
          });
        }
      }
    });
  }
  return plan;
}

/** The plan entry for a TLS server name: exact host first, then the one-label wildcard. */
export function selectTlsEntry<T>(hosts: ReadonlyMap<string, T>, servername: string): T | undefined {
  const name = normalizeHost(servername);
  if (isWildcardHost(name)) return undefined;
  const exact = hosts.get(name);
  if (exact !== undefined) return exact;
  const pattern = wildcardFor(name);
  return pattern === undefined ? undefined : hosts.get(pattern);
}

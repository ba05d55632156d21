// TLS contexts for the HTTPS listener: the Secrets a TlsPlan names, parsed once per content, and
// the default certificate for names no Secret covers.
//
// Node has no X.509 writer, so the default certificate comes from the `selfsigned` package: a fresh
// self-signed EC P-256 certificate generated at each start (like ingress-nginx's "Fake Certificate"),
// unless an Ingress supplies a fallback (see tls-plan.ts). Its private key lives in memory only.

import { createHash } from "node:crypto";
import tls from "node:tls";
import { generate } from "selfsigned";
import type { Secret } from "../../manifest/types.js";
import {
  secretKey,
  selectTlsEntry,
  TLS_CERT_KEY,
  TLS_KEY_KEY,
  type SecretLookup,
  type TlsPlan,
  type TlsSecretRef,
} from "./tls-plan.js";
import type { IngressWarning } from "./warnings.js";

export interface PemPair {
  cert: string;
  key: string;
}

export const DEFAULT_CERTIFICATE_CN = "berth Ingress default certificate";

/** A self-signed certificate for the default TLS context, valid for a year from now. */
export async function generateDefaultCertificate(): Promise<PemPair> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 365 * 24 * 3600_000);
  const made = await generate([{ name: "commonName", value: DEFAULT_CERTIFICATE_CN }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 2, value: "ingress.local" }] },
    ],
  });
  return { cert: made.cert, key: made.private };
}

export interface TlsContexts {
  /** Host or wildcard → context. */
  hosts: Map<string, tls.SecureContext>;
  /** From an Ingress's host-less tls entry; otherwise the default certificate answers. */
  fallback?: tls.SecureContext;
  /** The fallback's PEM and a digest of it, to install as the listener's own certificate. */
  fallbackPem?: { cert: Buffer; key: Buffer; digest: string };
  warnings: IngressWarning[];
}

type Parsed =
  | { ok: true; context: tls.SecureContext; cert: Buffer; key: Buffer; digest: string }
  | { ok: false; reason: string };

function decode(secret: Secret): { cert: Buffer; key: Buffer } {
  return {
    cert: Buffer.from(secret.data?.[TLS_CERT_KEY] ?? "", "base64"),
    key: Buffer.from(secret.data?.[TLS_KEY_KEY] ?? "", "base64"),
  };
}

function describeParseError(e: unknown): string {
  // OpenSSL's messages name the failing step without quoting key material.
  const msg = e instanceof Error ? e.message : String(e);
  return `cannot be loaded as a certificate and key (${msg})`;
}

/** Parses each Secret's content once; call build() with each new plan. */
export class CertificateCache {
  private cache = new Map<string, Parsed>();

  build(plan: TlsPlan, lookup: SecretLookup): TlsContexts {
    const next = new Map<string, Parsed>();
    const warned = new Set<string>();
    const out: TlsContexts = { hosts: new Map(), warnings: [...plan.warnings] };
    const contextFor = (ref: TlsSecretRef, what: string): Extract<Parsed, { ok: true }> | undefined => {
      const secret = lookup(ref.namespace, ref.name);
      if (!secret) return undefined;
      const { cert, key } = decode(secret);
      const id = createHash("sha256").update(cert).update("\0").update(key).digest("hex");
      let parsed = next.get(id) ?? this.cache.get(id);
      if (!parsed) {
        try {
          parsed = { ok: true, context: tls.createSecureContext({ cert, key }), cert, key, digest: id };
        } catch (e) {
          parsed = { ok: false, reason: describeParseError(e) };
        }
      }
      next.set(id, parsed);
      if (parsed.ok) return parsed;
      const warnKey = `${secretKey(ref)}\n${ref.ingress.namespace}/${ref.ingress.name}`;
      if (!warned.has(warnKey)) {
        warned.add(warnKey);
        out.warnings.push({
          ingress: ref.ingress,
          reason: "TLSSecretInvalid",
          message: `Secret ${secretKey(ref)} ${parsed.reason}; ${what} the default certificate`,
        });
      }
      return undefined;
    };
    for (const [host, ref] of plan.hosts) {
      const parsed = contextFor(ref, `host ${host} gets`);
      if (parsed) out.hosts.set(host, parsed.context);
    }
    if (plan.fallback) {
      const parsed = contextFor(plan.fallback, "clients without a matching name get");
      if (parsed) {
        out.fallback = parsed.context;
        out.fallbackPem = { cert: parsed.cert, key: parsed.key, digest: parsed.digest };
      }
    }
    this.cache = next;
    return out;
  }
}

/** The context for a TLS server name, or undefined for the default. */
export function contextForServername(
  contexts: TlsContexts,
  servername: string,
): tls.SecureContext | undefined {
  return selectTlsEntry(contexts.hosts, servername) ?? contexts.fallback;
}

import { generate } from "selfsigned";
import { beforeAll, describe, expect, it } from "vitest";
import type { Secret } from "../../../../src/manifest/types.js";
import { CertificateCache, contextForServername } from "../../../../src/network/ingress/certificates.js";
import { compileTls, type SecretLookup } from "../../../../src/network/ingress/tls-plan.js";
import { ingress } from "../../../support/ingress-objects.js";

function secret(name: string, cert: string, key: string): Secret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    type: "kubernetes.io/tls",
    metadata: { name, namespace: "default", labels: {}, annotations: {} },
    data: { "tls.crt": Buffer.from(cert).toString("base64"), "tls.key": Buffer.from(key).toString("base64") },
  };
}

let pem: { cert: string; key: string };
let other: { cert: string; key: string };

beforeAll(async () => {
  const make = async (cn: string): Promise<{ cert: string; key: string }> => {
    const g = await generate([{ name: "commonName", value: cn }], {
      keyType: "ec",
      curve: "P-256",
      algorithm: "sha256",
    });
    return { cert: g.cert, key: g.private };
  };
  [pem, other] = await Promise.all([make("a.test"), make("b.test")]);
});

function build(
  cache: CertificateCache,
  secrets: Secret[],
  ...tls: { hosts?: string[]; secretName: string }[]
) {
  const lookup: SecretLookup = (ns, name) =>
    secrets.find((s) => s.metadata.namespace === ns && s.metadata.name === name);
  return cache.build(compileTls([ingress("a", [], { tls })], lookup), lookup);
}

describe("CertificateCache", () => {
  it("loads each Secret into a TLS context, reused while its content is unchanged", () => {
    const cache = new CertificateCache();
    const first = build(cache, [secret("a", pem.cert, pem.key)], {
      hosts: ["a.test", "*.a.test"],
      secretName: "a",
    });
    expect(first.warnings).toEqual([]);
    const ctx = first.hosts.get("a.test");
    expect(ctx).toBeDefined();
    expect(first.hosts.get("*.a.test")).toBe(ctx);
    const again = build(cache, [secret("a", pem.cert, pem.key)], { hosts: ["a.test"], secretName: "a" });
    expect(again.hosts.get("a.test")).toBe(ctx);
    const renewed = build(cache, [secret("a", other.cert, other.key)], {
      hosts: ["a.test"],
      secretName: "a",
    });
    expect(renewed.hosts.get("a.test")).not.toBe(ctx);
  });

  it("reports a certificate whose key does not match, without quoting either", () => {
    const result = build(new CertificateCache(), [secret("mixed", pem.cert, other.key)], {
      hosts: ["m.test"],
      secretName: "mixed",
    });
    expect(result.hosts.size).toBe(0);
    expect(result.warnings).toHaveLength(1);
    const w = result.warnings[0];
    expect(w?.reason).toBe("TLSSecretInvalid");
    expect(w?.message).toMatch(
      /^Secret default\/mixed cannot be loaded as a certificate and key \(.+\); host m\.test gets the default certificate$/,
    );
    expect(w?.message).not.toContain("PRIVATE KEY");
  });

  it("a host-less entry in an Ingress without host rules becomes the fallback, with its PEM", () => {
    const result = build(new CertificateCache(), [secret("fb", pem.cert, pem.key)], { secretName: "fb" });
    expect(result.fallback).toBeDefined();
    expect(result.fallbackPem?.cert.toString()).toBe(pem.cert);
    expect(contextForServername(result, "anything.test")).toBe(result.fallback);
  });

  it("picks exact names before wildcards and nothing for deeper names", () => {
    const result = build(
      new CertificateCache(),
      [secret("a", pem.cert, pem.key), secret("b", other.cert, other.key)],
      { hosts: ["*.x.test"], secretName: "a" },
      { hosts: ["www.x.test"], secretName: "b" },
    );
    expect(contextForServername(result, "www.x.test")).toBe(result.hosts.get("www.x.test"));
    expect(contextForServername(result, "api.x.test")).toBe(result.hosts.get("*.x.test"));
    expect(contextForServername(result, "a.b.x.test")).toBeUndefined();
  });
});

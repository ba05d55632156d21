import { describe, expect, it } from "vitest";
import type { Secret } from "../../../../src/manifest/types.js";
import { compileTls, selectTlsEntry, type SecretLookup } from "../../../../src/network/ingress/tls-plan.js";
import { ingress, rule, svcPath } from "../../../support/ingress-objects.js";

function secret(name: string, data: Record<string, string>, namespace = "default"): Secret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    type: "kubernetes.io/tls",
    metadata: { name, namespace, labels: {}, annotations: {} },
    data,
  };
}

const full = { "tls.crt": "Y2VydA==", "tls.key": "a2V5" };

function lookupOf(...secrets: Secret[]): SecretLookup {
  return (ns, name) => secrets.find((s) => s.metadata.namespace === ns && s.metadata.name === name);
}

const web = svcPath("/", "Prefix", "web");

describe("compileTls", () => {
  it("maps each tls host to its Secret, exact and wildcard", () => {
    const ing = ingress("a", [rule("a.com", web)], {
      tls: [
        { hosts: ["a.com"], secretName: "a-tls" },
        { hosts: ["*.b.com"], secretName: "b-tls" },
      ],
    });
    const plan = compileTls([ing], lookupOf(secret("a-tls", full), secret("b-tls", full)));
    expect([...plan.hosts].map(([h, r]) => [h, r.name])).toEqual([
      ["a.com", "a-tls"],
      ["*.b.com", "b-tls"],
    ]);
    expect(plan.warnings).toEqual([]);
    expect(plan.fallback).toBeUndefined();
  });

  it("an entry without hosts covers the Ingress's rule hosts", () => {
    const ing = ingress("a", [rule("One.com", web), rule("two.com", web), rule(undefined, web)], {
      tls: [{ secretName: "t" }],
    });
    const plan = compileTls([ing], lookupOf(secret("t", full)));
    expect([...plan.hosts.keys()]).toEqual(["one.com", "two.com"]);
  });

  it("an entry without hosts in an Ingress without host rules becomes the fallback", () => {
    const ing = ingress("a", [rule(undefined, web)], { tls: [{ secretName: "t" }] });
    const plan = compileTls([ing], lookupOf(secret("t", full)));
    expect(plan.hosts.size).toBe(0);
    expect(plan.fallback?.name).toBe("t");
  });

  it("the oldest Ingress keeps a contested host; the newer gets a warning", () => {
    const older = ingress("older", [], {
      created: "2026-01-01T00:00:00Z",
      tls: [{ hosts: ["a.com"], secretName: "one" }],
    });
    const newer = ingress("newer", [], {
      created: "2026-01-02T00:00:00Z",
      tls: [{ hosts: ["a.com"], secretName: "two" }],
    });
    const plan = compileTls([older, newer], lookupOf(secret("one", full), secret("two", full)));
    expect(plan.hosts.get("a.com")?.name).toBe("one");
    expect(plan.warnings).toEqual([
      {
        ingress: { namespace: "default", name: "newer", uid: "uid-newer" },
        reason: "CertificateConflict",
        message:
          "spec.tls[0]: host a.com already has Secret default/one from Ingress default/older; Secret default/two is not used for it",
      },
    ]);
  });

  it("the same Secret named twice for a host is no conflict", () => {
    const a = ingress("a", [], { tls: [{ hosts: ["a.com"], secretName: "one" }] });
    const b = ingress("b", [], { tls: [{ hosts: ["a.com"], secretName: "one" }] });
    expect(compileTls([a, b], lookupOf(secret("one", full))).warnings).toEqual([]);
  });

  it("reports missing Secrets, Secrets without keys and entries without secretName", () => {
    const ing = ingress("a", [rule("a.com", web)], {
      tls: [
        { hosts: ["a.com"], secretName: "gone" },
        { hosts: ["b.com"], secretName: "half" },
        { hosts: ["c.com"] },
      ],
    });
    const plan = compileTls([ing], lookupOf(secret("half", { "tls.crt": "Y2VydA==" })));
    expect(plan.hosts.size).toBe(0);
    expect(plan.warnings.map((w) => [w.reason, w.message])).toEqual([
      [
        "TLSSecretMissing",
        "spec.tls[0].secretName: Secret default/gone does not exist; hosts a.com get the default certificate",
      ],
      [
        "TLSSecretInvalid",
        "spec.tls[1].secretName: Secret default/half has no tls.key in data; hosts b.com get the default certificate",
      ],
      ["TLSSecretMissing", "spec.tls[2] names no secretName; its hosts get the default certificate"],
    ]);
  });

  it("looks the Secret up in the Ingress's namespace", () => {
    const ing = ingress("a", [], { namespace: "shop", tls: [{ hosts: ["a.com"], secretName: "t" }] });
    expect(compileTls([ing], lookupOf(secret("t", full, "default"))).hosts.size).toBe(0);
    expect(compileTls([ing], lookupOf(secret("t", full, "shop"))).hosts.get("a.com")?.namespace).toBe("shop");
  });
});

describe("selectTlsEntry", () => {
  const hosts = new Map([
    ["a.example.com", "exact"],
    ["*.example.com", "wild"],
  ]);
  it.each([
    ["a.example.com", "exact"],
    ["A.Example.com", "exact"],
    ["b.example.com", "wild"],
    ["x.b.example.com", undefined],
    ["example.com", undefined],
    ["*.example.com", undefined],
  ])("%s → %s", (name, want) => {
    expect(selectTlsEntry(hosts, name)).toBe(want);
  });
});

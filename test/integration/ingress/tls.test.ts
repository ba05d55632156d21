// HTTPS: certificates from kubernetes.io/tls Secrets chosen by SNI, the default certificate, and
// live updates. Test certificates are generated here (self-signed, throwaway keys).

import https from "node:https";
import tls from "node:tls";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Secret } from "../../../src/manifest/types.js";
import { DEFAULT_CERTIFICATE_CN } from "../../../src/network/ingress/certificates.js";
import { ingress, rule, svcPath } from "../../support/ingress-objects.js";
import {
  echoed,
  startBackend,
  startIngress,
  until,
  type Backend,
  type Reply,
  type RunningIngress,
} from "./harness.js";

interface TestCert {
  cert: string;
  key: string;
}

async function makeCert(cn: string, dnsNames: string[]): Promise<TestCert> {
  const made = await generate([{ name: "commonName", value: cn }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    extensions: [
      { name: "subjectAltName", altNames: dnsNames.map((value) => ({ type: 2 as const, value })) },
    ],
  });
  return { cert: made.cert, key: made.private };
}

function tlsSecret(name: string, c: TestCert): Secret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    type: "kubernetes.io/tls",
    metadata: { name, namespace: "default", labels: {}, annotations: {} },
    data: {
      "tls.crt": Buffer.from(c.cert).toString("base64"),
      "tls.key": Buffer.from(c.key).toString("base64"),
    },
  };
}

/** The CN of the certificate the listener presents for `servername` (undefined: no SNI). */
function presentedCN(port: number, servername?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const opts: tls.ConnectionOptions = { host: "127.0.0.1", port, rejectUnauthorized: false };
    if (servername !== undefined) opts.servername = servername;
    const socket = tls.connect(opts, () => {
      const cn = socket.getPeerCertificate().subject.CN;
      socket.end();
      resolve(Array.isArray(cn) ? cn.join(",") : String(cn));
    });
    socket.on("error", reject);
  });
}

/** An HTTPS request that trusts only `ca` and checks the name, as a browser would. */
function verifiedGet(port: number, host: string, ca: string, agent?: https.Agent): Promise<Reply> {
  return new Promise((resolve, reject) => {
    https
      .get(
        {
          host: "127.0.0.1",
          port,
          servername: host,
          headers: { host },
          ca,
          agent: agent ?? false,
          path: "/",
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString(),
            }),
          );
        },
      )
      .on("error", reject);
  });
}

let ing: RunningIngress;
let web: Backend;
let certA: TestCert;
let certB: TestCert;

beforeAll(async () => {
  [certA, certB] = await Promise.all([makeCert("a.test", ["a.test"]), makeCert("wild b.test", ["*.b.test"])]);
  ing = await startIngress({ https: "127.0.0.1:0" });
  web = await startBackend("web");
  ing.resolver.set("default", "web", [{ name: "http", port: 80, endpoints: [web.endpoint] }]);
  ing.store.create(tlsSecret("a-tls", certA));
  ing.store.create(tlsSecret("b-tls", certB));
  ing.store.create(
    ingress(
      "secure",
      [
        rule("a.test", svcPath("/", "Prefix", "web", "http")),
        rule("*.b.test", svcPath("/", "Prefix", "web", "http")),
      ],
      {
        tls: [
          { hosts: ["a.test"], secretName: "a-tls" },
          { hosts: ["*.b.test"], secretName: "b-tls" },
        ],
      },
    ),
  );
});

afterAll(async () => {
  await ing.stop();
  await web.close();
});

describe("certificates by SNI", () => {
  it("each host gets the certificate of the Secret named for it", async () => {
    expect(await presentedCN(ing.httpsPort, "a.test")).toBe("a.test");
    expect(await presentedCN(ing.httpsPort, "x.b.test")).toBe("wild b.test");
    expect(await presentedCN(ing.httpsPort, "A.TEST")).toBe("a.test");
  });

  it("a client trusting only that certificate completes the request, with X-Forwarded-Proto https", async () => {
    const r = await verifiedGet(ing.httpsPort, "a.test", certA.cert);
    expect(r.status).toBe(200);
    const h = echoed(r).headers;
    expect(h["x-forwarded-proto"]).toBe("https");
    expect(h["x-forwarded-port"]).toBe(String(ing.httpsPort));
    const wild = await verifiedGet(ing.httpsPort, "shop.b.test", certB.cert);
    expect(wild.status).toBe(200);
  });

  it("names no Secret covers, and clients without SNI, get the generated default certificate", async () => {
    expect(await presentedCN(ing.httpsPort, "unknown.test")).toBe(DEFAULT_CERTIFICATE_CN);
    expect(await presentedCN(ing.httpsPort, "deep.x.b.test")).toBe(DEFAULT_CERTIFICATE_CN);
    expect(await presentedCN(ing.httpsPort)).toBe(DEFAULT_CERTIFICATE_CN);
  });
});

describe("live updates", () => {
  it("a changed Secret is served to new connections while open ones keep going", async () => {
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await verifiedGet(ing.httpsPort, "a.test", certA.cert, agent)).status).toBe(200);
      const renewed = await makeCert("a.test renewed", ["a.test"]);
      const current = ing.store.get("Secret", "default", "a-tls");
      if (!current) throw new Error("Secret missing");
      ing.store.update({ ...current, data: tlsSecret("a-tls", renewed).data ?? {} });
      expect(await presentedCN(ing.httpsPort, "a.test")).toBe("a.test renewed");
      // The pooled connection was made with the old certificate and still serves requests.
      expect((await verifiedGet(ing.httpsPort, "a.test", certA.cert, agent)).status).toBe(200);
      expect(
        Object.values(agent.sockets).flat().length + Object.values(agent.freeSockets).flat().length,
      ).toBe(1);
      expect((await verifiedGet(ing.httpsPort, "a.test", renewed.cert)).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it("a tls entry naming a missing Secret is reported and its host falls back to the default certificate", async () => {
    ing.store.create(
      ingress("broken", [rule("c.test", svcPath("/", "Prefix", "web", "http"))], {
        tls: [{ hosts: ["c.test"], secretName: "c-tls" }],
      }),
    );
    expect(await presentedCN(ing.httpsPort, "c.test")).toBe(DEFAULT_CERTIFICATE_CN);
    await until(() => ing.events.some((e) => e.reason === "TLSSecretMissing"));
    expect(ing.events.find((e) => e.reason === "TLSSecretMissing")?.message).toBe(
      "spec.tls[0].secretName: Secret default/c-tls does not exist; hosts c.test get the default certificate",
    );
    const c = await makeCert("c.test", ["c.test"]);
    ing.store.create(tlsSecret("c-tls", c));
    expect(await presentedCN(ing.httpsPort, "c.test")).toBe("c.test");
  });

  it("a Secret that holds no usable certificate is reported without its contents", async () => {
    const junk = tlsSecret("junk-tls", { cert: "not a certificate", key: "not a key" });
    ing.store.create(junk);
    ing.store.create(
      ingress("junk", [rule("d.test", svcPath("/", "Prefix", "web", "http"))], {
        tls: [{ hosts: ["d.test"], secretName: "junk-tls" }],
      }),
    );
    expect(await presentedCN(ing.httpsPort, "d.test")).toBe(DEFAULT_CERTIFICATE_CN);
    await until(() => ing.events.some((e) => e.reason === "TLSSecretInvalid"));
    const message = ing.events.find((e) => e.reason === "TLSSecretInvalid")?.message ?? "";
    expect(message).toMatch(
      /^Secret default\/junk-tls cannot be loaded as a certificate and key \(.+\); host d\.test gets the default certificate$/,
    );
    expect(message).not.toContain("not a key");
  });
});

describe("fallback certificate from an Ingress without hosts", () => {
  it("replaces the generated default, also for clients without SNI", async () => {
    const solo = await startIngress({ https: "127.0.0.1:0" });
    try {
      expect(await presentedCN(solo.httpsPort)).toBe(DEFAULT_CERTIFICATE_CN);
      const fallback = await makeCert("fallback.test", ["fallback.test"]);
      solo.store.create(tlsSecret("fallback-tls", fallback));
      solo.store.create(
        ingress("catch-all", [], { defaultBackend: "web", tls: [{ secretName: "fallback-tls" }] }),
      );
      await new Promise((r) => setImmediate(r));
      expect(await presentedCN(solo.httpsPort)).toBe("fallback.test");
      expect(await presentedCN(solo.httpsPort, "anything.test")).toBe("fallback.test");
    } finally {
      await solo.stop();
    }
  });
});

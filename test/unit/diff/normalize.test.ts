import { describe, expect, it } from "vitest";
import { deepEqual } from "../../../src/diff/equal.js";
import {
  adoptServerAssigned,
  isFromGit,
  normalize,
  sameServiceWhenNormalized,
  sameWhenNormalized,
} from "../../../src/diff/normalize.js";
import type { KObject, Service } from "../../../src/manifest/types.js";
import { configMap, deployment, pod, recordedFromGit, replicaSet, service } from "./fixtures.js";

/** Mutations that must or must not count as differences. */
const MUTATIONS: [string, (o: KObject) => void][] = [
  ["status", (o) => Object.assign(o, { status: { phase: "Running" } })],
  ["uid", (o) => (o.metadata.uid = "x")],
  ["generation", (o) => (o.metadata.generation = 9)],
  ["berth.io/app", (o) => (o.metadata.annotations = { ...o.metadata.annotations, "berth.io/app": "a" })],
  [
    "berth.io/prune",
    (o) => (o.metadata.annotations = { ...o.metadata.annotations, "berth.io/prune": "false" }),
  ],
  ["empty labels", (o) => delete o.metadata.labels],
  ["label", (o) => (o.metadata.labels = { ...o.metadata.labels, extra: "1" })],
  ["finalizers", (o) => Object.assign(o.metadata, { finalizers: ["x"] })],
  ["undefined field", (o) => Object.assign(o, { extra: undefined })],
  ["spec field", (o) => Object.assign(o, { spec: { ...(o as { spec?: object }).spec, paused: true } })],
  ["data", (o) => Object.assign(o, { data: { a: "2" } })],
];

describe("sameWhenNormalized", () => {
  it("agrees with deepEqual over normalised copies for every mutation and pair of mutations", () => {
    const bases: KObject[] = [deployment("web"), configMap("cfg", { a: "1" })];
    for (const base of bases) {
      for (const [, m1] of MUTATIONS) {
        for (const [, m2] of [["none", () => undefined] as const, ...MUTATIONS]) {
          const a = structuredClone(base);
          const b = structuredClone(base);
          m1(a);
          m2(b);
          expect(sameWhenNormalized(a, b)).toBe(deepEqual(normalize(a), normalize(b)));
          expect(sameWhenNormalized(b, a)).toBe(deepEqual(normalize(b), normalize(a)));
        }
      }
    }
  });

  it("ignores exactly what the docs list", () => {
    const base = configMap("cfg", { a: "1" });
    base.metadata.labels = {};
    const same = MUTATIONS.filter(([, m]) => {
      const b = structuredClone(base);
      m(b);
      return sameWhenNormalized(base, b);
    }).map(([name]) => name);
    expect(same).toEqual(["status", "uid", "generation", "berth.io/app", "empty labels", "undefined field"]);
  });
});

describe("isFromGit", () => {
  it("counts objects with berth.io/app or without owners as from git", () => {
    const web = recordedFromGit(deployment("web"));
    const rs = replicaSet("web-1", web, 1, "u1");
    expect(isFromGit(web)).toBe(true);
    expect(isFromGit(deployment("plain"))).toBe(true);
    expect(isFromGit(rs)).toBe(false);
    expect(isFromGit(pod("p", rs))).toBe(false);
    rs.metadata.annotations = { "berth.io/app": "demo" };
    expect(isFromGit(rs)).toBe(true);
  });
});

describe("sameServiceWhenNormalized", () => {
  it("agrees with adopting server-assigned fields and comparing normalised copies", () => {
    const port = { name: "http", protocol: "TCP" as const, port: 80, targetPort: 8080 };
    const variants: Service[] = [
      service("web"),
      service("web", { clusterIP: "10.96.0.7" }),
      service("web", { clusterIP: "10.96.0.8" }),
      service("web", { clusterIP: "10.96.0.7", clusterIPs: ["10.96.0.7"] }),
      service("web", { type: "NodePort" }),
      service("web", { type: "NodePort", clusterIP: "10.96.0.7", ports: [{ ...port, nodePort: 30080 }] }),
      service("web", { type: "NodePort", ports: [{ ...port, nodePort: 30081 }] }),
      service("web", { type: "ClusterIP", ports: [{ ...port, nodePort: 30080 }] }),
      service("web", { type: "ExternalName", externalName: "db.example.org" }),
      service("web", { type: "ExternalName", externalName: "db.example.org", clusterIP: "10.96.0.7" }),
      service("web", { ports: [port, { ...port, name: "https", port: 443 }] }),
      service("web", { selector: { app: "other" } }),
    ];
    for (const d of variants) {
      for (const r of variants) {
        const rec = recordedFromGit(r);
        const expected = deepEqual(normalize(adoptServerAssigned(d, rec)), normalize(rec));
        expect(
          sameServiceWhenNormalized(d, rec),
          `${JSON.stringify(d.spec)} vs ${JSON.stringify(r.spec)}`,
        ).toBe(expected);
      }
    }
  });
});

import { describe, expect, it } from "vitest";
import type { Container } from "../../../../src/manifest/types.js";
import { isRuntimeError } from "../../../../src/runtime/errors.js";
import { buildEnv, dockerEnv, isEnvVarName } from "../../../../src/runtime/spec/env.js";
import { configMap, facts, pod, secret, sources } from "../fixtures.js";

function env(c: Partial<Container>, src = sources(), serviceEnv?: Map<string, string>) {
  const container: Container = { name: "app", image: "x", ...c };
  const p = pod({ containers: [container] });
  return buildEnv(p, container, src, facts, serviceEnv);
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe("buildEnv", () => {
  it("expands references to earlier variables only (Kubernetes TestMapReference)", () => {
    const r = env({
      env: [
        { name: "LATER", value: "$(FOO)/$(BLU)" },
        { name: "FOO", value: "bar" },
        { name: "ZOO", value: "$(FOO)-1" },
        { name: "BLU", value: "$(ZOO)-2" },
        { name: "ESC", value: "$$(FOO)" },
        { name: "EMPTY", value: "" },
      ],
    });
    expect(Object.fromEntries(r.env)).toEqual({
      LATER: "$(FOO)/$(BLU)",
      FOO: "bar",
      ZOO: "bar-1",
      BLU: "bar-1-2",
      ESC: "$(FOO)",
      EMPTY: "",
    });
  });

  it("lets a later entry override an earlier one, keeping its place", () => {
    const r = env({
      env: [
        { name: "A", value: "1" },
        { name: "B", value: "2" },
        { name: "A", value: "$(A)$(B)" },
      ],
    });
    expect(dockerEnv(r.env)).toEqual(["A=12", "B=2"]);
  });

  it("resolves configMapKeyRef and secretKeyRef without expanding their values", () => {
    const src = sources({
      configMaps: [configMap("cfg", { mode: "fast", tpl: "$(FOO)" })],
      secrets: [secret("db", { password: "s3cr$(et)" })],
    });
    const r = env(
      {
        env: [
          { name: "FOO", value: "x" },
          { name: "MODE", valueFrom: { configMapKeyRef: { name: "cfg", key: "mode" } } },
          { name: "TPL", valueFrom: { configMapKeyRef: { name: "cfg", key: "tpl" } } },
          { name: "PW", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
          { name: "DSN", value: "db://$(PW)@$(MODE)" },
        ],
      },
      src,
    );
    expect(Object.fromEntries(r.env)).toEqual({
      FOO: "x",
      MODE: "fast",
      TPL: "$(FOO)",
      PW: "s3cr$(et)",
      DSN: "db://s3cr$(et)@fast",
    });
  });

  it("skips optional references that are missing and keeps what envFrom set", () => {
    const src = sources({ configMaps: [configMap("cfg", { A: "from-envFrom" })] });
    const r = env(
      {
        envFrom: [{ configMapRef: { name: "cfg" } }],
        env: [
          { name: "A", valueFrom: { configMapKeyRef: { name: "cfg", key: "missing", optional: true } } },
          { name: "B", valueFrom: { configMapKeyRef: { name: "nope", key: "k", optional: true } } },
          { name: "C", valueFrom: { secretKeyRef: { name: "nope", key: "k", optional: true } } },
        ],
      },
      src,
    );
    expect(Object.fromEntries(r.env)).toEqual({ A: "from-envFrom" });
  });

  it.each([
    [{ configMapKeyRef: { name: "nope", key: "k" } }, 'configmap "nope" not found'],
    [{ configMapKeyRef: { name: "cfg", key: "nokey" } }, "couldn't find key nokey in ConfigMap shop/cfg"],
    [{ secretKeyRef: { name: "nope", key: "k" } }, 'secret "nope" not found'],
    [{ secretKeyRef: { name: "db", key: "nokey" } }, "couldn't find key nokey in Secret shop/db"],
  ])("a missing non-optional reference is a CreateContainerConfigError: %j", (valueFrom, message) => {
    const src = sources({ configMaps: [configMap("cfg", { k: "v" })], secrets: [secret("db", { k: "v" })] });
    const e = caught(() => env({ env: [{ name: "X", valueFrom }] }, src));
    expect(isRuntimeError(e, "CreateContainerConfigError")).toBe(true);
    expect((e as Error).message).toBe(message);
  });

  it("missing non-optional envFrom sources fail, optional ones are skipped", () => {
    expect(() => env({ envFrom: [{ configMapRef: { name: "nope" } }] })).toThrow(
      'configmap "nope" not found',
    );
    expect(() => env({ envFrom: [{ secretRef: { name: "nope" } }] })).toThrow('secret "nope" not found');
    const r = env({
      envFrom: [
        { configMapRef: { name: "nope", optional: true } },
        { secretRef: { name: "nope", optional: true } },
      ],
    });
    expect(r.env.size).toBe(0);
  });

  it("applies envFrom prefixes, skips invalid names and reports them", () => {
    const src = sources({
      configMaps: [
        configMap("cfg", { "1234": "a", "1z": "b", key: "c", "with-dash.dot": "d", "sp ace": "e" }),
      ],
      secrets: [secret("sec", { token: "t", "9lives": "x" })],
    });
    const r = env(
      { envFrom: [{ configMapRef: { name: "cfg" } }, { prefix: "S_", secretRef: { name: "sec" } }] },
      src,
    );
    expect(Object.fromEntries(r.env)).toEqual({
      key: "c",
      "with-dash.dot": "d",
      S_9lives: "x",
      S_token: "t",
    });
    expect(r.warnings).toEqual([
      {
        reason: "InvalidEnvironmentVariableNames",
        message:
          "Keys [1234, 1z, sp ace] from the EnvFrom configMap shop/cfg were skipped since they are considered invalid environment variable names.",
      },
    ]);
  });

  it("a prefix can make a key valid", () => {
    const src = sources({ configMaps: [configMap("cfg", { "1234": "a" })] });
    expect(
      Object.fromEntries(env({ envFrom: [{ prefix: "P_", configMapRef: { name: "cfg" } }] }, src).env),
    ).toEqual({ P_1234: "a" });
  });

  it("later envFrom sources and env entries override earlier ones; env may reference envFrom", () => {
    const src = sources({ configMaps: [configMap("a", { X: "a", Y: "a" }), configMap("b", { Y: "b" })] });
    const r = env(
      {
        envFrom: [{ configMapRef: { name: "a" } }, { configMapRef: { name: "b" } }],
        env: [{ name: "Z", value: "$(X)$(Y)" }],
      },
      src,
    );
    expect(Object.fromEntries(r.env)).toEqual({ X: "a", Y: "b", Z: "ab" });
  });

  it("service variables fill in names not defined and are visible to expansion", () => {
    const svc = new Map([
      ["WEB_SERVICE_HOST", "10.0.0.1"],
      ["FOO", "svc"],
    ]);
    const r = env(
      {
        env: [
          { name: "FOO", value: "mine" },
          { name: "URL", value: "http://$(WEB_SERVICE_HOST)" },
        ],
      },
      sources(),
      svc,
    );
    expect(Object.fromEntries(r.env)).toEqual({
      FOO: "mine",
      URL: "http://10.0.0.1",
      WEB_SERVICE_HOST: "10.0.0.1",
    });
  });

  it("resolves fieldRef and resourceFieldRef", () => {
    const r = env({
      resources: { limits: { memory: "64Mi" }, requests: { cpu: "250m" } },
      env: [
        { name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
        { name: "IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
        { name: "MEM", valueFrom: { resourceFieldRef: { resource: "limits.memory", divisor: "1Mi" } } },
        { name: "CPU", valueFrom: { resourceFieldRef: { resource: "requests.cpu", divisor: "1m" } } },
        { name: "WHERE", value: "$(POD)@$(IP)" },
      ],
    });
    expect(Object.fromEntries(r.env)).toEqual({
      POD: "web-1",
      IP: "172.18.0.5",
      MEM: "64",
      CPU: "250",
      WHERE: "web-1@172.18.0.5",
    });
  });

  it("knows valid variable names", () => {
    for (const ok of ["A", "_x", "a.b", "-dash", "A1", ".hidden"]) expect(isEnvVarName(ok), ok).toBe(true);
    for (const bad of ["", "1A", "a b", "a=b", "ä"]) expect(isEnvVarName(bad), bad).toBe(false);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readApiConfig, type ApiConfig } from "../../../src/cli/api-config.js";
import { listenToUrl, normalizeServer, resolveServer } from "../../../src/cli/client.js";

const dir = mkdtempSync(join(tmpdir(), "berth-cli-client-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(listen: string, token?: string): () => ApiConfig {
  return () => ({ listen, ...(token !== undefined ? { token } : {}) });
}

function yaml(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("where the CLI finds the daemon", () => {
  it("turns listen addresses into URLs a client can use", () => {
    expect(listenToUrl("127.0.0.1:7070")).toBe("http://127.0.0.1:7070");
    expect(listenToUrl("0.0.0.0:7070")).toBe("http://127.0.0.1:7070");
    expect(listenToUrl(":9000")).toBe("http://127.0.0.1:9000");
    expect(listenToUrl("[::]:7070")).toBe("http://[::1]:7070");
    expect(listenToUrl("[::1]:7070")).toBe("http://[::1]:7070");
    expect(listenToUrl("berth.internal:7070")).toBe("http://berth.internal:7070");
  });

  it("accepts host:port or an http(s) URL for --server", () => {
    expect(normalizeServer("10.0.0.5:7070")).toBe("http://10.0.0.5:7070");
    expect(normalizeServer("https://berth.example.com/")).toBe("https://berth.example.com");
    expect(() => normalizeServer("ftp://x")).toThrow(/only http/);
  });

  it("takes flags over the environment over berth.yaml", () => {
    const cfg = config("127.0.0.1:7171", "from-config");
    expect(resolveServer({}, {}, cfg)).toEqual({
      baseUrl: "http://127.0.0.1:7171",
      token: "from-config",
      from: "config",
    });
    expect(resolveServer({}, { BERTH_SERVER: "h:1", BERTH_TOKEN: "env" }, cfg)).toEqual({
      baseUrl: "http://h:1",
      token: "env",
      from: "env",
    });
    expect(
      resolveServer({ server: "f:2", token: "flag" }, { BERTH_SERVER: "h:1", BERTH_TOKEN: "env" }, cfg),
    ).toEqual({ baseUrl: "http://f:2", token: "flag", from: "flag" });
    // The token can come from berth.yaml while the address is a flag.
    expect(resolveServer({ server: "f:2" }, {}, cfg)).toMatchObject({ token: "from-config", from: "flag" });
  });

  it("reads berth.yaml only when flags and environment leave something open", () => {
    let loads = 0;
    const cfg = (): ApiConfig => {
      loads++;
      return { listen: "127.0.0.1:7070", tokenProblem: "environment variable T is not set" };
    };
    resolveServer({ server: "a:1", token: "t" }, {}, cfg);
    expect(loads).toBe(0);
    expect(resolveServer({}, {}, cfg)).toEqual({
      baseUrl: "http://127.0.0.1:7070",
      from: "config",
      tokenProblem: "environment variable T is not set",
    });
    expect(loads).toBe(1);
  });
});

describe("berth.yaml's api section, read on its own", () => {
  it("defaults without a file", () => {
    expect(readApiConfig(undefined, {})).toEqual({ listen: "127.0.0.1:7070" });
  });

  it("reads listen and each form of the token", () => {
    writeFileSync(join(dir, "token"), "from-file\n");
    expect(readApiConfig(yaml("a.yaml", "api: {listen: ':7171', token: lit}\n"), {})).toMatchObject({
      listen: ":7171",
      token: "lit",
    });
    expect(readApiConfig(yaml("b.yaml", "api: {tokenFile: token}\n"), {}).token).toBe("from-file");
    expect(readApiConfig(yaml("c.yaml", "api: {tokenEnv: T}\n"), { T: "from-env" }).token).toBe("from-env");
    expect(readApiConfig(yaml("d.yaml", "api: {token: {env: T}}\n"), { T: "e" }).token).toBe("e");
  });

  it("ignores the rest of the file, secrets it cannot resolve included", () => {
    const file = yaml(
      "e.yaml",
      "notifications:\n  - {name: n, type: slack, url: {env: MISSING}, triggers: [deployed]}\napi: {listen: '127.0.0.1:7272'}\n",
    );
    expect(readApiConfig(file, {})).toEqual({ file, listen: "127.0.0.1:7272" });
  });

  it("keeps why a token cannot be read instead of failing", () => {
    const file = yaml("f.yaml", "api: {tokenEnv: BERTH_API_TOKEN}\n");
    expect(readApiConfig(file, {})).toEqual({
      file,
      listen: "127.0.0.1:7070",
      tokenProblem: "environment variable BERTH_API_TOKEN is not set",
    });
  });

  it("fails on a file that is not YAML", () => {
    expect(() => readApiConfig(yaml("g.yaml", "api: [\n"), {})).toThrow(/cannot read the api section/);
  });
});

import { describe, expect, it } from "vitest";
import { Secret } from "../../../src/config/secret.js";
import { defaultConfig } from "../../../src/config/load.js";
import type { BerthConfig } from "../../../src/config/types.js";
import { listenToUrl, normalizeServer, resolveServer } from "../../../src/cli/client.js";

function config(listen: string, token?: string): () => Promise<BerthConfig> {
  const c = defaultConfig({});
  c.api = { listen, ...(token !== undefined ? { token: new Secret(token) } : {}) };
  return async () => c;
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

  it("takes flags over the environment over berth.yaml", async () => {
    const cfg = config("127.0.0.1:7171", "from-config");
    expect(await resolveServer({}, {}, cfg)).toEqual({
      baseUrl: "http://127.0.0.1:7171",
      token: "from-config",
      from: "config",
    });
    expect(await resolveServer({}, { BERTH_SERVER: "h:1", BERTH_TOKEN: "env" }, cfg)).toEqual({
      baseUrl: "http://h:1",
      token: "env",
      from: "env",
    });
    expect(
      await resolveServer({ server: "f:2", token: "flag" }, { BERTH_SERVER: "h:1", BERTH_TOKEN: "env" }, cfg),
    ).toEqual({
      baseUrl: "http://f:2",
      token: "flag",
      from: "flag",
    });
    // The token can come from berth.yaml while the address is a flag.
    expect(await resolveServer({ server: "f:2" }, {}, cfg)).toMatchObject({
      token: "from-config",
      from: "flag",
    });
  });

  it("reads berth.yaml only when flags and environment leave something open", async () => {
    let loads = 0;
    const cfg = async () => {
      loads++;
      return defaultConfig({});
    };
    await resolveServer({ server: "a:1", token: "t" }, {}, cfg);
    expect(loads).toBe(0);
    const t = await resolveServer({}, {}, cfg);
    expect(loads).toBe(1);
    expect(t).toEqual({ baseUrl: "http://127.0.0.1:7070", from: "config" });
  });
});

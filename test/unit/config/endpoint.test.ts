import { describe, expect, it } from "vitest";
import { defaultStatePath, endpointFromEnv, hostNodeName } from "../../../src/config/defaults.js";
import { defaultAddress, isLoopback, parseEndpoint } from "../../../src/config/endpoint.js";
import { parseListenAddress, parsePortRange } from "../../../src/config/formats.js";

describe("parseEndpoint", () => {
  it.each([
    [
      "unix:///var/run/docker.sock",
      { kind: "unix", url: "unix:///var/run/docker.sock", socketPath: "/var/run/docker.sock" },
    ],
    ["tcp://10.0.0.2:2376", { kind: "tcp", url: "tcp://10.0.0.2:2376", host: "10.0.0.2", port: 2376 }],
    ["tcp://docker1.lan", { kind: "tcp", url: "tcp://docker1.lan", host: "docker1.lan", port: 2375 }],
    ["tcp://[fd00::2]:2375", { kind: "tcp", url: "tcp://[fd00::2]:2375", host: "fd00::2", port: 2375 }],
    [
      "ssh://deploy@10.0.0.3",
      { kind: "ssh", url: "ssh://deploy@10.0.0.3", host: "10.0.0.3", port: 22, username: "deploy" },
    ],
    ["ssh://10.0.0.3:2222", { kind: "ssh", url: "ssh://10.0.0.3:2222", host: "10.0.0.3", port: 2222 }],
  ])("%s", (text, endpoint) => {
    expect(parseEndpoint(text)).toEqual({ ok: true, endpoint });
  });

  it.each([
    ["/var/run/docker.sock", "not a URL"],
    ["http://10.0.0.2:2375", "scheme http:// is not supported"],
    ["unix://var/run/docker.sock", "a unix socket path must be absolute (unix:///path)"],
    ["tcp://", "the host is missing"],
    ["tcp://10.0.0.2:2375/v1.41", "a path is not allowed here"],
    ["ssh://u:pw@host", "put no password in an ssh:// URL; use an SSH key"],
  ])("rejects %s: %s", (text, reason) => {
    expect(parseEndpoint(text)).toEqual({ ok: false, reason });
  });

  it("defaults the address to the endpoint's host, or loopback for a socket", () => {
    const ep = (t: string) => {
      const r = parseEndpoint(t);
      if (!r.ok) throw new Error(r.reason);
      return r.endpoint;
    };
    expect(defaultAddress(ep("unix:///var/run/docker.sock"))).toBe("127.0.0.1");
    expect(defaultAddress(ep("tcp://10.0.0.2:2376"))).toBe("10.0.0.2");
    expect(defaultAddress(ep("ssh://me@10.0.0.3"))).toBe("10.0.0.3");
  });
});

describe("endpointFromEnv", () => {
  it("uses the default socket without DOCKER_HOST", () => {
    expect(endpointFromEnv({})).toEqual({
      ok: true,
      endpoint: { kind: "unix", url: "unix:///var/run/docker.sock", socketPath: "/var/run/docker.sock" },
    });
  });

  it("reads DOCKER_HOST, with TLS files from DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set", () => {
    expect(endpointFromEnv({ DOCKER_HOST: "unix:///run/n2.sock" })).toMatchObject({
      ok: true,
      endpoint: { socketPath: "/run/n2.sock" },
    });
    expect(
      endpointFromEnv({ DOCKER_HOST: "tcp://10.0.0.2", DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: "/certs" }),
    ).toEqual({
      ok: true,
      endpoint: {
        kind: "tcp",
        url: "tcp://10.0.0.2",
        host: "10.0.0.2",
        port: 2376,
        tls: { ca: "/certs/ca.pem", cert: "/certs/cert.pem", key: "/certs/key.pem" },
      },
    });
    expect(endpointFromEnv({ DOCKER_HOST: "npipe:////./pipe/docker_engine" })).toEqual({
      ok: false,
      reason:
        "DOCKER_HOST=npipe:////./pipe/docker_engine is not a Docker endpoint: scheme npipe:// is not supported",
    });
  });
});

describe("machine defaults", () => {
  it("turns the host name into a node name", () => {
    expect(hostNodeName("Build_Box-01.example.COM")).toBe("build-box-01.example.com");
    expect(hostNodeName("--")).toBe("local");
  });

  it("puts the state file under /var/lib/berth for root, else under XDG_STATE_HOME", () => {
    expect(defaultStatePath({}, 0)).toBe("/var/lib/berth/state.json");
    expect(defaultStatePath({ XDG_STATE_HOME: "/x/state" }, 1000)).toBe("/x/state/berth/state.json");
    expect(defaultStatePath({ HOME: "/home/u" }, 1000)).toBe("/home/u/.local/state/berth/state.json");
  });
});

describe("listen addresses and port ranges", () => {
  it.each([
    ["127.0.0.1:8080", { host: "127.0.0.1", port: 8080 }],
    [":8080", { host: "", port: 8080 }],
    ["[::1]:7070", { host: "::1", port: 7070 }],
    ["localhost:7070", { host: "localhost", port: 7070 }],
    ["0.0.0.0:80", { host: "0.0.0.0", port: 80 }],
  ])("%s", (text, want) => {
    expect(parseListenAddress(text)).toEqual(want);
  });

  it.each(["8080", "127.0.0.1", "host:0", "host:70000", "[nope]:80", "a b:80"])("rejects %s", (text) => {
    expect(parseListenAddress(text)).toBeUndefined();
  });

  it("knows loopback addresses", () => {
    expect(["127.0.0.1", "127.1.2.3", "::1", "localhost"].every(isLoopback)).toBe(true);
    expect(["", "0.0.0.0", "10.0.0.1", "::"].some(isLoopback)).toBe(false);
  });

  it("parses port ranges", () => {
    expect(parsePortRange("30000-32767")).toEqual({ min: 30000, max: 32767 });
    expect(parsePortRange("32767-30000")).toBeUndefined();
    expect(parsePortRange("0-100")).toBeUndefined();
    expect(parsePortRange("30000")).toBeUndefined();
  });
});

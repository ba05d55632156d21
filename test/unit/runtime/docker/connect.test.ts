import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dockerOptions, negotiateVersion, parseEndpoint } from "../../../../src/runtime/docker/connect.js";

describe("parseEndpoint", () => {
  it.each([
    ["unix:///var/run/docker.sock", { kind: "unix", socketPath: "/var/run/docker.sock" }],
    ["/run/berth-test/n2.sock", { kind: "unix", socketPath: "/run/berth-test/n2.sock" }],
    ["tcp://10.0.0.5:2376", { kind: "tcp", host: "10.0.0.5", port: 2376 }],
    ["tcp://docker.example", { kind: "tcp", host: "docker.example", port: 2375 }],
    ["tcp://[fd00::5]:2376", { kind: "tcp", host: "fd00::5", port: 2376 }],
    ["ssh://deploy@host.example", { kind: "ssh", host: "host.example", port: 22, username: "deploy" }],
    ["ssh://host.example:2222", { kind: "ssh", host: "host.example", port: 2222 }],
  ])("%s", (url, expected) => {
    expect(parseEndpoint(url)).toEqual(expected);
  });

  it("rejects what docker-modem cannot dial", () => {
    expect(() => parseEndpoint("npipe:////./pipe/docker_engine")).toThrow(
      /unsupported Docker endpoint scheme/,
    );
    expect(() => parseEndpoint("not a url")).toThrow(/is not a Docker endpoint/);
  });
});

describe("dockerOptions", () => {
  it("sets every connection field so the environment's DOCKER_HOST cannot leak in", () => {
    const o = dockerOptions({ url: "unix:///x.sock" }, "1.41");
    expect(o).toMatchObject({
      socketPath: "/x.sock",
      host: undefined,
      port: undefined,
      protocol: undefined,
      version: "v1.41",
    });
    expect(Object.keys(o)).toEqual(expect.arrayContaining(["host", "port", "ca", "cert", "key"]));
    expect(dockerOptions({ url: "tcp://h:2375" })).toMatchObject({
      host: "h",
      port: 2375,
      protocol: "http",
      version: undefined,
    });
  });
});

describe("dockerOptions for TLS", () => {
  it("reads the client files and speaks https", async () => {
    const dir = await mkdtemp(join(tmpdir(), "berth-tls-"));
    try {
      for (const f of ["ca.pem", "cert.pem", "key.pem"]) await writeFile(join(dir, f), `-- ${f} --`);
      const o = dockerOptions({
        url: "tcp://10.0.0.5:2376",
        tls: { ca: join(dir, "ca.pem"), cert: join(dir, "cert.pem"), key: join(dir, "key.pem") },
      });
      expect(o).toMatchObject({ host: "10.0.0.5", port: 2376, protocol: "https" });
      expect(String(o.ca)).toBe("-- ca.pem --");
      expect(String(o.cert)).toBe("-- cert.pem --");
      expect(String(o.key as Buffer)).toBe("-- key.pem --");
      const ssh = dockerOptions({ url: "ssh://deploy@h", sshKeyFile: join(dir, "key.pem") });
      expect(ssh).toMatchObject({ host: "h", port: 22, protocol: "ssh", username: "deploy" });
      expect(String(ssh.sshOptions?.privateKey)).toBe("-- key.pem --");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("negotiateVersion", () => {
  it("prefers 1.41, steps down to older engines and up to newer engines' minimum", () => {
    expect(negotiateVersion("1.41", "1.12")).toBe("1.41");
    expect(negotiateVersion("1.45", "1.24")).toBe("1.41");
    expect(negotiateVersion("1.40", "1.12")).toBe("1.40");
    expect(negotiateVersion("1.52", "1.44")).toBe("1.44");
    expect(negotiateVersion("1.43", undefined)).toBe("1.41");
  });
});

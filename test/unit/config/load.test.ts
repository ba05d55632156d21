import { mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { nodeAllocatable } from "../../../src/config/capacity.js";
import { defaultConfig, loadConfig } from "../../../src/config/load.js";
import { repoUrlForGit } from "../../../src/config/sources.js";
import { load, tempDir, writeConfig } from "./helpers.js";

const Mi = 1024 * 1024;
const Gi = 1024 * Mi;

const FULL = `
nodes:
  - name: n1
    endpoint: unix:///var/run/docker.sock
    labels: {zone: a, disk: ssd}
  - name: n2
    endpoint: tcp://10.0.0.2:2376
    tls: {ca: certs/ca.pem, cert: certs/cert.pem, key: certs/key.pem}
    taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
    capacity: {cpu: 4, memory: 8Gi, pods: 50}
    reserve: {cpu: 500m, memory: 1Gi}
  - name: n3
    endpoint: ssh://deploy@10.0.0.3
    address: 192.168.1.3
    unschedulable: true
runtime:
  allowHostPath: [/srv/data]
  crashLoopBackoff: {initial: 5s, max: 2m}
  nodeHeartbeat: {interval: 2s, failureThreshold: 5}
  podEvictionTimeout: 90
sourceDefaults:
  pollInterval: 1m
  prune: {maxDeleteShare: 0.25}
sources:
  - name: app
    repo: https://git.example.com/org/app.git
    ref: main
    path: deploy/prod
    namespace: shop
    selfHeal: {enabled: false}
    credentials: {username: bot, password: {env: GIT_TOKEN}}
  - name: local
    repo: ../repos/local
    prune: {enabled: false}
    watchLocal: false
ingress: {http: ":80", https: ":443"}
services: {nodePortRange: 31000-31999}
api: {listen: "0.0.0.0:7070", tokenFile: api-token}
webhooks:
  github: {secret: {env: GH_SECRET}}
  gitlab: {token: plain-gitlab-token}
  maxBodyBytes: 1Mi
notifications:
  - name: team
    type: slack
    url: {file: slack-url}
    triggers: [sync-failed, health-degraded]
  - name: ci
    type: webhook
    url: https://ci.example.com/hook
    triggers: [deployed]
    template: "{{app}} at {{revision}}"
    headers: {Authorization: {env: CI_AUTH}}
state: {path: state/berth.json}
log: {level: debug, format: json}
`;

function fullDir(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "certs"));
  for (const f of ["ca.pem", "cert.pem", "key.pem"]) writeFileSync(join(dir, "certs", f), "");
  writeFileSync(join(dir, "api-token"), "s3cret-api-token\n");
  writeFileSync(join(dir, "slack-url"), "https://hooks.slack.com/services/T0/B0/XYZ\n");
  return dir;
}

const ENV = { GIT_TOKEN: "git-token-value", GH_SECRET: "gh-secret-value", CI_AUTH: "Bearer ci-value" };

describe("loadConfig on a complete file", () => {
  it("returns a typed, fully defaulted config", async () => {
    const dir = fullDir();
    const c = await load(FULL, ENV, dir);

    expect(c.file).toBe(join(dir, "berth.yaml"));
    expect(c.nodes.map((n) => [n.name, n.address, n.endpoint.kind])).toEqual([
      ["n1", "127.0.0.1", "unix"],
      ["n2", "10.0.0.2", "tcp"],
      ["n3", "192.168.1.3", "ssh"],
    ]);
    const [n1, n2, n3] = c.nodes;
    expect(n1?.capacity).toEqual({ pods: 110 });
    expect(n1?.reserve).toEqual({ cpuMillis: 100, memoryBytes: 256 * Mi });
    expect(n2?.endpoint).toEqual({
      kind: "tcp",
      url: "tcp://10.0.0.2:2376",
      host: "10.0.0.2",
      port: 2376,
      tls: {
        ca: join(dir, "certs/ca.pem"),
        cert: join(dir, "certs/cert.pem"),
        key: join(dir, "certs/key.pem"),
      },
    });
    expect(n2?.capacity).toEqual({ cpuMillis: 4000, memoryBytes: 8 * Gi, pods: 50 });
    expect(n2?.reserve).toEqual({ cpuMillis: 500, memoryBytes: Gi });
    expect(n2?.taints).toEqual([{ key: "dedicated", value: "gpu", effect: "NoSchedule" }]);
    expect(n3?.endpoint).toMatchObject({ username: "deploy", port: 22 });
    expect(n3?.unschedulable).toBe(true);

    expect(c.runtime).toEqual({
      allowHostPath: ["/srv/data"],
      allowPrivileged: false,
      allowHostNetwork: false,
      crashLoopBackoff: { initial: 5000, max: 120_000, resetAfter: 600_000 },
      imagePullBackoff: { initial: 10_000, max: 300_000 },
      jobBackoff: { initial: 10_000, max: 600_000 },
      nodeHeartbeat: { interval: 2000, failureThreshold: 5 },
      podEvictionTimeout: 90_000,
      resyncInterval: 30_000,
      clusterDomain: "cluster.local",
    });

    const [app, local] = c.sources;
    expect(app).toMatchObject({
      name: "app",
      repo: "https://git.example.com/org/app.git",
      ref: "main",
      path: "deploy/prod",
      namespace: "shop",
      prune: { enabled: true, allowEmpty: false, maxDeleteShare: 0.25 },
      selfHeal: { enabled: false, interval: 10_000 },
      pollInterval: 60_000,
      watchLocal: true,
    });
    expect(app?.credentials?.username).toBe("bot");
    expect(app?.credentials?.password?.reveal()).toBe("git-token-value");
    expect(local).toMatchObject({
      repo: resolve(dir, "../repos/local"),
      ref: "HEAD",
      path: ".",
      namespace: "default",
      prune: { enabled: false, allowEmpty: false, maxDeleteShare: 0.25 },
      watchLocal: false,
    });

    expect(c.ingress).toEqual({ http: ":80", https: ":443" });
    expect(c.services.nodePortRange).toEqual({ min: 31000, max: 31999 });
    expect(c.api.listen).toBe("0.0.0.0:7070");
    expect(c.api.token?.reveal()).toBe("s3cret-api-token");
    expect(c.webhooks.github?.secret.reveal()).toBe("gh-secret-value");
    expect(c.webhooks.gitlab?.token.reveal()).toBe("plain-gitlab-token");
    expect(c.webhooks.maxBodyBytes).toBe(Mi);
    expect(c.notifications.map((n) => [n.name, n.type, n.triggers, n.template])).toEqual([
      ["team", "slack", ["sync-failed", "health-degraded"], undefined],
      ["ci", "webhook", ["deployed"], "{{app}} at {{revision}}"],
    ]);
    expect(c.notifications[0]?.url.reveal()).toBe("https://hooks.slack.com/services/T0/B0/XYZ");
    expect(c.notifications[1]?.headers.Authorization?.reveal()).toBe("Bearer ci-value");
    expect(c.state.path).toBe(join(dir, "state", "berth.json"));
    expect(c.log).toEqual({ level: "debug", format: "json" });
  });
});

describe("defaults", () => {
  it("an empty file gives the same config as no file", async () => {
    const env = { DOCKER_HOST: "unix:///run/other.sock", HOME: "/home/u" };
    const fromFile = await load("", env);
    const { file: _file, ...rest } = fromFile;
    expect(rest).toEqual({ ...defaultConfig(env), state: rest.state });
  });

  it("without nodes, runs one node named after this host on DOCKER_HOST or the default socket", async () => {
    const name = hostname().toLowerCase();
    for (const yaml of ["", "nodes: []\n"]) {
      const c = await load(yaml, {});
      expect(c.nodes).toHaveLength(1);
      expect(c.nodes[0]).toMatchObject({
        name: expect.stringContaining(name.slice(0, 3)) as string,
        address: "127.0.0.1",
        endpoint: { kind: "unix", socketPath: "/var/run/docker.sock" },
      });
    }
    const tcp = await load("", { DOCKER_HOST: "tcp://10.1.2.3:2375" });
    expect(tcp.nodes[0]).toMatchObject({
      address: "10.1.2.3",
      endpoint: { kind: "tcp", host: "10.1.2.3", port: 2375 },
    });
  });

  it("gives a listed node without endpoint DOCKER_HOST's engine", async () => {
    const c = await load("nodes: [{name: here, labels: {role: edge}}]\n", {
      DOCKER_HOST: "unix:///run/n2.sock",
    });
    expect(c.nodes[0]?.endpoint).toMatchObject({ socketPath: "/run/n2.sock" });
  });

  it("defaults every section as documented", () => {
    const c = defaultConfig({});
    expect(c.sourceDefaults).toEqual({
      ref: "HEAD",
      path: ".",
      namespace: "default",
      prune: { enabled: true, allowEmpty: false, maxDeleteShare: 0.5 },
      selfHeal: { enabled: true, interval: 10_000 },
      pollInterval: 180_000,
      watchLocal: true,
    });
    expect(c.ingress).toEqual({ http: "127.0.0.1:8080" });
    expect(c.api).toEqual({ listen: "127.0.0.1:7070" });
    expect(c.services.nodePortRange).toEqual({ min: 30000, max: 32767 });
    expect(c.services.networkRange).toBe("10.96.0.0/12");
    expect(c.webhooks).toEqual({ maxBodyBytes: 10 * Mi });
    expect(c.scheduler).toEqual({ percentageOfNodesToScore: 0 });
    expect(c.log).toEqual({ level: "info", format: "auto" });
    expect(c.runtime.crashLoopBackoff).toEqual({ initial: 10_000, max: 300_000, resetAfter: 600_000 });
    expect(c.runtime.podEvictionTimeout).toBe(60_000);
    expect(c.sources).toEqual([]);
    expect(c.notifications).toEqual([]);
  });

  it("computes allocatable from capacity or docker info, less the reserve", async () => {
    const c = await load(
      "nodes: [{name: a}, {name: b, endpoint: 'tcp://h:1', capacity: {cpu: 2}, reserve: {memory: 0}}]\n",
    );
    const info = { NCPU: 8, MemTotal: 16 * Gi };
    const [a, b] = c.nodes;
    if (!a || !b) throw new Error("nodes missing");
    expect(nodeAllocatable(a, info)).toEqual({ cpuMillis: 7900, memoryBytes: 16 * Gi - 256 * Mi, pods: 110 });
    expect(nodeAllocatable(b, info)).toEqual({ cpuMillis: 1900, memoryBytes: 16 * Gi, pods: 110 });
  });

  it("reads BERTH_CONFIG when no path is given", async () => {
    const file = writeConfig("log: {level: warn}\n");
    expect((await loadConfig(undefined, { BERTH_CONFIG: file })).log.level).toBe("warn");
  });
});

describe("secrets", () => {
  it("accepts api.token as a literal, {env}, {file}, tokenEnv or tokenFile", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "tok"), "from-file\r\n");
    const env = { TOK: "from-env" };
    const token = async (yaml: string) => (await load(yaml, env, dir)).api.token?.reveal();
    expect(await token("api: {token: literal}\n")).toBe("literal");
    expect(await token("api: {token: {env: TOK}}\n")).toBe("from-env");
    expect(await token("api: {token: {file: tok}}\n")).toBe("from-file");
    expect(await token("api: {tokenEnv: TOK}\n")).toBe("from-env");
    expect(await token(`api: {tokenFile: ${join(dir, "tok")}}\n`)).toBe("from-file");
  });

  it("takes credentials out of an https repo URL and can put them back for git", async () => {
    const c = await load(
      "sources:\n  - {name: a, repo: 'https://bot:p%40ss@git.example.com/org/a.git'}\n  - {name: b, repo: 'https://TOKEN123@github.com/org/b.git'}\n  - {name: c, repo: 'https://git.example.com/c.git', credentials: {password: {env: T}}}\n",
      { T: "env-token" },
    );
    const [a, b, cc] = c.sources;
    if (!a || !b || !cc) throw new Error("sources missing");
    expect(a.repo).toBe("https://git.example.com/org/a.git");
    expect(a.credentials?.username).toBe("bot");
    expect(a.credentials?.password?.reveal()).toBe("p@ss");
    expect(repoUrlForGit(a)).toBe("https://bot:p%40ss@git.example.com/org/a.git");
    expect(b.repo).toBe("https://github.com/org/b.git");
    expect(repoUrlForGit(b)).toBe("https://TOKEN123@github.com/org/b.git");
    expect(repoUrlForGit(cc)).toBe("https://env-token@git.example.com/c.git");
    const printed = JSON.stringify(c);
    expect(printed).not.toContain("TOKEN123");
    expect(printed).not.toContain("p%40ss");
  });

  it("never prints a secret: JSON, String and inspect show <redacted>", async () => {
    const c = await load("api: {token: hunter2}\nwebhooks: {generic: {secret: {env: S}}}\n", {
      S: "env-secret-value",
    });
    const printed = [
      JSON.stringify(c),
      inspect(c, { depth: 10 }),
      String(c.api.token),
      String(c.webhooks.generic?.secret),
    ].join("\n");
    expect(printed).not.toContain("hunter2");
    expect(printed).not.toContain("env-secret-value");
    expect(printed).toContain("<redacted>");
    expect(c.webhooks.generic?.secret.source).toBe("env S");
  });
});

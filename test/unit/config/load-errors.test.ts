import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, E_CONFIG } from "../../../src/config/errors.js";
import { loadConfig } from "../../../src/config/load.js";
import { errorMessage, isBerthError } from "../../../src/util/errors.js";
import { problemsOf, tempDir, writeConfig } from "./helpers.js";

describe("schema problems, at the line and column of the field's key", () => {
  const cases: [string, string, string[]][] = [
    [
      "an unknown field, with a suggestion",
      "runtime:\n  crashLoopBackof: {}\n",
      ["2:3 runtime.crashLoopBackof: is not a known field"],
    ],
    ["an unknown section", "nodez: []\n", ["1:1 nodez: is not a known field"]],
    [
      "a network range that is not a network address",
      "services: {networkRange: 10.96.0.1/12}\n",
      ["1:12 services.networkRange: is not valid"],
    ],
    [
      "a network range smaller than a namespace network",
      "services: {networkRange: 10.96.0.0/24}\n",
      ["1:12 services.networkRange: is not valid"],
    ],
    [
      "a wrong type",
      "runtime:\n  allowPrivileged: yes\n",
      ["2:3 runtime.allowPrivileged: has the wrong type"],
    ],
    ["a value outside an enum", "log: {level: verbose}\n", ["1:7 log.level: is not an allowed value"]],
    [
      "a bad duration",
      "runtime:\n  podEvictionTimeout: 5 minutes\n",
      ["2:3 runtime.podEvictionTimeout: is not valid"],
    ],
    [
      "a negative duration",
      "runtime:\n  podEvictionTimeout: -5\n",
      ["2:3 runtime.podEvictionTimeout: is out of range"],
    ],
    [
      "a bad endpoint, with the reason",
      "nodes:\n  - name: a\n    endpoint: http://10.0.0.2\n",
      ["3:5 nodes.0.endpoint: not a Docker endpoint: scheme http:// is not supported"],
    ],
    [
      "a bad quantity",
      "nodes:\n  - name: a\n    reserve: {memory: 1GB}\n",
      ['3:15 nodes.0.reserve.memory: not a quantity: unable to parse quantity\'s suffix "GB"'],
    ],
    [
      "a negative quantity",
      "nodes:\n  - name: a\n    capacity: {cpu: '-2'}\n",
      ["3:16 nodes.0.capacity.cpu: must not be negative"],
    ],
    [
      "a missing required field, at its parent",
      "sources:\n  - name: app\n",
      ["2:5 sources.0.repo: is required"],
    ],
    [
      "an invalid label key",
      "nodes:\n  - name: a\n    labels: {'bad key': x}\n",
      ["3:15 nodes.0.labels.bad key: is not a valid key"],
    ],
    ["an invalid node name", "nodes:\n  - name: Node_1\n", ["2:5 nodes.0.name: is not valid"]],
    [
      "an empty trigger list",
      "notifications:\n  - {name: n, type: slack, url: https://x, triggers: []}\n",
      ["2:44 notifications.0.triggers: must list at least 1"],
    ],
    [
      "several problems, in file order",
      "log: {level: loud}\nruntime: {allowHostNetwork: 1}\n",
      ["1:7 log.level: is not an allowed value", "2:11 runtime.allowHostNetwork: has the wrong type"],
    ],
  ];
  it.each(cases)("%s", async (_name, yaml, want) => {
    const { error, lines } = await problemsOf(yaml);
    expect(lines).toEqual(want);
    expect(error.code).toBe(E_CONFIG);
  });

  it("reads as compiler output: file:line:column: field: message (expected, found); hint [E_CONFIG]", async () => {
    const file = writeConfig("runtime:\n  crashLoopBackof: {}\n  nodeHeartbeat: {interval: 5 s}\n");
    const e = await loadConfig(file, {}).catch((x: unknown) => x);
    expect(isBerthError(e, E_CONFIG)).toBe(true);
    expect(errorMessage(e)).toBe(
      [
        "2 problems in the configuration:",
        `  ${file}:2:3: runtime.crashLoopBackof: is not a known field; did you mean crashLoopBackoff?`,
        `  ${file}:3:19: runtime.nodeHeartbeat.interval: is not valid (expected a duration such as "10s", "5m" or "1h30m", or whole seconds, found "5 s") [E_CONFIG]`,
      ].join("\n"),
    );
    expect((e as ConfigError).origin).toEqual({ file, line: 2, column: 3 });
  });

  it("reads YAML 1.2 scalars: yes is a string, with a hint", async () => {
    const { error } = await problemsOf("runtime: {allowPrivileged: yes}\nsources: [{name: n, repo: /r}]\n");
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({
      message: "has the wrong type",
      expected: "true or false",
      found: '"yes"',
      hint: "berth.yaml is YAML 1.2: write true or false",
    });
  });

  it("lists the known fields when nothing is close", async () => {
    const { error } = await problemsOf("log: {colour: red}\n");
    expect(error.problems[0]?.expected).toBe("one of level, format");
  });

  it("never echoes a secret that has the wrong type", async () => {
    const { error } = await problemsOf("api: {token: 123456789}\n");
    expect(error.message).not.toContain("123456789");
    expect(error.problems[0]).toMatchObject({
      message: "has the wrong type",
      expected: "a string, {env: NAME} or {file: PATH}",
      hint: "quote the value to make it a string",
    });
    const both = await problemsOf("api: {token: {env: A, file: b}}\n");
    expect(both.lines).toEqual(["1:7 api.token: must have exactly one of env or file"]);
  });
});

describe("file and YAML problems", () => {
  it("reports a YAML syntax error where the parser stopped", async () => {
    const { lines, error } = await problemsOf("nodes: [a, b\nlog: {}\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^2:1 : YAML syntax: /);
    expect(error.origin.line).toBe(2);
  });

  it("reports a duplicate key", async () => {
    const { lines } = await problemsOf("log: {}\nlog: {}\n");
    expect(lines).toEqual(["2:1 : YAML syntax: duplicated mapping key"]);
  });

  it("wants one mapping", async () => {
    expect((await problemsOf("- a\n- b\n")).lines).toEqual([
      "1:1 : must be a mapping of sections (nodes, runtime, sources, ...)",
    ]);
    expect((await problemsOf("log: {}\n---\nlog: {}\n")).lines).toEqual([
      "- : holds several YAML documents; berth.yaml is one mapping",
    ]);
  });

  it("says when the file cannot be read", async () => {
    const missing = join(tempDir(), "nope.yaml");
    const e = await loadConfig(missing, {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect(errorMessage(e)).toBe(
      `${missing}: cannot read the configuration file (ENOENT); check the --config path [E_CONFIG]`,
    );
  });
});

describe("problems the schema cannot see", () => {
  const cases: [string, string, NodeJS.ProcessEnv, string[]][] = [
    [
      "duplicate node names and endpoints",
      "nodes:\n  - {name: a, endpoint: 'tcp://h:1'}\n  - {name: a, endpoint: 'tcp://h:1'}\n",
      {},
      [
        '3:6 nodes.1.name: node name "a" is already used by entry 0',
        '3:15 nodes.1.endpoint: endpoint "tcp://h:1" is already used by entry 0',
      ],
    ],
    [
      "tls on a unix socket",
      "nodes:\n  - name: a\n    tls: {ca: a, cert: b, key: c}\n",
      {},
      ["3:5 nodes.0.tls: applies to tcp:// endpoints only, not unix://"],
    ],
    [
      "a capacity the reserve eats",
      "nodes:\n  - {name: a, capacity: {cpu: 100m}}\n",
      {},
      ["2:26 nodes.0.capacity.cpu: leaves nothing to schedule after the reserve"],
    ],
    [
      "a backoff whose initial exceeds max",
      "runtime:\n  jobBackoff: {initial: 11m}\n",
      {},
      ["2:16 runtime.jobBackoff.initial: is longer than max"],
    ],
    [
      "an unset secret variable",
      "webhooks:\n  github: {secret: {env: GH}}\n",
      {},
      ["2:12 webhooks.github.secret: environment variable GH is not set"],
    ],
    [
      "an unreadable secret file",
      "api: {token: {file: missing-token}}\n",
      {},
      ["1:7 api.token: cannot read secret file"],
    ],
    [
      "an API beyond loopback without a token",
      "api: {listen: '0.0.0.0:7070'}\n",
      {},
      ["1:7 api.listen: listens beyond this machine without a token"],
    ],
    [
      "two ways to give the token",
      "api: {token: a, tokenEnv: B}\n",
      { B: "b" },
      ["1:17 api.tokenEnv: conflicts with api.token"],
    ],
    [
      "listeners on one port",
      "ingress: {http: ':7070'}\n",
      {},
      ["1:11 ingress.http: uses the same port as api.listen"],
    ],
    [
      "a source path leaving the repository",
      "sources:\n  - {name: a, repo: /r, path: ../x}\n",
      {},
      ["2:25 sources.0.path: must stay inside the repository"],
    ],
    [
      "duplicate source names",
      "sources:\n  - {name: a, repo: /r}\n  - {name: a, repo: /s}\n",
      {},
      ['3:6 sources.1.name: source name "a" is already used by entry 0'],
    ],
    [
      "a notification URL that is no URL",
      "notifications:\n  - {name: n, type: webhook, url: {env: U}, triggers: [deployed]}\n",
      { U: "ftp://x" },
      ["2:30 notifications.0.url: is not an http:// or https:// URL"],
    ],
    [
      "a notification template with an unknown placeholder",
      "notifications:\n  - {name: n, type: slack, url: 'https://x', triggers: [deployed], template: '{{app}} {{sha}}'}\n",
      {},
      ['2:68 notifications.0.template: "{{sha}}" is not a placeholder'],
    ],
    [
      "credentials in the repo URL and in credentials",
      "sources:\n  - name: a\n    repo: 'https://u:p@h/r.git'\n    credentials: {username: v}\n",
      {},
      ["4:5 sources.0.credentials: conflicts with the credentials in the repo URL"],
    ],
    [
      "one engine spelt two ways",
      "nodes:\n  - {name: a, endpoint: 'tcp://h'}\n  - {name: b, endpoint: 'tcp://h:2375'}\n",
      {},
      ['3:15 nodes.1.endpoint: endpoint "tcp://h:2375" is already used by entry 0'],
    ],
    [
      "a sourceDefaults path leaving the repository",
      "sourceDefaults: {path: /etc}\nsources: [{name: a, repo: /r}]\n",
      {},
      ["1:18 sourceDefaults.path: must stay inside the repository"],
    ],
    [
      "missing TLS files from DOCKER_CERT_PATH",
      "",
      { DOCKER_HOST: "tcp://10.0.0.9", DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: "/nonexistent-berth-certs" },
      ["ca.pem", "cert.pem", "key.pem"].map(
        (f) => `1:1 nodes.0.endpoint: TLS file /nonexistent-berth-certs/${f} does not exist`,
      ),
    ],
    [
      "a bad DOCKER_HOST for the default node",
      "",
      { DOCKER_HOST: "fd://" },
      ["1:1 nodes.0.endpoint: DOCKER_HOST=fd:// is not a Docker endpoint: scheme fd:// is not supported"],
    ],
  ];
  it.each(cases)("%s", async (_name, yaml, env, want) => {
    const { lines } = await problemsOf(yaml, env);
    expect(lines.map((l) => l.replace(/ \/\S+$/, ""))).toEqual(
      want.map((w) => expect.stringContaining(w) as unknown),
    );
  });

  it("does not print the value of a bad notification URL", async () => {
    const { error } = await problemsOf(
      "notifications:\n  - {name: n, type: slack, url: 'hooks.slack.com/T0/secret-part', triggers: [deployed]}\n",
    );
    expect(error.message).not.toContain("secret-part");
  });
});

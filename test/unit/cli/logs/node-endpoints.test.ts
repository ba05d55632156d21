import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readNodeEndpoints } from "../../../../src/cli/logs/node-endpoints.js";

const dir = mkdtempSync(join(tmpdir(), "berth-nodes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(text: string): string {
  const path = join(dir, `b${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, text);
  return path;
}

describe("berth.yaml's nodes, for berth logs", () => {
  it("reads names, endpoints and TLS files (relative to the file), ignoring the rest", () => {
    const f = file(
      [
        "nodes:",
        "  - name: n1",
        "    endpoint: unix:///var/run/docker.sock",
        "  - name: n2",
        "    endpoint: tcp://10.0.0.2:2376",
        "    tls: { ca: certs/ca.pem, cert: certs/cert.pem, key: certs/key.pem }",
        "  - name: n3",
        "notifications:",
        "  - name: slack",
        "    type: slack",
        "    url: { env: SLACK_URL_ONLY_THE_SERVICE_HAS }",
        "    triggers: [sync-failed]",
      ].join("\n"),
    );
    expect(readNodeEndpoints(f, { DOCKER_HOST: "tcp://elsewhere:2375" })).toEqual({
      file: f,
      nodes: [
        { name: "n1", endpoint: { url: "unix:///var/run/docker.sock" } },
        {
          name: "n2",
          endpoint: {
            url: "tcp://10.0.0.2:2376",
            tls: {
              ca: join(dir, "certs/ca.pem"),
              cert: join(dir, "certs/cert.pem"),
              key: join(dir, "certs/key.pem"),
            },
          },
        },
        { name: "n3", endpoint: { url: "tcp://elsewhere:2375" } },
      ],
    });
  });

  it("without nodes (or without a file): one node for this host on DOCKER_HOST or the default socket", () => {
    const none = readNodeEndpoints(undefined, {});
    expect(none.nodes).toHaveLength(1);
    expect(none.nodes[0]?.endpoint).toEqual({ url: "unix:///var/run/docker.sock" });
    expect(readNodeEndpoints(file("log:\n  level: info\n"), {}).nodes).toHaveLength(1);
  });

  it("says which file is unreadable", () => {
    expect(() => readNodeEndpoints(file("nodes: [\n"), {})).toThrow(/cannot read the nodes of/);
  });
});

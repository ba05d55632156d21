// `berth logs` against pods a node agent runs: the state file and berth.yaml as the daemon leaves
// them, the logs read straight from Docker (stdout and stderr), --previous, --tail, -f, and
// kubectl's error messages. The agent is stopped before reading: logs need no daemon.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { writeLogs, type LogsOptions } from "../../../src/cli/logs/read.js";
import { runCli } from "../../../src/cli/program.js";
import { readNodeEndpoints, type NodeEndpoints } from "../../../src/cli/logs/node-endpoints.js";
import { NodeAgents } from "../../../src/runtime/agent/node-agents.js";
import type { NodeConfig } from "../../../src/config/types.js";
import { StateFile } from "../../../src/state/file.js";
import { snapshotStore } from "../../../src/state/snapshot.js";
import { makeRig, sh, type Rig } from "../agent/harness.js";

let rig: Rig;
let dir: string;
let statePath: string;
let configPath: string;
let nodes: NodeEndpoints;
let node: NodeConfig;

// Docker merges stdout and stderr by arrival time; lines written in the same instant may come out
// in either order, so the script pauses between them.
const COUNTING =
  'n=$(cat /d/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /d/n; echo "run $n"; sleep 0.1; echo "stderr $n" >&2; sleep 0.2; exit 1';
const TICKING = "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo \"tick $i\"; sleep 0.2; done";

beforeAll(async () => {
  rig = makeRig();
  node = rig.node("n1");
  const agent = await rig.agent(node);
  rig.store.create(
    rig.pod("crashy", {
      nodeName: node.name,
      volumes: [{ name: "d", emptyDir: {} }],
      containers: [sh("app", COUNTING, { volumeMounts: [{ name: "d", mountPath: "/d" }] })],
    }),
  );
  rig.store.create(
    rig.pod("ticker", { nodeName: node.name, containers: [sh("app", TICKING), sh("quiet", "sleep 3600")] }),
  );
  await rig.waitFor(
    "two restarts",
    () => (rig.get("crashy")?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 2,
  );
  await rig.waitFor("ticker running", () =>
    rig.get("ticker")?.status?.containerStatuses?.every((s) => s.state.running),
  );
  // No daemon from here on: only the state file and berth.yaml.
  await agent.stop();

  dir = await mkdtemp(join(tmpdir(), "berth-logs-"));
  statePath = join(dir, "state.json");
  configPath = join(dir, "berth.yaml");
  const file = await StateFile.open(statePath);
  file.scheduleSave(snapshotStore(rig.store, { apps: [], nodes: [], allocations: {}, events: [] }));
  await file.close();
  await writeFile(
    configPath,
    `nodes:\n  - name: ${node.name}\n    endpoint: unix:///var/run/docker.sock\nstate:\n  path: ${statePath}\n`,
  );
  nodes = readNodeEndpoints(configPath, {});
}, 120_000);

afterAll(async () => {
  await rig.cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function read(opts: Partial<LogsOptions> & { pod: string }): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  await writeLogs({ namespace: rig.namespace, statePath, nodes, ...opts }, out);
  return Buffer.concat(chunks).toString("utf8");
}

describe("berth logs", () => {
  it("prints stdout and stderr of the current container, and of the previous one with --previous", async () => {
    const restarts = rig.get("crashy")?.status?.containerStatuses?.[0]?.restartCount ?? 0;
    const current = await read({ pod: "crashy" });
    const previous = await read({ pod: "crashy", previous: true });
    // The newest instance is restartCount + 1 runs in (or one more, if it started just before the stop).
    const n = Number(/^run (\d+)$/m.exec(current)?.[1]);
    expect(n).toBeGreaterThanOrEqual(restarts + 1);
    expect(current).toBe(`run ${n}\nstderr ${n}\n`);
    expect(previous).toBe(`run ${n - 1}\nstderr ${n - 1}\n`);
  });

  it("--tail keeps the last lines; -f follows until stopped", async () => {
    const tail = await read({ pod: "ticker", container: "app", tail: 2 });
    expect(tail.trim().split("\n")).toHaveLength(2);
    const controller = new AbortController();
    const out = new PassThrough();
    let text = "";
    out.on("data", (c: Buffer) => {
      text += c.toString("utf8");
      if ((text.match(/tick/g) ?? []).length >= 3 + 5) controller.abort();
    });
    await writeLogs(
      {
        pod: "ticker",
        container: "app",
        namespace: rig.namespace,
        statePath,
        nodes,
        follow: true,
        tail: 3,
        signal: controller.signal,
      },
      out,
    );
    expect(controller.signal.aborted).toBe(true);
    expect(text).toMatch(/^tick \d+\n(tick \d+\n){7,}/);
  });

  it("answers like kubectl when it cannot", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const args = ["--state", statePath, "--config", configPath, "-n", rig.namespace];
      expect(await runCli(["logs", "ticker", ...args])).toBe(2);
      expect(await runCli(["logs", "nope", ...args])).toBe(2);
      expect(await runCli(["logs", "ticker", "-c", "db", ...args])).toBe(2);
      expect(await runCli(["logs", "ticker", "-c", "quiet", "--previous", ...args])).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0]))).toEqual([
        "error: a container name must be specified for pod ticker, choose one of: [app quiet]\n",
        'Error from server (NotFound): pods "nope" not found\n',
        "Error from server (BadRequest): container db is not valid for pod ticker\n",
        'Error from server (BadRequest): previous terminated container "quiet" in pod "ticker" not found\n',
      ]);
    } finally {
      stderr.mockRestore();
    }
  });

  it("berth logs writes to stdout", async () => {
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const code = await runCli([
        "logs",
        "pod/crashy",
        "--state",
        statePath,
        "--config",
        configPath,
        "-n",
        rig.namespace,
      ]);
      expect(code).toBe(0);
      expect(stdout.mock.calls.map((c) => String(c[0])).join("")).toMatch(/^run \d+\nstderr \d+\n$/);
    } finally {
      stdout.mockRestore();
    }
  });

  it("the daemon's agents serve the same logs (for its API), with the API's error codes", async () => {
    const agents = new NodeAgents({
      config: rig.config([node]),
      store: rig.store,
      settings: { heartbeatIntervalMs: 500 },
    });
    await agents.start();
    try {
      const stream = await agents.podLogs(rig.namespace, "ticker", {
        container: "app",
        tail: 2,
        follow: false,
        previous: false,
        timestamps: false,
      });
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).toString("utf8")).toMatch(/^tick \d+\ntick \d+\n$/);
      await expect(agents.podLogs(rig.namespace, "nope", {})).rejects.toMatchObject({ code: "E_NOT_FOUND" });
      await expect(agents.podLogs(rig.namespace, "ticker", {})).rejects.toMatchObject({
        code: "E_INVALID_REQUEST",
      });
    } finally {
      await agents.stop();
    }
  });
});

// `berth get` and `berth describe` through a running daemon's API (a real ApiServer on loopback with a
// fake daemon holding the same cluster as the state file): the output must be exactly what the state
// file gives, and the reader must be chosen as documented.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { StateFile } from "../../../src/state/file.js";
import { emptyStateContent } from "../../../src/state/snapshot.js";
import * as c from "../../support/cli-cluster.js";
import { tempDir } from "../../support/state-fixtures.js";
import { startServer, TOKEN, type Harness } from "../api/harness.js";
import { freePort } from "../sync/servers.js";

let dir: { dir: string; cleanup: () => void };
let state: string;
let h: Harness;

beforeAll(async () => {
  dir = tempDir("berth-cli-api-");
  state = join(dir.dir, "state.json");
  const file = await StateFile.open(state);
  file.scheduleSave({
    ...emptyStateContent(),
    resourceVersion: 100,
    objects: c.objects,
    nodes: c.nodes,
    events: c.events,
  });
  await file.close();
});
afterAll(() => dir.cleanup());

beforeEach(async () => {
  h = await startServer();
  h.view.objectList = c.objects;
  h.view.nodeList = c.nodes;
  h.view.eventList = c.events;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(c.NOW);
  for (const v of ["BERTH_SERVER", "BERTH_TOKEN", "BERTH_STATE", "BERTH_CONFIG"]) vi.stubEnv(v, undefined);
});
afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  await h.close();
});

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await runCli(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

function config(yaml: string): string {
  const file = join(dir.dir, `berth-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

const COMMANDS: string[][] = [
  ["get", "pods"],
  ["get", "all", "-A"],
  ["get", "pods", "-o", "wide", "-l", "app=web"],
  ["get", "deploy", "web", "-o", "yaml"],
  ["get", "nodes"],
  ["get", "events"],
  ["get", "secrets", "-o", "json"],
  ["get", "pods", "nope"],
  ["describe", "deploy", "web"],
  ["describe", "node", "n1"],
  ["describe", "secret"],
];

describe("berth get / describe through the API", () => {
  it.each(COMMANDS)("%s %s … prints what the state file gives", async (...args) => {
    const fromFile = await run(...args, "--state", state);
    const fromApi = await run(...args, "--server", h.url, "--token", TOKEN);
    expect(fromApi).toEqual(fromFile);
    const missing = args.includes("nope");
    expect(fromFile.code).toBe(missing ? 1 : 0);
    expect((missing ? fromFile.stderr : fromFile.stdout).length).toBeGreaterThan(0);
  });

  it("uses the daemon at berth.yaml's api.listen when it answers", async () => {
    const file = config(
      `api: {listen: "127.0.0.1:${new URL(h.url).port}", token: "${TOKEN}"}\nstate: {path: nowhere.json}\n`,
    );
    const out = await run("get", "pods", "--config", file);
    expect(out).toEqual(await run("get", "pods", "--state", state));
    expect(h.logs.records().some((r) => r.msg === "API request" && r.path === "/api/v1/objects")).toBe(true);
  });

  it("reads the state file when nothing answers there", async () => {
    const port = await freePort();
    const file = config(`api: {listen: "127.0.0.1:${port}"}\nstate: {path: state.json}\n`);
    const out = await run("get", "pods", "--config", file);
    expect(out).toEqual(await run("get", "pods", "--state", state));
  });

  it("reads the state file, saying why, when the daemon refuses this shell's token", async () => {
    const file = config(
      `api: {listen: "127.0.0.1:${new URL(h.url).port}", tokenEnv: UNSET_T}\nstate: {path: state.json}\n`,
    );
    const out = await run("get", "pods", "--config", file);
    const fromFile = await run("get", "pods", "--state", state);
    expect(out.stdout).toBe(fromFile.stdout);
    expect(out.stderr).toMatch(
      /^berth: berth at http:\/\/127\.0\.0\.1:\d+ refused the request: .*; reading the state file instead\n/,
    );
  });

  it("with --server, a daemon that does not answer is an error (no fallback)", async () => {
    const port = await freePort();
    const out = await run("get", "pods", "--server", `127.0.0.1:${port}`);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/no berth daemon answers at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it("--state and $BERTH_STATE never ask a daemon", async () => {
    vi.stubEnv("BERTH_SERVER", h.url);
    vi.stubEnv("BERTH_TOKEN", TOKEN);
    vi.stubEnv("BERTH_STATE", state);
    h.view.objectList = [];
    const out = await run("get", "pods");
    expect(out.stdout).toMatch(/^NAME/);
  });
});

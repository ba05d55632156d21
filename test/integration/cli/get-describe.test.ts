// The real `berth get` and `berth describe` commands (runCli) against a state file written by the
// state module, as the daemon writes it.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import type { Pod } from "../../../src/manifest/types.js";
import { StateFile } from "../../../src/state/file.js";
import { emptyStateContent } from "../../../src/state/snapshot.js";
import * as c from "../../support/cli-cluster.js";
import { tempDir } from "../../support/state-fixtures.js";

const GOLDEN = join(import.meta.dirname, "../../unit/cli/printers/describe/golden");

let dir: { dir: string; cleanup: () => void };
let state: string;

beforeAll(async () => {
  dir = tempDir("berth-cli-");
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

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(c.NOW);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
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
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const get = (...args: string[]) => run("get", ...args, "--state", state);

describe("berth get", () => {
  it("tables", async () => {
    expect(await get("pods")).toEqual({
      code: 0,
      stderr: "",
      stdout:
        "NAME               READY   STATUS    RESTARTS     AGE\n" +
        "db-0               0/1     Running   0            5m\n" +
        "web-7d4b9c-abcde   1/1     Running   0            5m\n" +
        "web-7d4b9c-fghij   1/1     Running   2 (3m ago)   5m\n",
    });
    expect((await get("deploy")).stdout).toBe(
      "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/2     2            2           5m\n",
    );
    expect((await get("nodes")).stdout).toBe(
      "NAME   STATUS   ROLES           CPU(REQ/CAP)   MEMORY(REQ/CAP)    PODS    VERSION\n" +
        "n1     Ready    control-plane   100m/2 (5%)    64Mi/3920Mi (1%)   1/110   docker://27.5.1\n" +
        "n2     Ready    <none>          100m/2 (5%)    64Mi/3920Mi (1%)   2/110   docker://27.5.1\n",
    );
  });

  it("-o wide, -A, -l, --no-headers, --show-labels", async () => {
    expect((await get("po", "-o", "wide", "-l", "app=db")).stdout).toBe(
      "NAME   READY   STATUS    RESTARTS   AGE   IP           NODE   NOMINATED NODE   READINESS GATES\n" +
        "db-0   0/1     Running   0          5m    10.244.2.9   n2     <none>           <none>\n",
    );
    expect(
      (await get("pods", "-A", "-l", "app in (worker, db)", "--no-headers", "--show-labels")).stdout,
    ).toBe(
      "default   db-0       0/1   Running     0     5m    app=db\n" +
        "team-a    worker-1   0/1   Completed   0     5m    app=worker\n",
    );
    expect((await get("svc", "-n", "team-a")).stderr).toBe("No resources found in team-a namespace.\n");
  });

  it("get all: one table per type, names with their kind", async () => {
    const { code, stdout } = await get("all");
    expect(code).toBe(0);
    const headers = stdout.split("\n").filter((l) => l.startsWith("NAME"));
    expect(headers).toHaveLength(8);
    expect(stdout).toContain(
      "\n\nNAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   2/2 ",
    );
    expect(stdout).toContain("cronjob.batch/backup   0 * * * *   False     0        5m              5m\n");
  });

  it("-o json prints one named object as stored, or a List", async () => {
    const one = await get("deployment", "web", "-o", "json");
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual(c.deployment);
    const list = JSON.parse((await get("pods", "-o", "json")).stdout) as {
      kind: string;
      apiVersion: string;
      items: Pod[];
      metadata: unknown;
    };
    expect(list.kind).toBe("List");
    expect(list.metadata).toEqual({ resourceVersion: "" });
    expect(list.items.map((p) => p.metadata.name)).toEqual(["db-0", "web-7d4b9c-abcde", "web-7d4b9c-fghij"]);
  });

  it("-o yaml keeps what kubectl tools read from pods", async () => {
    const list = load((await get("pods", "-o", "yaml")).stdout) as { items: Pod[] };
    const pod = list.items.find((p) => p.metadata.name === "web-7d4b9c-fghij");
    expect(pod?.spec.nodeName).toBe("n2");
    expect(pod?.status?.phase).toBe("Running");
    expect(pod?.status?.podIP).toBe("10.244.2.7");
    expect(pod?.status?.conditions?.find((x) => x.type === "Ready")?.status).toBe("True");
    expect(pod?.status?.containerStatuses?.[0]?.restartCount).toBe(2);
  });

  it("-o name, and TYPE/NAME arguments", async () => {
    expect((await get("deploy,svc", "-o", "name")).stdout).toBe(
      "deployment.apps/web\nservice/db\nservice/ext\nservice/web\nservice/web-np\n",
    );
    expect((await get("pod/db-0", "ing/web", "-o", "name")).stdout).toBe(
      "pod/db-0\ningress.networking.k8s.io/web\n",
    );
  });

  it("Secrets print the stored hashes, never values", async () => {
    const out = await get("secret", "web-secret", "-o", "yaml");
    expect(out.stdout).toContain("password: hmac-sha256:");
    expect(out.stdout).not.toContain(Buffer.from("hunter2").toString("base64"));
  });

  it("not found: kubectl's error and exit 1; found objects still print", async () => {
    expect(await get("pod", "nope")).toEqual({
      code: 1,
      stdout: "",
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
    });
    const mixed = await get("deploy", "web", "nope");
    expect(mixed.code).toBe(1);
    expect(mixed.stdout).toContain("web ");
    expect(mixed.stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });

  it("usage errors exit 2", async () => {
    expect(await get("widgets")).toEqual({
      code: 2,
      stdout: "",
      stderr: 'error: the server doesn\'t have a resource type "widgets"\n',
    });
    expect((await get("pods", "-l", "a in (b")).code).toBe(2);
    expect((await get("pods", "-o", "table")).stderr).toMatch(/allowed formats are: json,name,wide,yaml/);
  });

  it("finds the state file through $BERTH_STATE; a missing file says what to do", async () => {
    vi.stubEnv("BERTH_STATE", state);
    expect((await run("get", "cm")).stdout).toBe("NAME         DATA   AGE\nweb-config   2      5m\n");
    const missing = await run("get", "pods", "--state", join(dir.dir, "nothing.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no state file at .*nothing\.json: berth has not run here.*--state FILE/);
  });

  it("finds the state file through state.path of berth.yaml (--config or $BERTH_CONFIG)", async () => {
    const config = join(dir.dir, "berth.yaml");
    writeFileSync(config, "state: {path: state.json}\nwebhooks: {github: {secret: {env: NOT_SET_HERE}}}\n");
    expect((await run("get", "cm", "--config", config)).stdout).toBe(
      "NAME         DATA   AGE\nweb-config   2      5m\n",
    );
    vi.stubEnv("BERTH_CONFIG", config);
    expect((await run("get", "secrets", "-o", "name")).stdout).toBe("secret/web-secret\n");
  });

  it("a corrupt state file is reported, not shown as empty", async () => {
    const bad = join(dir.dir, "bad.json");
    writeFileSync(bad, "{ not json");
    const out = await run("get", "pods", "--state", bad);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/E_STATE_CORRUPT/);
  });
});

describe("berth describe", () => {
  it("prints kubectl describe's text with the object's events", async () => {
    const out = await run("describe", "deploy", "web", "--state", state);
    expect(out).toEqual({
      code: 0,
      stderr: "",
      stdout: readFileSync(join(GOLDEN, "deployment.txt"), "utf8"),
    });
  });

  it("describes several objects (by name prefix), two blank lines apart", async () => {
    const out = await run("describe", "pods", "web-7d4b9c", "--state", state);
    expect(out.code).toBe(0);
    expect(out.stdout.match(/^Name: /gm)).toHaveLength(2);
    expect(out.stdout).toContain("Events:          <none>\n\n\nName:         web-7d4b9c-fghij\n");
    expect(out.stdout.endsWith(readFileSync(join(GOLDEN, "pod.txt"), "utf8"))).toBe(true);
  });

  it("not found and empty", async () => {
    expect(await run("describe", "svc", "nope", "--state", state)).toEqual({
      code: 1,
      stdout: "",
      stderr: 'Error from server (NotFound): services "nope" not found\n',
    });
    expect(await run("describe", "pods", "-n", "team-b", "--state", state)).toEqual({
      code: 0,
      stdout: "",
      stderr: "No resources found in team-b namespace.\n",
    });
  });
});

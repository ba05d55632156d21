// The GitOps cycle of issue #7 with the real `berth run` process, a real local repository (seen
// through the local ref watch) and the real engine: a commit converges; a new image rolls out and
// leaves exactly the replica count on the new image; a deleted manifest is pruned; a Deployment that
// cannot make progress turns the app Degraded; an invalid commit is refused with its file named while
// the previous revision keeps running; notifications reach a receiver; /metrics is Prometheus text.

import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePrometheusText, sampleValue } from "../support/prom-text.js";
import {
  cleanNamespace,
  containersOf,
  Daemon,
  deployment,
  freePort,
  suffix,
  TempRepo,
  until,
} from "./harness.js";

const ns = `cyc-${suffix()}`;
const APP = "cycle";
let dir: string;
let repo: TempRepo;
let daemon: Daemon | undefined;
let receiver: Server;
const received: { event: string; app: string; revision: string | null; message: string }[] = [];
const shas: string[] = [];
const rev = (i: number): string => {
  const sha = shas[i];
  if (sha === undefined) throw new Error(`no commit ${i} yet`);
  return sha;
};
const theDaemon = (): Daemon => {
  if (!daemon) throw new Error("the daemon did not start");
  return daemon;
};

const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: e2e}\n`;
// Crash-loops: its container exits at once, every time. A container that is up for a moment counts
// as ready (no probe), and a Deployment once complete never times out (as in Kubernetes), so
// minReadySeconds keeps its pod from ever being available: the 5 s progress deadline passes and the
// Deployment (hence the app) is Degraded.
const crashing = `apiVersion: apps/v1
kind: Deployment
metadata: {name: crash}
spec:
  replicas: 1
  progressDeadlineSeconds: 5
  minReadySeconds: 60
  selector: {matchLabels: {app: crash}}
  template:
    metadata: {labels: {app: crash}}
    spec:
      containers: [{name: c, image: "berth.local/busybox:1", command: ["sh", "-c", "exit 1"]}]
`;

const running = (pod: string) => containersOf(ns, "app").filter((c) => c.pod.startsWith(pod));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "berth-cycle-"));
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push(JSON.parse(body) as (typeof received)[number]);
      res.writeHead(204).end();
    });
  });
  const hookPort = await freePort();
  await new Promise<void>((r) => receiver.listen(hookPort, "127.0.0.1", r));

  repo = new TempRepo(join(dir, "repo"));
  repo.write("web.yaml", deployment("web", "berth.local/web:1", 2)).write("settings.yaml", configMap);
  shas.push(repo.commit("web v1"));
  daemon = await Daemon.start({
    dir,
    sources: [`{name: ${APP}, repo: ${repo.dir}, path: m, namespace: ${ns}, pollInterval: 1h}`],
    extra: `notifications:\n  - {name: hook, type: webhook, url: "http://127.0.0.1:${hookPort}/hook", triggers: [sync-succeeded, sync-failed, health-degraded, deployed]}\n`,
  });
});

afterAll(async () => {
  await daemon?.stop();
  cleanNamespace(ns, daemon?.node);
  await new Promise((r) => receiver.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe("the GitOps cycle", () => {
  it("converges a commit: a 2-replica Deployment runs, the API says Synced/Healthy at its SHA", async () => {
    const d = theDaemon();
    const status = await d.converged(APP, rev(0));
    expect(status.errors).toEqual([]);
    const web = await until("two running web containers", () => {
      const cs = running("web-");
      return cs.length === 2 && cs.every((c) => c.state === "running") ? cs : undefined;
    });
    expect(web.map((c) => c.image)).toEqual(["berth.local/web:1", "berth.local/web:1"]);
    // One sandbox per pod, nothing else in the namespace.
    expect(containersOf(ns, "sandbox")).toHaveLength(2);
    const succeeded = await until("a sync-succeeded notification", () =>
      received.find((n) => n.event === "sync-succeeded" && n.revision === shas[0]),
    );
    expect(succeeded.app).toBe(APP);
  });

  it("rolls a new image out and keeps exactly the replica count, all on the new image", async () => {
    const d = theDaemon();
    repo.write("web.yaml", deployment("web", "berth.local/web:2", 2));
    shas.push(repo.commit("web v2"));
    await d.converged(APP, rev(1));
    // Old pods' containers go once they have terminated (sandboxes last, one at a time); then
    // exactly two pods remain, both web:2, each with one sandbox.
    const web = await until("exactly two web containers, all web:2, and two sandboxes", () => {
      const cs = containersOf(ns, "app");
      return cs.length === 2 &&
        cs.every((c) => c.image === "berth.local/web:2" && c.state === "running") &&
        containersOf(ns, "sandbox").length === 2
        ? cs
        : undefined;
    });
    expect(new Set(web.map((c) => c.pod)).size).toBe(2);
    await until("a sync-succeeded notification for web v2", () =>
      received.find((n) => n.event === "sync-succeeded" && n.revision === shas[1]),
    );
    // deployed: the new revision applied and the app Healthy again.
    await until("a deployed notification for web v2", () =>
      received.find((n) => n.event === "deployed" && n.revision === shas[1]),
    );
  });

  it("reports a Deployment that cannot progress as Degraded and notifies health-degraded", async () => {
    const d = theDaemon();
    repo.write("crash.yaml", crashing);
    shas.push(repo.commit("add crash"));
    let last: unknown;
    const degraded = await until(
      "the app to be Degraded",
      async () => {
        const s = await d.app(APP);
        last = s;
        return s.revision?.sha === shas[2] && s.health.status === "Degraded" ? s : undefined;
      },
      30_000,
    ).catch(async (e: unknown) => {
      const deploy = await d.get(`/api/v1/objects?kind=deploy&namespace=${ns}&name=crash`);
      throw new Error(`${String(e)}\nstatus: ${JSON.stringify(last)}\ndeployment: ${JSON.stringify(deploy)}`);
    });
    expect(degraded.health.message).toContain("crash");
    const note = await until("a health-degraded notification", () =>
      received.find((n) => n.event === "health-degraded"),
    );
    expect(note.app).toBe(APP);
    expect(note.message).toContain("crash");
    expect(running("crash-").length).toBeGreaterThan(0);
  });

  it("prunes the objects of a deleted manifest: their containers are gone", async () => {
    const d = theDaemon();
    repo.remove("crash.yaml");
    shas.push(repo.commit("remove crash"));
    await d.converged(APP, rev(3));
    await until("the crash containers to be removed", () =>
      containersOf(ns).some((c) => c.pod.startsWith("crash-")) ? undefined : true,
    );
    const objects = await d.get<{ items: { metadata: { name: string } }[] }>(
      `/api/v1/objects?kind=deploy&namespace=${ns}`,
    );
    expect(objects.items.map((o) => o.metadata.name)).toEqual(["web"]);
    expect(containersOf(ns, "app").map((c) => c.image)).toEqual(["berth.local/web:2", "berth.local/web:2"]);
  });

  it("refuses an invalid commit, naming the file, and keeps the previous revision running", async () => {
    const d = theDaemon();
    const before = containersOf(ns)
      .map((c) => c.id)
      .sort();
    // The commit also changes web's image and deletes the ConfigMap: neither may happen.
    repo.write("web.yaml", deployment("web", "berth.local/web:1", 2));
    repo.remove("settings.yaml");
    repo.write(
      "broken.yaml",
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: broken}\nspec: {replicas: "two"}\n`,
    );
    const bad = repo.commit("break it");
    const status = await until("the sync of the invalid commit to fail", async () => {
      const s = await d.app(APP);
      return s.lastSync?.result === "failed" && s.lastSync.revision?.sha === bad ? s : undefined;
    });
    expect(status.errors.length).toBeGreaterThan(0);
    expect(status.errors.join("\n")).toContain("broken.yaml");
    expect(status.lastSync?.errors?.join("\n")).toContain("broken.yaml");
    expect(status.sync.status).toBe("OutOfSync");
    expect(status.revision?.sha).toBe(shas[3]);
    expect(status.lastGoodRevision?.sha).toBe(shas[3]);
    // Nothing deleted or replaced: the same containers, still web:2, and the ConfigMap stays.
    expect(
      containersOf(ns)
        .map((c) => c.id)
        .sort(),
    ).toEqual(before);
    expect(containersOf(ns, "app").map((c) => c.image)).toEqual(["berth.local/web:2", "berth.local/web:2"]);
    const cms = await d.get<{ items: unknown[] }>(`/api/v1/objects?kind=cm&namespace=${ns}&name=settings`);
    expect(cms.items).toHaveLength(1);
    const failed = await until("a sync-failed notification", () =>
      received.find((n) => n.event === "sync-failed" && n.revision === bad),
    );
    expect(failed.message).toContain("broken.yaml");
  });

  it("serves /metrics as Prometheus text with berth's sync metrics", async () => {
    const r = await theDaemon().request("GET", "/metrics");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/plain");
    const families = parsePrometheusText(await r.text());
    expect(families.get("berth_sync_total")?.type).toBe("counter");
    expect(
      sampleValue(families, "berth_sync_total", { app: APP, result: "succeeded" }),
    ).toBeGreaterThanOrEqual(4);
    expect(sampleValue(families, "berth_sync_total", { app: APP, result: "failed" })).toBeGreaterThanOrEqual(
      1,
    );
    expect(families.get("berth_sync_duration_seconds")?.type).toBe("histogram");
    expect(
      sampleValue(families, "berth_sync_duration_seconds_bucket", { app: APP, le: "+Inf" }),
    ).toBeGreaterThanOrEqual(5);
    const last = sampleValue(families, "berth_last_successful_sync_timestamp_seconds", { app: APP });
    expect(last).toBeGreaterThan(Date.now() / 1000 - 300);
    const info = { app: APP, revision: rev(3), sync_status: "OutOfSync" };
    expect(sampleValue(families, "berth_app_info", info)).toBe(1);
  });
});

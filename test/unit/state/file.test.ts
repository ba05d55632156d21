import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { objectKey } from "../../../src/manifest/identity.js";
import type { Deployment, Namespace } from "../../../src/manifest/types.js";
import { moveStateFileAside, StateFile } from "../../../src/state/file.js";
import { readStateFile } from "../../../src/state/load.js";
import type { LockEnv } from "../../../src/state/lock.js";
import { restoreStore, snapshotStore } from "../../../src/state/snapshot.js";
import { ObjectStore } from "../../../src/state/store.js";
import { FakeClock } from "../../../src/util/clock.js";
import { BERTH_VERSION } from "../../../src/version.js";
import { content, pod, stateData, T0, tempDir } from "../../support/state-fixtures.js";

const deployment: Deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default", labels: {}, annotations: { "berth.io/app": "demo" } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "w:1" }] } },
  },
};
const namespace: Namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } };

describe("StateFile", () => {
  let dir: string;
  let cleanup: () => void;
  let path: string;
  const clock = new FakeClock(T0);
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    path = join(dir, "nested", "state.json");
  });
  afterEach(() => cleanup());

  it("starts a fresh state when there is no file, writing it at once (owner-only) and locking it", async () => {
    const file = await StateFile.open(path, { clock });
    expect(file.path).toBe(path);
    expect(file.data).toEqual({
      formatVersion: 1,
      berthVersion: BERTH_VERSION,
      savedAt: "2026-11-26T10:00:00Z",
      secretSalt: file.secretSalt,
      resourceVersion: 0,
      apps: [],
      objects: [],
      nodes: [],
      allocations: {},
      events: [],
    });
    expect((await readStateFile(path))?.data).toEqual(file.data);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "nested")).mode & 0o777).toBe(0o700);
    expect(existsSync(`${path}.lock`)).toBe(true);
    await file.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
    await file.close();
    expect(() => file.scheduleSave(content([]))).toThrow(expect.objectContaining({ code: "E_STATE_CLOSED" }));
  });

  it("round-trips the object store: objects, uids, versions and the counter", async () => {
    const store = new ObjectStore(clock);
    store.create(namespace);
    const d = store.create(deployment);
    store.create(pod(1));
    store.updateStatus({ kind: "Deployment", namespace: "default", name: "web" }, { replicas: 2 });
    store.delete({ kind: "Pod", namespace: "default", name: "web-7d4b9c-1" });
    const file = await StateFile.open(path, { clock });
    file.scheduleSave(() => snapshotStore(store, { ...file.data }));
    await file.close();

    const reopened = await StateFile.open(path, { clock });
    expect(reopened.data.resourceVersion).toBe(store.resourceVersion);
    expect(reopened.data.objects.map(objectKey)).toEqual(["Deployment/default/web", "Namespace//team-a"]);
    const restored = new ObjectStore(clock);
    restoreStore(restored, reopened.data);
    expect(restored.all()).toEqual(expect.arrayContaining(store.all()));
    expect(restored.get("Deployment", "default", "web")?.metadata.uid).toBe(d.metadata.uid);
    expect(restored.resourceVersion).toBe(store.resourceVersion);
    const next = restored.create<Namespace>({ ...namespace, metadata: { name: "team-b" } });
    expect(Number(next.metadata.resourceVersion)).toBe(store.resourceVersion + 1);
    await reopened.close();
  });

  it("keeps the counter above every stored object's resourceVersion on restore", () => {
    const store = new ObjectStore(clock);
    restoreStore(store, { resourceVersion: 3, objects: [pod(41)] });
    expect(store.resourceVersion).toBe(42);
  });

  it("refuses a corrupt file without touching it, and lets go of the lock", async () => {
    await StateFile.open(path, { clock }).then((f) => f.close());
    writeFileSync(path, '{"formatVersion": 1,');
    await expect(StateFile.open(path, { clock })).rejects.toMatchObject({ code: "E_STATE_CORRUPT" });
    expect(readFileSync(path, "utf8")).toBe('{"formatVersion": 1,');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("rebuild moves the file aside as <state>.corrupt-<time>, never over an earlier one, and starts empty", async () => {
    await StateFile.open(path, { clock }).then((f) => f.close());
    writeFileSync(path, "garbage");
    const logs: string[] = [];
    const file = await StateFile.open(path, { clock, rebuild: true, log: (m) => logs.push(m) });
    const aside = `${path}.corrupt-20261126T100000Z`;
    expect(file.movedAsideTo).toBe(aside);
    expect(readFileSync(aside, "utf8")).toBe("garbage");
    expect(file.data.objects).toEqual([]);
    expect(logs).toContain(`moved ${path} aside as ${aside}; rebuilding the state`);
    await file.close();
    expect(await moveStateFileAside(path, T0)).toBe(`${aside}-1`);
    expect(await moveStateFileAside(path, T0)).toBeUndefined();
  });

  it("migrates an older format on open, keeping the original as <state>.v<N>.bak", async () => {
    const v1 = stateData([pod(1)]);
    const v0Text = JSON.stringify({ ...v1, formatVersion: 0, objects: { [objectKey(pod(1))]: pod(1) } });
    await StateFile.open(path, { clock }).then((f) => f.close());
    writeFileSync(path, v0Text);
    const logs: string[] = [];
    const file = await StateFile.open(path, { clock, log: (m) => logs.push(m) });
    expect(file.migratedFrom).toBe(0);
    expect(file.data.objects).toEqual([pod(1)]);
    expect(readFileSync(`${path}.v0.bak`, "utf8")).toBe(v0Text);
    expect((await readStateFile(path))?.data.formatVersion).toBe(1);
    expect(logs.some((l) => l.startsWith(`migrated ${path} from format 0`))).toBe(true);
    await file.close();
  });

  it("removes temp files a crashed writer left behind", async () => {
    await StateFile.open(path, { clock }).then((f) => f.close());
    writeFileSync(join(dir, "nested", ".state.json.tmp-999-abcdef"), "half a fi");
    writeFileSync(join(dir, "nested", "other.json"), "{}");
    const file = await StateFile.open(path, { clock });
    expect(readdirSync(join(dir, "nested")).sort()).toEqual(["other.json", "state.json", "state.json.lock"]);
    await file.close();
  });

  it("refuses to save what could not be loaded again, leaving the file as it was", async () => {
    const file = await StateFile.open(path, { clock });
    const before = readFileSync(path, "utf8");
    const broken = pod(1);
    delete broken.metadata.uid;
    file.scheduleSave(content([broken]));
    await expect(file.flush()).rejects.toThrow(
      "refusing to save a state that does not match schemas/state-file.json: at /objects/0/metadata: must have required property 'uid'",
    );
    expect(readFileSync(path, "utf8")).toBe(before);
    file.scheduleSave(content([pod(1)]));
    await file.close();
    expect((await readStateFile(path))?.data.objects).toEqual([pod(1)]);
  });

  it("reports a stale lock it took over", async () => {
    await StateFile.open(path, { clock }).then((f) => f.close()); // creates the directory
    const env: LockEnv = { pid: 100, hostname: "h1", now: () => T0, isProcessAlive: () => false };
    writeFileSync(
      `${path}.lock`,
      JSON.stringify({ pid: 4242, hostname: "h1", startedAt: "2026-11-25T08:00:00Z" }),
    );
    const logs: string[] = [];
    const file = await StateFile.open(path, { clock, lockEnv: env, log: (m) => logs.push(m) });
    expect(file.tookOverStaleLock?.holder?.pid).toBe(4242);
    expect(logs).toContain(
      `took over the stale lock ${path}.lock of pid 4242 (since 2026-11-25T08:00:00Z): pid 4242 is not running on this host`,
    );
    await file.close();
  });
});

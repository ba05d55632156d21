// Recovery with the real `berth run` process and the real engine: a container removed by hand comes
// back within selfHeal.interval; a clean restart adopts the running containers as they are; and a
// daemon killed with SIGKILL in the middle of a rolling update, restarted on the same state file,
// finishes it with no duplicate or orphaned container (counted by berth's labels on Docker, checked
// against the pods the API knows).

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cleanNamespace,
  containersOf,
  Daemon,
  deployment,
  sleep,
  suffix,
  TempRepo,
  until,
} from "./harness.js";

const ns = `rec-${suffix()}`;
const APP = "recovery";
const HEAL_INTERVAL_MS = 2000;
let dir: string;
let repo: TempRepo;
let daemon: Daemon | undefined;
let first = "";

const theDaemon = (): Daemon => {
  if (!daemon) throw new Error("the daemon did not start");
  return daemon;
};

const runningApps = () => containersOf(ns, "app").filter((c) => c.state === "running");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "berth-recovery-"));
  repo = new TempRepo(join(dir, "repo"));
  repo.write("web.yaml", deployment("web", "berth.local/web:1", 2));
  first = repo.commit("web v1");
  daemon = await Daemon.start({
    dir,
    sources: [
      `{name: ${APP}, repo: ${repo.dir}, path: m, namespace: ${ns}, pollInterval: 1h, selfHeal: {enabled: true, interval: ${HEAL_INTERVAL_MS}ms}}`,
    ],
  });
  await daemon.converged(APP, first);
});

afterAll(async () => {
  await daemon?.stop();
  cleanNamespace(ns, daemon?.node);
  rmSync(dir, { recursive: true, force: true });
});

describe("recovery", () => {
  it("puts back a container removed by hand within the self-heal interval", async () => {
    const before = await until("two running web containers", () => {
      const cs = runningApps();
      return cs.length === 2 ? cs : undefined;
    });
    const victim = before[0];
    if (!victim) throw new Error("no container");
    execFileSync("docker", ["rm", "-f", victim.id], { stdio: "ignore" });
    const removedAt = Date.now();
    const after = await until(
      "the removed container to be replaced",
      () => {
        const cs = runningApps();
        return cs.length === 2 && !cs.some((c) => c.id === victim.id) ? cs : undefined;
      },
      // The interval bounds when the drift is noticed; starting a container takes a moment more.
      HEAL_INTERVAL_MS + 5000,
    );
    const healedInMs = Date.now() - removedAt;
    expect(healedInMs).toBeLessThan(HEAL_INTERVAL_MS + 5000);
    expect(after.map((c) => c.image)).toEqual(["berth.local/web:1", "berth.local/web:1"]);
    expect(containersOf(ns, "sandbox")).toHaveLength(2);
    await theDaemon().converged(APP, first);
  });

  it("adopts its containers after a clean restart (SIGTERM) without restarting them", async () => {
    const d = theDaemon();
    const before = containersOf(ns)
      .map((c) => `${c.id} ${c.state}`)
      .sort();
    expect(before).toHaveLength(4);
    await d.stop("SIGTERM");
    await d.spawn();
    await d.converged(APP, first);
    // Give the agents a relist or two to act on anything they disliked.
    await sleep(HEAL_INTERVAL_MS * 2);
    expect(
      containersOf(ns)
        .map((c) => `${c.id} ${c.state}`)
        .sort(),
    ).toEqual(before);
  });

  it("finishes a rollout interrupted by SIGKILL after a restart, with no duplicate or orphan", async () => {
    const d = theDaemon();
    // minReadySeconds makes each step of the rollout wait, so there is a "middle" to kill it in.
    repo.write("web.yaml", deployment("web", "berth.local/web:2", 2, "  minReadySeconds: 3\n"));
    const second = repo.commit("web v2");
    await until(
      "the rollout to be half-way (web:2 running next to web:1)",
      () => {
        const images = runningApps().map((c) => c.image);
        return images.includes("berth.local/web:2") && images.includes("berth.local/web:1")
          ? true
          : undefined;
      },
      30_000,
    );
    await d.stop("SIGKILL");
    expect(runningApps().map((c) => c.image)).toContain("berth.local/web:1");

    await d.spawn();
    await d.converged(APP, second);
    const apps = await until("exactly two web:2 containers", () => {
      const cs = containersOf(ns, "app");
      return cs.length === 2 && cs.every((c) => c.image === "berth.local/web:2" && c.state === "running")
        ? cs
        : undefined;
    });
    // Every container belongs to a pod the daemon knows, each pod has one sandbox and one app
    // container, and there are exactly as many pods as replicas.
    // A replaced pod may stay in the store a moment after its containers are gone (terminating).
    const podNames = await until("the API to list exactly two pods", async () => {
      const pods = await d.get<{ items: { metadata: { name: string } }[] }>(
        `/api/v1/objects?kind=pod&namespace=${ns}`,
      );
      return pods.items.length === 2 ? pods.items.map((p) => p.metadata.name).sort() : undefined;
    });
    expect(apps.map((c) => c.pod).sort()).toEqual(podNames);
    expect(
      containersOf(ns, "sandbox")
        .map((c) => c.pod)
        .sort(),
    ).toEqual(podNames);
    expect(containersOf(ns)).toHaveLength(4);
    const replicaSets = await d.get<{ items: { spec: { replicas: number } }[] }>(
      `/api/v1/objects?kind=rs&namespace=${ns}`,
    );
    expect(replicaSets.items.map((rs) => rs.spec.replicas).sort()).toEqual([0, 2]);
  });
});

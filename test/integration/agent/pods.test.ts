// One node agent on the default engine runs pods through their whole life: readiness, restart
// policies with crash-loop back-off, liveness restarts, init containers, image pull failures and
// graceful deletion. Backoffs and intervals are shrunk (harness FAST).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idOf } from "../../../src/manifest/identity.js";
import type { ContainerStatus, Pod } from "../../../src/manifest/types.js";
import type { NodeAgent } from "../../../src/runtime/agent/node-agent.js";
import { exec } from "../../../src/runtime/docker/exec.js";
import { LABEL } from "../../../src/runtime/labels.js";
import { condition, makeRig, sh, web, type Rig } from "./harness.js";

let rig: Rig;
let agent: NodeAgent;

beforeAll(async () => {
  rig = makeRig();
  agent = await rig.agent(rig.node("n1"));
});
afterAll(async () => {
  await rig.cleanup();
});

function create(pod: Pod): Pod {
  pod.spec.nodeName = agent.name;
  return rig.store.create(pod);
}

function status(name: string, container = name): ContainerStatus | undefined {
  return rig.get(name)?.status?.containerStatuses?.find((s) => s.name === container);
}

async function containersOf(
  uid: string,
): Promise<{ Id: string; State: string; Labels: Record<string, string> }[]> {
  return rig.docker().listContainers({ all: true, filters: { label: [`${LABEL.podUid}=${uid}`] } });
}

describe("a pod on the node", () => {
  it("runs and becomes Ready through its readiness probe, with the status filled in", async () => {
    create(
      rig.pod("ready", {
        containers: [
          web("web", {
            readinessProbe: {
              httpGet: { path: "/version", port: 80 },
              periodSeconds: 1,
              initialDelaySeconds: 1,
            },
          }),
        ],
      }),
    );
    // Not ready before the first probe (initial delay 1 s).
    const running = await rig.waitFor(
      "running",
      () => status("ready", "web")?.state.running && rig.get("ready"),
    );
    expect(condition(running, "Ready")).toBe("False");
    const pod = await rig.waitFor(
      "Ready",
      () => condition(rig.get("ready"), "Ready") === "True" && rig.get("ready"),
    );
    const s = pod.status;
    expect(s?.phase).toBe("Running");
    expect(s?.hostIP).toBe("127.0.0.1");
    expect(s?.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(s?.podIPs).toEqual([{ ip: s?.podIP }]);
    expect(s?.startTime).toBeDefined();
    expect(s?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      "PodReadyToStartContainers=True",
      "Initialized=True",
      "Ready=True",
      "ContainersReady=True",
      "PodScheduled=True",
    ]);
    const web1 = s?.containerStatuses?.[0];
    expect(web1).toMatchObject({
      name: "web",
      ready: true,
      started: true,
      restartCount: 0,
      image: "berth.local/web:1",
    });
    expect(web1?.containerID).toMatch(/^docker:\/\/[0-9a-f]{64}$/);
    expect(web1?.imageID).toMatch(/^docker:\/\/sha256:/);
    expect(rig.eventsFor("ready").map((e) => e.reason)).toEqual(
      expect.arrayContaining(["Pulled", "Created", "Started"]),
    );
  });

  it("restarts a crashing container with back-off (restartPolicy Always): CrashLoopBackOff", async () => {
    create(rig.pod("crash", { containers: [sh("c", "echo crashing; exit 3")] }));
    const waiting = await rig.waitFor("CrashLoopBackOff", () => {
      const s = status("crash", "c");
      return s?.state.waiting?.reason === "CrashLoopBackOff" && s.restartCount >= 1 ? s : undefined;
    });
    expect(waiting.state.waiting?.message).toMatch(/^back-off \d+s restarting failed container=c pod=crash_/);
    expect(waiting.lastState.terminated).toMatchObject({ exitCode: 3, reason: "Error" });
    const back = rig.eventsFor("crash").find((e) => e.reason === "BackOff");
    expect(back?.message).toMatch(/^Back-off restarting failed container c in pod crash_/);
    // It keeps being restarted, each attempt a new container; older exited ones are cleaned up.
    await rig.waitFor("restart 3", () => (status("crash", "c")?.restartCount ?? 0) >= 3, 30_000);
    const uid = rig.get("crash")?.metadata.uid ?? "";
    const left = (await containersOf(uid)).filter((c) => c.Labels[LABEL.role] === "app");
    expect(left.length).toBeLessThanOrEqual(2);
  });

  it("OnFailure restarts until success, then the pod Succeeds; Never does not restart", async () => {
    const flaky = "if [ -f /data/ran ]; then exit 0; fi; touch /data/ran; exit 1";
    create(
      rig.pod("onfailure", {
        restartPolicy: "OnFailure",
        volumes: [{ name: "data", emptyDir: {} }],
        containers: [sh("job", flaky, { volumeMounts: [{ name: "data", mountPath: "/data" }] })],
      }),
    );
    create(rig.pod("never", { restartPolicy: "Never", containers: [sh("job", "exit 1")] }));
    const done = await rig.waitFor(
      "Succeeded",
      () => rig.get("onfailure")?.status?.phase === "Succeeded" && rig.get("onfailure"),
    );
    expect(done.status?.containerStatuses?.[0]).toMatchObject({
      restartCount: 1,
      state: { terminated: { exitCode: 0, reason: "Completed" } },
    });
    const failed = await rig.waitFor(
      "Failed",
      () => rig.get("never")?.status?.phase === "Failed" && rig.get("never"),
    );
    expect(failed.status?.containerStatuses?.[0]).toMatchObject({
      restartCount: 0,
      state: { terminated: { exitCode: 1, reason: "Error" } },
    });
  });

  it("restarts a container whose liveness probe fails", async () => {
    create(
      rig.pod("live", {
        containers: [
          web("web", {
            livenessProbe: { httpGet: { path: "/missing", port: 80 }, periodSeconds: 1, failureThreshold: 2 },
          }),
        ],
      }),
    );
    await rig.waitFor("a liveness restart", () => (status("live", "web")?.restartCount ?? 0) >= 1);
    const reasons = rig.eventsFor("live");
    expect(reasons).toContainEqual(
      expect.objectContaining({
        reason: "Unhealthy",
        message: "Liveness probe failed: HTTP probe failed with statuscode: 404",
      }),
    );
    expect(reasons).toContainEqual(
      expect.objectContaining({
        reason: "Killing",
        message: "Container web failed liveness probe, will be restarted",
      }),
    );
  });

  it("runs init containers one after another before the app", async () => {
    const mount = { volumeMounts: [{ name: "work", mountPath: "/work" }] };
    create(
      rig.pod("init", {
        volumes: [{ name: "work", emptyDir: {} }],
        initContainers: [
          sh("first", "sleep 0.3; echo first >> /work/order", mount),
          sh("second", "echo second >> /work/order", mount),
        ],
        containers: [sh("app", "trap 'exit 0' TERM; while true; do sleep 0.2; done", mount)],
      }),
    );
    const pod = await rig.waitFor(
      "app running",
      () => status("init", "app")?.state.running && rig.get("init"),
    );
    expect(pod.status?.initContainerStatuses?.map((s) => [s.name, s.state.terminated?.reason])).toEqual([
      ["first", "Completed"],
      ["second", "Completed"],
    ]);
    const id = (status("init", "app")?.containerID ?? "").replace("docker://", "");
    const r = await exec(rig.docker(), id, ["cat", "/work/order"], 5_000);
    expect(r.output).toBe("first\nsecond\n");
  });

  it("shows ErrImagePull, then ImagePullBackOff, for an image that cannot be pulled", async () => {
    create(rig.pod("noimage", { containers: [{ name: "c", image: "berth.local/does-not-exist:1" }] }));
    const first = await rig.waitFor(
      "ErrImagePull",
      () => status("noimage", "c")?.state.waiting?.reason === "ErrImagePull" && status("noimage", "c"),
    );
    expect(first.state.waiting?.message).toMatch(/^Failed to pull image "berth.local\/does-not-exist:1"/);
    await rig.waitFor(
      "ImagePullBackOff",
      () => status("noimage", "c")?.state.waiting?.reason === "ImagePullBackOff",
    );
    expect(rig.get("noimage")?.status?.phase).toBe("Pending");
    const reasons = rig.eventsFor("noimage").map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(["Pulling", "Failed", "BackOff"]));
    // The agent carries on with other pods.
    expect(agent.health.ready).toBe(true);
  });

  it("deletes gracefully: SIGTERM first, SIGKILL after the grace period, then the pod leaves the store", async () => {
    const stubborn = create(
      rig.pod("stubborn", {
        terminationGracePeriodSeconds: 3,
        containers: [sh("c", "trap 'echo got TERM' TERM; while true; do sleep 0.1; done")],
      }),
    );
    const polite = create(
      rig.pod("polite", {
        terminationGracePeriodSeconds: 30,
        containers: [sh("c", "trap 'exit 0' TERM; while true; do sleep 0.1; done")],
      }),
    );
    await rig.waitFor(
      "both running",
      () => status("stubborn", "c")?.state.running && status("polite", "c")?.state.running,
    );
    const started = Date.now();
    rig.store.requestDelete(idOf(stubborn));
    rig.store.requestDelete(idOf(polite));
    expect(rig.get("stubborn")?.metadata.deletionTimestamp).toBeDefined();
    await rig.waitFor("polite gone", () => rig.get("polite") === undefined);
    // TERM came first: the polite pod left long before its 30 s grace period.
    expect(Date.now() - started).toBeLessThan(10_000);
    await rig.waitFor("stubborn gone", () => rig.get("stubborn") === undefined);
    // The stubborn one ignored TERM and was killed once its 3 s were up.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    expect(await containersOf(stubborn.metadata.uid ?? "")).toEqual([]);
    expect(await containersOf(polite.metadata.uid ?? "")).toEqual([]);
    expect(rig.eventsFor("stubborn")).toContainEqual(
      expect.objectContaining({ reason: "Killing", message: "Stopping container c" }),
    );
  });
});

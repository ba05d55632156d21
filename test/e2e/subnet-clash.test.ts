// A network that appears on the engine after berth started (another tool, another berth) may take
// the subnet berth would give a new namespace. berth scanned the engine's networks at start, so it
// picks that subnet, and Docker refuses to create the namespace network on every retry: the pods of
// the namespace never start. berth must notice, pick a free subnet and carry on — the Service's
// cluster IP moving with it. The real `berth run` process, a real repository, the real engine.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanNamespace, containersOf, Daemon, deployment, suffix, TempRepo, until } from "./harness.js";

const ns = `clash-${suffix()}`;
const APP = "clash";
const foreign = `e2e-foreign-${suffix()}`;
let dir: string;
let repo: TempRepo;
let daemon: Daemon | undefined;
let range = { first: "", second: "", whole: "" };

/** Subnets of every network on the engine. */
function engineSubnets(): string[] {
  const ids = execFileSync("docker", ["network", "ls", "-q"], { encoding: "utf8" }).split("\n");
  return ids
    .filter((id) => id !== "")
    .flatMap((id) =>
      execFileSync(
        "docker",
        ["network", "inspect", id, "--format", "{{range .IPAM.Config}}{{.Subnet}} {{end}}"],
        {
          encoding: "utf8",
        },
      )
        .trim()
        .split(" "),
    )
    .filter((s) => s !== "");
}

/** A /20 of 10.112.0.0/12 no network uses (services.networkRange: two namespace /21s). */
function unusedRange(): typeof range {
  const used = engineSubnets();
  for (let i = 0; i < 256; i++) {
    const second = 112 + Math.floor(Math.random() * 16);
    const third = Math.floor(Math.random() * 16) * 16;
    const prefix = `10.${second}.`;
    // Coarse but safe: a /16 with any network in it is skipped whole.
    if (used.some((s) => s.startsWith(prefix))) continue;
    return {
      whole: `${prefix}${third}.0/20`,
      first: `${prefix}${third}.0/21`,
      second: `${prefix}${third + 8}.0/21`,
    };
  }
  throw new Error("no unused /20 found in 10.112.0.0/12");
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "berth-clash-"));
  range = unusedRange();
  repo = new TempRepo(join(dir, "repo"));
  repo.write("settings.yaml", `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n`);
  const first = repo.commit("config only");
  daemon = await Daemon.start({
    dir,
    sources: [`{name: ${APP}, repo: ${repo.dir}, path: m, namespace: ${ns}, pollInterval: 1h}`],
    extra: `services: {networkRange: ${range.whole}}\n`,
  });
  // Running, engine scanned, and no network for the namespace yet (no pod, no Service).
  await daemon.converged(APP, first);
});

afterAll(async () => {
  await daemon?.stop();
  cleanNamespace(ns, daemon?.node);
  spawnSync("docker", ["network", "rm", foreign], { stdio: "ignore" });
  rmSync(dir, { recursive: true, force: true });
});

describe("a subnet taken after berth started", () => {
  it("gives the namespace a free subnet and starts its pods", async () => {
    const d = daemon;
    if (!d) throw new Error("the daemon did not start");
    // The lowest subnet of the range: what berth picks for the first namespace.
    execFileSync("docker", ["network", "create", "--subnet", range.first, foreign], { stdio: "ignore" });
    repo.write("web.yaml", deployment("web", "berth.local/web:1", 1));
    repo.write(
      "svc.yaml",
      `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n`,
    );
    const sha = repo.commit("web and its service");
    await d.converged(APP, sha, 60_000);
    await until("the web container to run", () =>
      containersOf(ns, "app").some((c) => c.state === "running") ? true : undefined,
    );
    const subnet = execFileSync(
      "docker",
      ["network", "inspect", `berth-ns-${ns}`, "--format", "{{range .IPAM.Config}}{{.Subnet}}{{end}}"],
      { encoding: "utf8" },
    ).trim();
    expect(subnet).toBe(range.second);
    const svc = await d.get<{ items: { spec: { clusterIP?: string } }[] }>(
      `/api/v1/objects?kind=svc&namespace=${ns}&name=web`,
    );
    const ip = svc.items[0]?.spec.clusterIP ?? "";
    // The cluster IP comes from the upper half of the namespace's new subnet.
    const third = Number(range.second.split(".")[2]);
    expect(ip.startsWith(`${range.second.split(".").slice(0, 2).join(".")}.${third + 4}.`)).toBe(true);
  });
});

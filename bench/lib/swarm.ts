// A Docker Swarm service on one engine for the rollout benchmark: created, updated and removed with
// the docker CLI (what an operator types), observed through the tasks API. Scaled down one task at
// a time before removal, since many containers leaving a network at once can deadlock Docker 20.10
// (moby#46661).

import { execFileSync } from "node:child_process";
import Docker from "dockerode";
import { until } from "./berth-daemon.js";

export class SwarmService {
  readonly docker: Docker;
  private joined = false;
  private created = false;
  /** swarm init creates docker_gwbridge; removed at the end unless it was there before. */
  private gwbridgeWasThere = true;

  constructor(
    private readonly socket: string,
    private readonly advertiseAddr: string,
    readonly name: string,
  ) {
    this.docker = new Docker({ socketPath: socket, version: "v1.41" });
  }

  private cli(...args: string[]): string {
    return execFileSync("docker", ["-H", `unix://${this.socket}`, ...args], { encoding: "utf8" });
  }

  /** Joins the engine to a new single-node swarm; refuses an engine already in one (not ours). */
  async init(): Promise<void> {
    const info = (await this.docker.info()) as { Swarm?: { LocalNodeState?: string } };
    if (info.Swarm?.LocalNodeState !== "inactive")
      throw new Error(
        `engine ${this.socket} is already in a swarm (${info.Swarm?.LocalNodeState}); not touching it`,
      );
    this.gwbridgeWasThere = (await this.docker.listNetworks({ filters: { name: ["docker_gwbridge"] } })).some(
      (n) => n.Name === "docker_gwbridge",
    );
    this.cli("swarm", "init", "--advertise-addr", this.advertiseAddr);
    this.joined = true;
  }

  /** The image's ID: swarm tries to pull a tag before every task (and here, with no registry,
   * waits ~1 min for that to fail); an image given by ID is used as it is, as berth's
   * IfNotPresent does. */
  async imageId(image: string): Promise<string> {
    return ((await this.docker.getImage(image).inspect()) as { Id: string }).Id;
  }

  create(replicas: number, image: string, parallelism: number): void {
    this.cli(
      "service",
      "create",
      "--detach",
      "--quiet",
      "--name",
      this.name,
      "--replicas",
      String(replicas),
      "--no-resolve-image",
      "--update-parallelism",
      String(parallelism),
      "--update-delay",
      "0s",
      "--update-order",
      "stop-first",
      "--stop-grace-period",
      "5s",
      image,
    );
    this.created = true;
  }

  /** Starts a rolling update to `image` and returns at once (the timing is the caller's). */
  updateImage(image: string): void {
    this.cli("service", "update", "--detach", "--quiet", "--no-resolve-image", "--image", image, this.name);
  }

  private async tasks(): Promise<{ image: string; state: string; desired: string }[]> {
    const list = (await this.docker.listTasks({ filters: { service: [this.name] } })) as {
      Status?: { State?: string };
      DesiredState?: string;
      Spec?: { ContainerSpec?: { Image?: string } };
    }[];
    return list.map((t) => ({
      image: t.Spec?.ContainerSpec?.Image ?? "",
      state: t.Status?.State ?? "",
      desired: t.DesiredState ?? "",
    }));
  }

  /** performance.now() once exactly `count` tasks run, all of `image`, and no other task runs. */
  async allRunning(count: number, image: string, timeoutMs: number): Promise<number> {
    return until(`${count} swarm tasks running ${image}`, timeoutMs, async () => {
      const running = (await this.tasks()).filter((t) => t.state === "running");
      return running.length === count && running.every((t) => t.image === image)
        ? performance.now()
        : undefined;
    });
  }

  /** The service's UpdateStatus.State ("updating", "completed", ...). */
  async updateState(): Promise<string | undefined> {
    const s = (await this.docker.getService(this.name).inspect()) as { UpdateStatus?: { State?: string } };
    return s.UpdateStatus?.State;
  }

  /** Scales down one task at a time, removes the service, leaves the swarm. */
  async remove(from: number): Promise<void> {
    if (this.created) {
      for (let n = from - 1; n >= 0; n--) {
        this.cli("service", "scale", "--detach", `${this.name}=${n}`);
        await until(`${n} tasks`, 60_000, async () => {
          const live = (await this.tasks()).filter((t) =>
            ["running", "starting", "preparing"].includes(t.state),
          );
          return live.length <= n ? true : undefined;
        });
      }
      this.cli("service", "rm", this.name);
      this.created = false;
    }
    if (this.joined) {
      this.cli("swarm", "leave", "--force");
      this.joined = false;
      if (!this.gwbridgeWasThere)
        await this.docker
          .getNetwork("docker_gwbridge")
          .remove()
          .catch(() => undefined);
    }
  }
}

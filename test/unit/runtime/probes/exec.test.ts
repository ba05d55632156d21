import { afterEach, describe, expect, it, vi } from "vitest";
import { probeExec } from "../../../../src/runtime/probes/exec.js";
import { runProbe } from "../../../../src/runtime/probes/run.js";
import { resolveProbePort } from "../../../../src/runtime/probes/port.js";
import type { ExecFn } from "../../../../src/runtime/probes/types.js";
import type { Container, Pod } from "../../../../src/manifest/types.js";

const web: Container = {
  name: "web",
  image: "berth.local/web:1",
  ports: [
    { name: "http", containerPort: 8080 },
    { name: "admin", containerPort: 9090 },
  ],
};
const pod: Pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "default" },
  spec: { containers: [web] },
};

describe("exec probe", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("succeeds on exit code 0 and passes container, command and timeout through", async () => {
    const calls: unknown[] = [];
    const exec: ExecFn = async (id, cmd, timeout) => {
      calls.push([id, cmd, timeout]);
      return { exitCode: 0, output: "ok\n" };
    };
    expect(await probeExec(exec, "c1", ["cat", "/tmp/healthy"], 3)).toEqual({
      result: "success",
      output: "ok\n",
    });
    expect(calls).toEqual([["c1", ["cat", "/tmp/healthy"], 3]]);
  });

  it("fails on any other exit code, with the output", async () => {
    const exec: ExecFn = async () => ({ exitCode: 1, output: "cat: can't open '/tmp/healthy'" });
    expect(await probeExec(exec, "c1", ["cat", "/tmp/healthy"], 1)).toEqual({
      result: "failure",
      output: "cat: can't open '/tmp/healthy'",
    });
  });

  it("fails when the exec reports a timeout", async () => {
    const exec: ExecFn = async () => ({ exitCode: -1, output: "", timedOut: true });
    expect(await probeExec(exec, "c1", ["sleep", "5"], 1)).toEqual({
      result: "failure",
      output: 'command "sleep 5" timed out',
    });
  });

  it("fails when the exec does not answer within the timeout", async () => {
    vi.useFakeTimers();
    const exec: ExecFn = () => new Promise(() => undefined);
    const pending = probeExec(exec, "c1", ["sleep", "60"], 2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await pending).toEqual({ result: "failure", output: 'command "sleep 60" timed out' });
  });

  it("reports an error (thrown away by the tracker) when the exec itself fails", async () => {
    const exec: ExecFn = async () => {
      throw new Error("No such container: c1");
    };
    expect(await probeExec(exec, "c1", ["true"], 1)).toEqual({
      result: "error",
      output: "No such container: c1",
    });
  });

  it("keeps at most 10 KiB of output", async () => {
    const exec: ExecFn = async () => ({ exitCode: 1, output: "x".repeat(20_000) });
    const outcome = await probeExec(exec, "c1", ["true"], 1);
    expect(outcome.output).toHaveLength(10 * 1024);
  });
});

describe("runProbe", () => {
  it("runs exec probes through the target's exec", async () => {
    const exec: ExecFn = async (_id, cmd) => ({ exitCode: cmd[0] === "true" ? 0 : 1, output: "" });
    const target = { pod, container: web, containerId: "c1", exec };
    expect((await runProbe({ exec: { command: ["true"] } }, target)).result).toBe("success");
    expect((await runProbe({ exec: { command: ["false"] } }, target)).result).toBe("failure");
    expect(
      (await runProbe({ exec: { command: ["true"] } }, { pod, container: web, containerId: "c1" })).result,
    ).toBe("error");
  });

  it("an unknown named port is an error, not a failure", async () => {
    const outcome = await runProbe(
      { tcpSocket: { port: "metrics" } },
      { pod, container: web, containerId: "c1", podIP: "127.0.0.1" },
    );
    expect(outcome).toEqual({
      result: "error",
      output:
        "port metrics not found in container web (name a port listed under the container's ports, or give a number) [E_PROBE_PORT]",
    });
  });

  it("a probe without a handler is an error", async () => {
    expect((await runProbe({}, { pod, container: web, containerId: "c1" })).result).toBe("error");
  });
});

describe("probe ports", () => {
  it("resolves names through the container's ports, numbers as they are", () => {
    expect(resolveProbePort("http", web)).toBe(8080);
    expect(resolveProbePort("admin", web)).toBe(9090);
    expect(resolveProbePort(81, web)).toBe(81);
    expect(resolveProbePort("8081", web)).toBe(8081);
    expect(() => resolveProbePort("metrics", web)).toThrow("port metrics not found in container web");
    expect(() => resolveProbePort(70_000, web)).toThrow("invalid port number: 70000");
  });
});

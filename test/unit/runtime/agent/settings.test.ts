import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../../src/config/load.js";
import { endpointOf, policyFromConfig, settingsFromConfig } from "../../../../src/runtime/agent/settings.js";

describe("agent settings from berth.yaml", () => {
  it("takes the runtime section's timings, with overrides on top", () => {
    const config = defaultConfig({});
    const s = settingsFromConfig(config, { relistIntervalMs: 1_000 });
    expect(s).toMatchObject({
      heartbeatIntervalMs: 5_000,
      heartbeatFailureThreshold: 3,
      relistIntervalMs: 1_000,
      fullResyncMs: 300_000,
      lifecycle: { crashLoopInitialMs: 10_000, crashLoopMaxMs: 300_000, imagePullInitialMs: 10_000 },
    });
    expect(policyFromConfig(config.runtime)).toEqual({
      allowHostPath: false,
      allowPrivileged: false,
      allowHostNetwork: false,
    });
  });

  it("turns a configured endpoint into the runtime's", () => {
    const node = defaultConfig({}).nodes[0];
    expect(node && endpointOf(node)).toEqual({ url: "unix:///var/run/docker.sock" });
    const tls = {
      kind: "tcp" as const,
      url: "tcp://h:2376",
      host: "h",
      port: 2376,
      tls: { ca: "/c", cert: "/e", key: "/k" },
    };
    expect(node && endpointOf({ ...node, endpoint: tls })).toEqual({
      url: "tcp://h:2376",
      tls: { ca: "/c", cert: "/e", key: "/k" },
    });
  });
});

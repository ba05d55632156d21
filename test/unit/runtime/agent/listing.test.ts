import { describe, expect, it } from "vitest";
import { humanDurationMs, listingAgrees } from "../../../../src/runtime/agent/listing.js";
import type { ObservedContainer } from "../../../../src/runtime/observed.js";

const NOW = Date.parse("2026-01-01T12:00:00Z");

function obs(extra: Partial<ObservedContainer>): ObservedContainer {
  return {
    id: "c1",
    dockerName: "berth_default_web_web_0",
    podUid: "u",
    podName: "web",
    namespace: "default",
    name: "web",
    role: "app",
    attempt: 0,
    specHash: "h",
    state: "running",
    exitCode: 0,
    oomKilled: false,
    image: "x",
    imageId: "docker://sha256:1",
    createdAt: "2026-01-01T11:00:00Z",
    ports: [],
    labels: {},
    ...extra,
  };
}

const ago = (ms: number): string => new Date(NOW - ms).toISOString();

describe("Docker's human durations", () => {
  it("reads every form units.HumanDuration writes", () => {
    expect(humanDurationMs("Less than a second")).toEqual({ ms: 0, granularityMs: 1_000 });
    expect(humanDurationMs("1 second")).toEqual({ ms: 1_000, granularityMs: 1_000 });
    expect(humanDurationMs("42 seconds")?.ms).toBe(42_000);
    expect(humanDurationMs("About a minute")?.ms).toBe(60_000);
    expect(humanDurationMs("7 minutes")).toEqual({ ms: 420_000, granularityMs: 60_000 });
    expect(humanDurationMs("About an hour")?.ms).toBe(3_600_000);
    expect(humanDurationMs("5 hours")?.ms).toBe(18_000_000);
    expect(humanDurationMs("3 days")?.ms).toBe(3 * 86_400_000);
    expect(humanDurationMs("2 weeks")?.granularityMs).toBe(7 * 86_400_000);
    expect(humanDurationMs("4 months")?.ms).toBe(4 * 30 * 86_400_000);
    expect(humanDurationMs("2 years")?.ms).toBe(2 * 365 * 86_400_000);
    expect(humanDurationMs("soon")).toBeUndefined();
  });
});

describe("does the listing agree with the last inspection", () => {
  it("a running container whose uptime matches its start", () => {
    const c = obs({ startedAt: ago(7 * 60_000 + 20_000) });
    expect(listingAgrees(c, "running", "Up 7 minutes", NOW)).toBe(true);
    expect(listingAgrees(c, "running", "Up 7 minutes (healthy)", NOW)).toBe(true);
    expect(listingAgrees(obs({ startedAt: ago(12_000) }), "running", "Up 11 seconds", NOW)).toBe(true);
    expect(listingAgrees(obs({ startedAt: ago(80 * 60_000) }), "running", "About an hour", NOW)).toBe(false);
    expect(listingAgrees(obs({ startedAt: ago(80 * 60_000) }), "running", "Up About an hour", NOW)).toBe(
      true,
    );
  });

  it("a container restarted by hand since (its uptime is younger than its known start)", () => {
    const c = obs({ startedAt: ago(7 * 60_000) });
    expect(listingAgrees(c, "running", "Up 2 seconds", NOW)).toBe(false);
  });

  it("a container that exited, or exited again with another code or at another time", () => {
    expect(listingAgrees(obs({ startedAt: ago(60_000) }), "exited", "Exited (1) 2 seconds ago", NOW)).toBe(
      false,
    );
    const exited = obs({ state: "exited", exitCode: 1, finishedAt: ago(5 * 60_000) });
    expect(listingAgrees(exited, "exited", "Exited (1) 5 minutes ago", NOW)).toBe(true);
    expect(listingAgrees(exited, "exited", "Exited (2) 5 minutes ago", NOW)).toBe(false);
    expect(listingAgrees(exited, "exited", "Exited (1) 3 seconds ago", NOW)).toBe(false);
  });

  it("anything unusual is inspected", () => {
    expect(listingAgrees(obs({ state: "created" }), "created", "Created", NOW)).toBe(true);
    expect(
      listingAgrees(obs({ startedAt: ago(1000) }), "restarting", "Restarting (1) 1 second ago", NOW),
    ).toBe(false);
    expect(listingAgrees(obs({ state: "dead" }), "dead", "Dead", NOW)).toBe(false);
    expect(listingAgrees(obs({}), "running", "Up 3 minutes", NOW)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { Pod } from "../../../../src/manifest/types.js";
import { terminationPreset, type TerminationTarget } from "../../../../src/runtime/docker/termination.js";

const pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p", namespace: "default", uid: "u" },
  spec: {
    initContainers: [{ name: "setup", image: "x" }],
    containers: Array.from({ length: 16 }, (_, i) => ({ name: `c${i}`, image: "x" })),
  },
} as unknown as Pod;

function target(over: Partial<TerminationTarget>): TerminationTarget {
  return {
    sandboxId: "sb",
    sandbox: { attempt: 0, terminationDir: "/v/_data" },
    pod,
    container: "c0",
    attempt: 0,
    ...over,
  };
}

describe("terminationPreset", () => {
  it("gives the first attempts in the pod's first sandbox the preset of their index, init containers first", () => {
    expect(terminationPreset(target({ container: "setup" }))).toBe("/v/_data/preset-0");
    expect(terminationPreset(target({ container: "c0" }))).toBe("/v/_data/preset-1");
    expect(terminationPreset(target({ container: "c14" }))).toBe("/v/_data/preset-15");
  });

  it("gives none past the presets, to a restart, in a replaced sandbox, or without the volume's directory", () => {
    expect(terminationPreset(target({ container: "c15" }))).toBeUndefined();
    expect(terminationPreset(target({ attempt: 1 }))).toBeUndefined();
    expect(
      terminationPreset(target({ sandbox: { attempt: 1, terminationDir: "/v/_data" } })),
    ).toBeUndefined();
    expect(terminationPreset(target({ sandbox: { attempt: 0 } }))).toBeUndefined();
    const { sandbox: _, ...noSandbox } = target({});
    expect(terminationPreset(noSandbox)).toBeUndefined();
    expect(terminationPreset(target({ container: "unknown" }))).toBeUndefined();
  });
});

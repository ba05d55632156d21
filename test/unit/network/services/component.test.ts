import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../../src/config/load.js";
import { serviceNodes } from "../../../../src/network/services/component.js";
import { UNORDERED, type SandboxGate } from "../../../../src/runtime/agent/network-gate.js";

describe("serviceNodes", () => {
  it("hands each node the gate of its own engine, asked when used", () => {
    const base = defaultConfig({});
    const local = base.nodes[0];
    if (!local) throw new Error("the default config has a local node");
    const config = {
      ...base,
      nodes: [
        { ...local, name: "a" },
        { ...local, name: "b" },
      ],
    };
    const gates = new Map<string, SandboxGate>();
    const asked: string[] = [];
    const nodes = serviceNodes(config, (node) => {
      asked.push(node);
      return gates.get(node) ?? UNORDERED;
    });
    expect(asked).toEqual([]);
    const gateB: SandboxGate = { join: (op) => op(), leave: (op) => op() };
    gates.set("b", gateB);
    expect(nodes.map((n) => n.gate?.())).toEqual([UNORDERED, gateB]);
    expect(asked).toEqual(["a", "b"]);
    expect(serviceNodes(config).every((n) => n.gate === undefined)).toBe(true);
  });
});

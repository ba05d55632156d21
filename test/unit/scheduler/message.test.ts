import { describe, expect, it } from "vitest";
import { fitErrorMessage, NO_NODES_MESSAGE } from "../../../src/scheduler/message.js";
import type { NodeReasons } from "../../../src/scheduler/types.js";

const r = (node: string, ...reasons: string[]): NodeReasons => ({ node, reasons });

describe("fitErrorMessage", () => {
  const cases: [string, number, NodeReasons[], string][] = [
    [
      "the histogram, sorted as strings",
      3,
      [
        r("n1", "node(s) had untolerated taint {dedicated: gpu}"),
        r("n2", "Insufficient memory"),
        r("n3", "Insufficient memory"),
      ],
      "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient memory.",
    ],
    [
      "one node contributing several reasons",
      2,
      [r("n1", "Insufficient cpu", "Insufficient memory"), r("n2", "Insufficient memory")],
      "0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory.",
    ],
    [
      "string order, not numeric: 10 sorts before 2",
      12,
      [
        ...Array.from({ length: 10 }, (_, i) => r(`a${i}`, "Insufficient cpu")),
        r("b1", "node(s) were unschedulable"),
        r("b2", "node(s) were unschedulable"),
      ],
      "0/12 nodes are available: 10 Insufficient cpu, 2 node(s) were unschedulable.",
    ],
    [
      "a single reason",
      1,
      [r("n1", "node(s) didn't match Pod's node affinity/selector")],
      "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.",
    ],
    ["no nodes at all", 0, [], NO_NODES_MESSAGE],
  ];
  it.each(cases)("%s", (_name, total, reasons, want) => {
    expect(fitErrorMessage(total, reasons)).toBe(want);
  });

  it("is kube-scheduler's wording when there are no nodes", () => {
    expect(NO_NODES_MESSAGE).toBe("no nodes available to schedule pods");
  });
});

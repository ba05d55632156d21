import { describe, expect, it } from "vitest";
import { closest, editDistance } from "../../../src/util/edit-distance.js";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent transpositions as one edit", () => {
    expect(editDistance("image", "image")).toBe(0);
    expect(editDistance("image", "images")).toBe(1);
    expect(editDistance("image", "imag")).toBe(1);
    expect(editDistance("image", "imaqe")).toBe(1);
    expect(editDistance("contianers", "containers")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});

describe("closest", () => {
  it("picks the nearest candidate within the limit", () => {
    expect(closest("replica", ["replicas", "selector"])).toBe("replicas");
    expect(closest("NodeSelector", ["nodeName", "nodeSelector"])).toBe("nodeSelector");
    expect(closest("IMAGE", ["image"])).toBe("image");
    expect(closest("sidecarMode", ["image", "name"])).toBeUndefined();
    expect(closest("image", ["image"])).toBeUndefined();
  });
});

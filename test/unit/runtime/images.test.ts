import { describe, expect, it } from "vitest";
import { defaultPullPolicy, normalizedImage, parseImageRef } from "../../../src/runtime/images.js";

const digest = `sha256:${"a".repeat(64)}`;

describe("image references", () => {
  it.each([
    ["nginx", { repository: "nginx" }],
    ["nginx:1.25", { repository: "nginx", tag: "1.25" }],
    ["berth.local/web:1", { repository: "berth.local/web", tag: "1" }],
    ["localhost:5000/team/app:v2", { repository: "localhost:5000/team/app", tag: "v2" }],
    [`app@${digest}`, { repository: "app", digest }],
    [`reg.io/app:1@${digest}`, { repository: "reg.io/app", tag: "1", digest }],
  ])("parses %s", (image, expected) => {
    expect(parseImageRef(image)).toEqual(expected);
  });

  it.each(["", "Nginx", "a b", "app:", "app@sha256:short", "-x", "a//b"])("rejects %j", (image) => {
    expect(parseImageRef(image)).toBeUndefined();
  });

  it("defaults the pull policy like Kubernetes", () => {
    expect(defaultPullPolicy("nginx")).toBe("Always");
    expect(defaultPullPolicy("nginx:latest")).toBe("Always");
    expect(defaultPullPolicy("nginx:1.25")).toBe("IfNotPresent");
    expect(defaultPullPolicy(`nginx@${digest}`)).toBe("IfNotPresent");
  });

  it("adds :latest where Docker would", () => {
    expect(normalizedImage("nginx")).toBe("nginx:latest");
    expect(normalizedImage("localhost:5000/app")).toBe("localhost:5000/app:latest");
    expect(normalizedImage("nginx:1")).toBe("nginx:1");
    expect(normalizedImage(`nginx@${digest}`)).toBe(`nginx@${digest}`);
  });
});

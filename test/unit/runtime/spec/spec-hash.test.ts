import { describe, expect, it } from "vitest";
import { containerSpecHash, sandboxSpecHash, stableJson } from "../../../../src/runtime/spec/spec-hash.js";
import { pod } from "../fixtures.js";

describe("spec hashes", () => {
  it("stableJson ignores key order and undefined members", () => {
    expect(stableJson({ b: 1, a: [1, { y: 2, x: undefined, w: null }] })).toBe(
      '{"a":[1,{"w":null,"y":2}],"b":1}',
    );
    expect(stableJson({ a: 1 })).toBe(stableJson({ a: 1, b: undefined }));
  });

  it("is stable and 16 hex characters", () => {
    const p = pod();
    const c = p.spec.containers[0];
    if (!c) throw new Error("no container");
    expect(containerSpecHash(p, c, "app")).toMatch(/^[0-9a-f]{16}$/);
    expect(containerSpecHash(pod(), { ...c }, "app")).toBe(containerSpecHash(p, c, "app"));
  });

  it("changes with the container spec, the role, and pod fields that shape the container", () => {
    const p = pod({
      volumes: [
        { name: "v", emptyDir: {} },
        { name: "other", emptyDir: {} },
      ],
    });
    const c = { name: "app", image: "berth.local/web:1", volumeMounts: [{ name: "v", mountPath: "/v" }] };
    const base = containerSpecHash(p, c, "app");
    expect(containerSpecHash(p, { ...c, image: "berth.local/web:2" }, "app")).not.toBe(base);
    expect(containerSpecHash(p, { ...c, env: [{ name: "A", value: "1" }] }, "app")).not.toBe(base);
    expect(containerSpecHash(p, c, "init")).not.toBe(base);
    expect(
      containerSpecHash({ ...p, spec: { ...p.spec, terminationGracePeriodSeconds: 5 } }, c, "app"),
    ).not.toBe(base);
    expect(
      containerSpecHash(
        { ...p, spec: { ...p.spec, volumes: [{ name: "v", emptyDir: { medium: "Memory" } }] } },
        c,
        "app",
      ),
    ).not.toBe(base);
  });

  it("ignores pod fields that do not shape the container", () => {
    const p = pod({
      volumes: [
        { name: "v", emptyDir: {} },
        { name: "other", emptyDir: {} },
      ],
    });
    const c = { name: "app", image: "x", volumeMounts: [{ name: "v", mountPath: "/v" }] };
    const base = containerSpecHash(p, c, "app");
    const q = pod(
      {
        volumes: [
          { name: "v", emptyDir: {} },
          { name: "other", configMap: { name: "z" } },
        ],
      },
      { labels: { new: "label" } },
    );
    expect(containerSpecHash(q, c, "app")).toBe(base);
  });

  it("sandbox hash follows ports, volumes and network identity, not container images", () => {
    const p = pod({ containers: [{ name: "a", image: "x", ports: [{ containerPort: 80 }] }] });
    const base = sandboxSpecHash(p);
    expect(
      sandboxSpecHash(pod({ containers: [{ name: "a", image: "y", ports: [{ containerPort: 80 }] }] })),
    ).toBe(base);
    expect(
      sandboxSpecHash(pod({ containers: [{ name: "a", image: "x", ports: [{ containerPort: 81 }] }] })),
    ).not.toBe(base);
    expect(sandboxSpecHash(pod({ hostname: "h", containers: p.spec.containers }))).not.toBe(base);
  });
});

import { describe, expect, it } from "vitest";
import type { Container } from "../../../../src/manifest/types.js";
import { fieldRefValue, resourceFieldRefValue } from "../../../../src/runtime/spec/fieldref.js";
import { facts, pod } from "../fixtures.js";

describe("fieldRefValue", () => {
  const p = pod(
    { serviceAccountName: "builder", nodeName: "n7" },
    { labels: { app: "web", "a.b/c": "x" }, annotations: { note: "hi" } },
  );

  it.each([
    ["metadata.name", "web-1"],
    ["metadata.namespace", "shop"],
    ["metadata.uid", "0b6d8c4e-1111-2222-3333-444455556666"],
    ["metadata.labels['app']", "web"],
    ["metadata.labels['a.b/c']", "x"],
    ["metadata.labels['missing']", ""],
    ["metadata.annotations['note']", "hi"],
    ["metadata.labels", 'a.b/c="x"\napp="web"'],
    ["spec.nodeName", "n7"],
    ["spec.serviceAccountName", "builder"],
    ["status.podIP", "172.18.0.5"],
    ["status.podIPs", "172.18.0.5"],
    ["status.hostIP", "192.0.2.10"],
  ])("%s → %j", (path, expected) => {
    expect(fieldRefValue(p, path, facts)).toBe(expected);
  });

  it("gives host-network pods the node's address as pod IP", () => {
    expect(fieldRefValue(pod({ hostNetwork: true }), "status.podIP", { ...facts, podIP: "" })).toBe(
      "192.0.2.10",
    );
    expect(fieldRefValue(pod(), "status.podIP", { ...facts, podIP: "" })).toBe("");
  });

  it("falls back to the running node and the default service account", () => {
    const q = pod();
    expect(fieldRefValue(q, "spec.nodeName", facts)).toBe("n1");
    expect(fieldRefValue(q, "spec.serviceAccountName", facts)).toBe("default");
  });

  it("rejects unsupported paths as a config error", () => {
    expect(() => fieldRefValue(p, "spec.containers[0].image", facts)).toThrow(
      "unsupported fieldPath: spec.containers[0].image",
    );
  });
});

describe("resourceFieldRefValue", () => {
  const limited: Container = {
    name: "a",
    image: "x",
    resources: { limits: { cpu: "1500m", memory: "128Mi" }, requests: { cpu: "250m" } },
  };
  const bare: Container = { name: "b", image: "x" };
  const p = pod({ containers: [limited, bare] });

  it.each([
    ["limits.cpu", undefined, "2"], // ceil(1.5)
    ["limits.cpu", "1m", "1500"],
    ["requests.cpu", "1m", "250"],
    ["requests.cpu", undefined, "1"],
    ["limits.memory", undefined, String(128 * 1024 * 1024)],
    ["limits.memory", "1Mi", "128"],
    ["limits.memory", "1Gi", "1"],
    ["requests.memory", "1Mi", "128"], // requests default to limits
  ])("%s divisor %s → %s", (resource, divisor, expected) => {
    expect(resourceFieldRefValue(p, limited, { resource, ...(divisor ? { divisor } : {}) }, facts)).toBe(
      expected,
    );
  });

  it("uses node capacity for absent limits and 0 for absent requests", () => {
    expect(resourceFieldRefValue(p, bare, { resource: "limits.cpu" }, facts)).toBe("4");
    expect(resourceFieldRefValue(p, bare, { resource: "limits.memory", divisor: "1Gi" }, facts)).toBe("8");
    expect(resourceFieldRefValue(p, bare, { resource: "requests.cpu" }, facts)).toBe("0");
  });

  it("reads another container by name", () => {
    expect(
      resourceFieldRefValue(
        p,
        bare,
        { containerName: "a", resource: "limits.memory", divisor: "1Mi" },
        facts,
      ),
    ).toBe("128");
    expect(() =>
      resourceFieldRefValue(p, bare, { containerName: "zz", resource: "limits.cpu" }, facts),
    ).toThrow(/no container named "zz"/);
  });

  it("rejects unknown resources", () => {
    expect(() => resourceFieldRefValue(p, bare, { resource: "limits.gpu" }, facts)).toThrow(
      /unsupported resourceFieldRef/,
    );
  });
});

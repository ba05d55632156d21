import { describe, expect, it } from "vitest";
import {
  claimVolumeName,
  containerDockerName,
  containerLabels,
  namespaceNetworkName,
  podVolumeName,
  sandboxDockerName,
} from "../../../src/runtime/labels.js";

const ref = { name: "web-7d9f-x2k", namespace: "default", uid: "u-1" };

describe("labels and names", () => {
  it("names containers berth_<ns>_<pod>_<container>_<attempt> and sandboxes …_POD", () => {
    expect(containerDockerName(ref, "nginx", 0)).toBe("berth_default_web-7d9f-x2k_nginx_0");
    expect(containerDockerName(ref, "nginx", 12)).toBe("berth_default_web-7d9f-x2k_nginx_12");
    expect(sandboxDockerName(ref)).toBe("berth_default_web-7d9f-x2k_POD");
    for (const n of [containerDockerName(ref, "a.b", 1), sandboxDockerName(ref)])
      expect(n).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/);
  });

  it("labels every container for adoption and for `docker ps --filter label=…`", () => {
    expect(containerLabels("n1", ref, { name: "nginx", role: "app", specHash: "h", attempt: 2 })).toEqual({
      "io.berth.managed": "true",
      "io.berth.node": "n1",
      "io.berth.pod.name": "web-7d9f-x2k",
      "io.berth.pod.namespace": "default",
      "io.berth.pod.uid": "u-1",
      "io.berth.container.name": "nginx",
      "io.berth.role": "app",
      "io.berth.spec-hash": "h",
      "io.berth.restart-count": "2",
    });
  });

  it("names networks and volumes", () => {
    expect(namespaceNetworkName("team-a")).toBe("berth-ns-team-a");
    expect(podVolumeName("u-1", "cache")).toBe("berth-u-1-cache");
    expect(claimVolumeName("default", "data-db-0")).toBe("berth-pvc-default-data-db-0");
  });
});

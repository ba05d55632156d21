import { describe, expect, it } from "vitest";
import type { Container } from "../../../../src/manifest/types.js";
import { isRuntimeError } from "../../../../src/runtime/errors.js";
import { checkHostNetwork, mapSecurity, verifyRunAsNonRoot } from "../../../../src/runtime/spec/security.js";
import { closedPolicy, openPolicy, pod } from "../fixtures.js";

const c = (securityContext: Container["securityContext"]): Container => ({
  name: "a",
  image: "x",
  ...(securityContext ? { securityContext } : {}),
});

describe("mapSecurity", () => {
  it("maps user, group, read-only root, capabilities and no-new-privileges", () => {
    const out = mapSecurity(
      pod(),
      c({
        runAsUser: 1000,
        runAsGroup: 2000,
        readOnlyRootFilesystem: true,
        capabilities: { add: ["NET_ADMIN"], drop: ["all", "CAP_CHOWN"] },
        allowPrivilegeEscalation: false,
      }),
      closedPolicy,
      "n1",
    );
    expect(out).toEqual({
      User: "1000:2000",
      ReadonlyRootfs: true,
      CapAdd: ["CAP_NET_ADMIN"],
      CapDrop: ["ALL", "CAP_CHOWN"],
      SecurityOpt: ["no-new-privileges"],
    });
  });

  it("falls back to the pod's securityContext and adds fsGroup and supplemental groups", () => {
    const p = pod({
      securityContext: { runAsUser: 7, runAsGroup: 8, fsGroup: 9, supplementalGroups: [10, 9] },
    });
    expect(mapSecurity(p, c(undefined), closedPolicy, "n1")).toEqual({ User: "7:8", GroupAdd: ["9", "10"] });
    expect(mapSecurity(p, c({ runAsUser: 1 }), closedPolicy, "n1").User).toBe("1:8");
  });

  it("passes a group only together with a user", () => {
    expect(mapSecurity(pod(), c({ runAsGroup: 5 }), closedPolicy, "n1")).toEqual({});
  });

  it("refuses privileged containers unless the node allows them", () => {
    let err: unknown;
    try {
      mapSecurity(pod(), c({ privileged: true }), closedPolicy, "n1");
    } catch (e) {
      err = e;
    }
    expect(isRuntimeError(err, "PolicyViolation")).toBe(true);
    expect((err as { code: string }).code).toBe("E_POLICY");
    expect((err as Error).message).toBe(
      "privileged containers are not allowed on node n1; set runtime.allowPrivileged in berth.yaml",
    );
    expect(mapSecurity(pod(), c({ privileged: true }), openPolicy, "n1")).toEqual({ Privileged: true });
  });

  it("refuses host-network pods unless the node allows them", () => {
    expect(() => checkHostNetwork(pod({ hostNetwork: true }), closedPolicy, "n2")).toThrow(
      "hostNetwork pods are not allowed on node n2; set runtime.allowHostNetwork in berth.yaml",
    );
    expect(() => checkHostNetwork(pod({ hostNetwork: true }), openPolicy, "n2")).not.toThrow();
    expect(() => checkHostNetwork(pod(), closedPolicy, "n2")).not.toThrow();
  });
});

describe("verifyRunAsNonRoot", () => {
  const nonRoot = (sc: Container["securityContext"]) => c({ runAsNonRoot: true, ...sc });
  it("accepts a non-zero runAsUser or numeric non-root image user", () => {
    expect(() => verifyRunAsNonRoot(pod(), nonRoot({ runAsUser: 1000 }), "")).not.toThrow();
    expect(() => verifyRunAsNonRoot(pod(), nonRoot({}), "1000:1000")).not.toThrow();
    expect(() => verifyRunAsNonRoot(pod(), c({}), "")).not.toThrow();
  });
  it.each([
    [{ runAsUser: 0 }, "", "container's runAsUser breaks non-root policy"],
    [{}, "", "container has runAsNonRoot and image will run as root"],
    [{}, "root", "container has runAsNonRoot and image will run as root"],
    [{}, "0:0", "container has runAsNonRoot and image will run as root"],
    [
      {},
      "app",
      "container has runAsNonRoot and image has non-numeric user (app), cannot verify user is non-root",
    ],
  ])("rejects %j with image user %j", (sc, imageUser, message) => {
    expect(() => verifyRunAsNonRoot(pod(), nonRoot(sc), imageUser)).toThrow(message);
  });
});

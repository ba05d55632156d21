import { describe, expect, it } from "vitest";
import { check, pod, statefulSet, summary, template, web } from "./helpers.js";

describe("containers and volumes", () => {
  it("requires unique container names across init and app containers", () => {
    expect(check(pod({ initContainers: [{ name: "setup", image: "busybox:1" }] }))).toEqual([]);
    expect(check(pod({ initContainers: [{ name: "web", image: "busybox:1" }] }))).toEqual([
      {
        severity: "error",
        code: "E_DUPLICATE",
        path: ["spec", "containers", 0, "name"],
        message: 'container name "web" is already used at spec.initContainers[0].name',
        expected: "a unique container name",
        found: '"web"',
      },
    ]);
  });

  it("requires container and volume names to be DNS-1123 labels", () => {
    const p = pod({ containers: [web({ name: "Web" })], volumes: [{ name: "data_1", emptyDir: {} }] });
    expect(summary(check(p)).map(([c, p]) => [c, p])).toEqual([
      ["E_NAME", "spec.containers.0.name"],
      ["E_NAME", "spec.volumes.0.name"],
    ]);
  });

  it("requires unique volume names", () => {
    const p = pod({
      volumes: [
        { name: "data", emptyDir: {} },
        { name: "data", configMap: { name: "c" } },
      ],
    });
    expect(summary(check(p))).toEqual([
      ["E_DUPLICATE", "spec.volumes.1.name", 'volume name "data" is already used at spec.volumes[0].name'],
    ]);
  });

  it("requires every volumeMount to name a volume", () => {
    const ok = pod({
      volumes: [{ name: "data", emptyDir: {} }],
      containers: [web({ volumeMounts: [{ name: "data", mountPath: "/d" }] })],
    });
    expect(check(ok)).toEqual([]);
    const bad = pod({
      volumes: [{ name: "data", emptyDir: {} }],
      containers: [web({ volumeMounts: [{ name: "dta", mountPath: "/d" }] })],
    });
    expect(check(bad)).toMatchObject([
      {
        code: "E_VALUE",
        path: ["spec", "containers", 0, "volumeMounts", 0, "name"],
        message: 'volumeMount refers to volume "dta", which is not defined',
        expected: "one of: data",
        found: '"dta"',
      },
    ]);
  });

  it("lets StatefulSet containers mount their volumeClaimTemplates", () => {
    const claim = { metadata: { name: "www" }, spec: { resources: { requests: { storage: "1Gi" } } } };
    const mounting = template({ containers: [web({ volumeMounts: [{ name: "www", mountPath: "/srv" }] })] });
    expect(check(statefulSet({ template: mounting, volumeClaimTemplates: [claim] }))).toEqual([]);
    expect(summary(check(statefulSet({ template: mounting })))).toEqual([
      [
        "E_VALUE",
        "spec.template.spec.containers.0.volumeMounts.0.name",
        'volumeMount refers to volume "www", which is not defined',
      ],
    ]);
  });

  it("rejects two mounts at one path", () => {
    const p = pod({
      volumes: [
        { name: "a", emptyDir: {} },
        { name: "b", emptyDir: {} },
      ],
      containers: [
        web({
          volumeMounts: [
            { name: "a", mountPath: "/d" },
            { name: "b", mountPath: "/d" },
          ],
        }),
      ],
    });
    expect(summary(check(p))).toEqual([
      [
        "E_DUPLICATE",
        "spec.containers.0.volumeMounts.1.mountPath",
        'mountPath "/d" is already used at spec.containers[0].volumeMounts[0].mountPath',
      ],
    ]);
  });
});

describe("ports", () => {
  it("requires IANA port names, unique within a container", () => {
    const p = pod({
      containers: [
        web({
          ports: [
            { name: "http", containerPort: 80 },
            { name: "http", containerPort: 81 },
            { name: "Metrics", containerPort: 9090 },
          ],
        }),
      ],
    });
    expect(summary(check(p))).toEqual([
      [
        "E_DUPLICATE",
        "spec.containers.0.ports.1.name",
        'port name "http" is already used at spec.containers[0].ports[0].name',
      ],
      [
        "E_NAME",
        "spec.containers.0.ports.2.name",
        "port name: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
      ],
    ]);
  });

  it("requires host ports from 1 to 65535", () => {
    expect(check(pod({ containers: [web({ ports: [{ containerPort: 80, hostPort: 8080 }] })] }))).toEqual([]);
    expect(
      summary(check(pod({ containers: [web({ ports: [{ containerPort: 80, hostPort: 70000 }] })] }))),
    ).toEqual([["E_VALUE", "spec.containers.0.ports.0.hostPort", "must be between 1 and 65535, inclusive"]]);
  });

  it("requires hostPort = containerPort with the host's network", () => {
    expect(check(pod({ hostNetwork: true, containers: [web({ ports: [{ containerPort: 80 }] })] }))).toEqual(
      [],
    );
    expect(
      summary(
        check(
          pod({ hostNetwork: true, containers: [web({ ports: [{ containerPort: 80, hostPort: 81 }] })] }),
        ),
      ),
    ).toEqual([
      [
        "E_VALUE",
        "spec.containers.0.ports.0.hostPort",
        "must match `containerPort` when `hostNetwork` is true",
      ],
    ]);
  });
});

describe("probes", () => {
  it("resolves named probe ports among the container's ports", () => {
    expect(check(pod({ containers: [web({ livenessProbe: { httpGet: { port: "http" } } })] }))).toEqual([]);
    expect(check(pod({ containers: [web({ readinessProbe: { tcpSocket: { port: "htp" } } })] }))).toEqual([
      {
        severity: "error",
        code: "E_PORT",
        path: ["spec", "containers", 0, "readinessProbe", "tcpSocket", "port"],
        message: 'the probe refers to port "htp", which is not a named port of container "web"',
        expected: "a port number or one of: http",
        found: '"htp"',
        hint: 'add a port named "htp" to the container\'s ports, or use the port number',
      },
    ]);
  });

  it("checks numeric probe ports' range", () => {
    expect(check(pod({ containers: [web({ livenessProbe: { tcpSocket: { port: 8080 } } })] }))).toEqual([]);
    expect(summary(check(pod({ containers: [web({ livenessProbe: { tcpSocket: { port: 0 } } })] })))).toEqual(
      [
        [
          "E_VALUE",
          "spec.containers.0.livenessProbe.tcpSocket.port",
          "must be between 1 and 65535, inclusive",
        ],
      ],
    );
  });

  it("requires exactly one handler", () => {
    expect(summary(check(pod({ containers: [web({ livenessProbe: {} })] })))).toEqual([
      ["E_VALUE", "spec.containers.0.livenessProbe", "must specify a handler type"],
    ]);
    const two = { exec: { command: ["true"] }, tcpSocket: { port: 8080 } };
    expect(summary(check(pod({ containers: [web({ livenessProbe: two })] })))).toEqual([
      ["E_VALUE", "spec.containers.0.livenessProbe", "may not specify more than 1 handler type"],
    ]);
  });

  it("requires successThreshold 1 for liveness and startup probes only", () => {
    const probe = { exec: { command: ["true"] }, successThreshold: 2 };
    expect(check(pod({ containers: [web({ readinessProbe: probe })] }))).toEqual([]);
    expect(summary(check(pod({ containers: [web({ livenessProbe: probe, startupProbe: probe })] })))).toEqual(
      [
        ["E_VALUE", "spec.containers.0.livenessProbe.successThreshold", "must be 1 for a livenessProbe"],
        ["E_VALUE", "spec.containers.0.startupProbe.successThreshold", "must be 1 for a startupProbe"],
      ],
    );
  });

  it("rejects probes on init containers (other than sidecars)", () => {
    const probe = { exec: { command: ["true"] } };
    expect(
      summary(check(pod({ initContainers: [{ name: "init", image: "busybox:1", readinessProbe: probe }] }))),
    ).toEqual([
      [
        "E_VALUE",
        "spec.initContainers.0.readinessProbe",
        "readinessProbe may not be set for init containers",
      ],
    ]);
    const sidecar = { name: "proxy", image: "proxy:1", restartPolicy: "Always", startupProbe: probe };
    expect(check(pod({ initContainers: [sidecar as never] }))).toEqual([]);
  });
});

describe("environment", () => {
  it("accepts Kubernetes env var names and rejects '='", () => {
    expect(
      check(
        pod({
          containers: [
            web({
              env: [
                { name: "A_B", value: "1" },
                { name: "my.var", value: "2" },
              ],
            }),
          ],
        }),
      ),
    ).toEqual([]);
    expect(summary(check(pod({ containers: [web({ env: [{ name: "A=B", value: "1" }] })] })))).toEqual([
      [
        "E_NAME",
        "spec.containers.0.env.0.name",
        "a valid environment variable name must consist only of printable ASCII characters other than '='",
      ],
    ]);
  });

  it("checks envFrom prefixes", () => {
    expect(
      check(pod({ containers: [web({ envFrom: [{ prefix: "CFG_", configMapRef: { name: "c" } }] })] })),
    ).toEqual([]);
    expect(
      summary(
        check(pod({ containers: [web({ envFrom: [{ prefix: "A=", configMapRef: { name: "c" } }] })] })),
      ),
    ).toMatchObject([["E_NAME", "spec.containers.0.envFrom.0.prefix", expect.any(String)]]);
  });
});

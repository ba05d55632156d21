// Typical manifest mistakes and exactly the issues the schema stage reports for them.
import { load, YAML11_SCHEMA } from "js-yaml";
import { describe, expect, it } from "vitest";
import type { Issue } from "../../../src/manifest/issue.js";
import { validateSchema } from "../../../src/manifest/schema.js";

function check(yaml: string): Issue[] | undefined {
  const doc = load(yaml, { schema: YAML11_SCHEMA }) as { apiVersion: string; kind: string };
  return validateSchema(doc.apiVersion, doc.kind, doc);
}

/** A Pod whose single container is the given YAML (indented under `containers:`). */
const pod = (container: string, extraSpec = "") => `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
${extraSpec}  containers:
${container}`;

const C = ["spec", "containers", 0] as const;

describe("wrong types (E_SCHEMA)", () => {
  it("reports an integer field given a word", () => {
    const issues = check(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: three
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx }]
`);
    expect(issues).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: "wrong type",
        path: ["spec", "replicas"],
        expected: "integer",
        found: '"three"',
      },
    ]);
  });

  it("tells to drop the quotes around a number", () => {
    expect(check(pod(`  - name: web\n    image: nginx\n    ports: [{ containerPort: "80" }]\n`))).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: "wrong type",
        path: [...C, "ports", 0, "containerPort"],
        expected: "integer",
        found: '"80"',
        hint: "write the number without quotes",
      },
    ]);
  });

  it("tells to quote a label value YAML read as a number", () => {
    const issues = check(`
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels: { version: 1.0, enabled: true }
data:
  port: "8080"
`);
    expect(issues).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: "wrong type",
        path: ["metadata", "labels", "version"],
        expected: "string",
        found: "1",
        hint: "put the value in quotes so YAML reads it as a string",
      },
      {
        severity: "error",
        code: "E_SCHEMA",
        message: "wrong type",
        path: ["metadata", "labels", "enabled"],
        expected: "string",
        found: "true",
        hint: "put the value in quotes so YAML reads it as a string",
      },
    ]);
  });

  it('names an IntOrString "integer or string" and a quantity "string or number"', () => {
    const issues = check(
      pod(`  - name: web
    image: nginx
    readinessProbe:
      httpGet: { port: true }
    resources:
      limits: { cpu: [1] }
`),
    );
    expect(issues).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: "wrong type",
        path: [...C, "resources", "limits", "cpu"],
        expected: "string or number",
        found: "a list",
      },
      {
        severity: "error",
        code: "E_SCHEMA",
        message: "wrong type",
        path: [...C, "readinessProbe", "httpGet", "port"],
        expected: "integer or string",
        found: "true",
      },
    ]);
  });

  it("reports env written as a mapping instead of a list", () => {
    expect(check(pod(`  - name: web\n    image: nginx\n    env: { MODE: production }\n`))).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: "wrong type",
        path: [...C, "env"],
        expected: "list",
        found: "a mapping",
      },
    ]);
  });
});

describe("missing required fields (E_SCHEMA)", () => {
  it("reports a container without image at the path of the missing field", () => {
    expect(check(pod(`  - name: web\n`))).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: 'missing required field "image"',
        path: [...C, "image"],
      },
    ]);
  });

  it("requires metadata.name unless generateName is set", () => {
    const noName = `
apiVersion: batch/v1
kind: Job
metadata: { labels: { a: b } }
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: x, image: busybox }]
`;
    expect(check(noName)).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: 'missing required field "name"',
        path: ["metadata", "name"],
        hint: "every object needs metadata.name (or metadata.generateName)",
      },
    ]);
    expect(check(noName.replace("labels: { a: b }", "generateName: backup-"))).toEqual([]);
  });

  it("requires a selector in apps/v1 but not in extensions/v1beta1", () => {
    const deployment = (apiVersion: string) => `
apiVersion: ${apiVersion}
kind: Deployment
metadata: { name: web }
spec:
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx }]
`;
    expect(check(deployment("apps/v1"))).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: 'missing required field "selector"',
        path: ["spec", "selector"],
        hint: "apps/v1 requires spec.selector: copy the pod template's labels into selector.matchLabels",
      },
    ]);
    expect(check(deployment("apps/v1beta2"))).toHaveLength(1);
    expect(check(deployment("extensions/v1beta1"))).toEqual([]);
    expect(check(deployment("apps/v1beta1"))).toEqual([]);
  });

  it("requires ports on a Service unless it is headless or ExternalName", () => {
    const svc = (spec: string) => `
apiVersion: v1
kind: Service
metadata: { name: s }
spec: ${spec}
`;
    expect(check(svc("{ selector: { app: web } }"))).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: 'missing required field "ports"',
        path: ["spec", "ports"],
        hint: "a Service needs ports unless it is headless (clusterIP: None) or of type ExternalName",
      },
    ]);
    expect(check(svc("{ clusterIP: None, selector: { app: web } }"))).toEqual([]);
    expect(check(svc("{ type: ExternalName, externalName: db.example.com }"))).toEqual([]);
    expect(check(svc("{ type: ExternalName }"))).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: 'missing required field "externalName"',
        path: ["spec", "externalName"],
        hint: "a Service of type ExternalName names the external host in externalName",
      },
    ]);
  });

  it("reports an empty container list", () => {
    expect(check(`apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [] }\n`)).toEqual([
      {
        severity: "error",
        code: "E_VALUE",
        message: "list must not be empty",
        path: ["spec", "containers"],
        expected: "at least 1 item",
        found: "an empty list",
      },
    ]);
  });
});

describe("values out of range or not allowed (E_VALUE)", () => {
  it("suggests the right spelling of an enum value", () => {
    expect(check(pod(`  - name: web\n    image: nginx\n`, `  restartPolicy: always\n`))).toEqual([
      {
        severity: "error",
        code: "E_VALUE",
        message: "value not allowed",
        path: ["spec", "restartPolicy"],
        expected: 'one of "Always", "OnFailure", "Never"',
        found: '"always"',
        hint: 'did you mean "Always"?',
      },
    ]);
  });

  it("gives no suggestion for an enum value nothing like the allowed ones", () => {
    expect(check(pod(`  - name: web\n    image: nginx\n    imagePullPolicy: Sometimes\n`))).toEqual([
      {
        severity: "error",
        code: "E_VALUE",
        message: "value not allowed",
        path: [...C, "imagePullPolicy"],
        expected: 'one of "Always", "IfNotPresent", "Never"',
        found: '"Sometimes"',
      },
    ]);
  });

  it("reports ports outside 1..65535 and negative replicas", () => {
    const issues = check(`
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  replicas: -1
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers:
        - name: db
          image: postgres
          ports: [{ containerPort: 70000 }]
          livenessProbe: { tcpSocket: { port: 0 } }
`);
    expect(issues).toEqual([
      {
        severity: "error",
        code: "E_VALUE",
        message: "value out of range",
        path: ["spec", "replicas"],
        expected: "an integer >= 0",
        found: "-1",
      },
      {
        severity: "error",
        code: "E_VALUE",
        message: "value out of range",
        path: ["spec", "template", "spec", "containers", 0, "ports", 0, "containerPort"],
        expected: "an integer from 1 to 65535",
        found: "70000",
      },
      {
        severity: "error",
        code: "E_VALUE",
        message: "value out of range",
        path: ["spec", "template", "spec", "containers", 0, "livenessProbe", "tcpSocket", "port"],
        expected: "a port number from 1 to 65535 or a port name",
        found: "0",
      },
    ]);
  });

  it("checks maxSurge and maxUnavailable as a count or a percentage", () => {
    const issues = check(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector: { matchLabels: { app: web } }
  strategy:
    type: RollingUpdate
    rollingUpdate: { maxSurge: "25", maxUnavailable: -1 }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx }]
`);
    const expected = 'an integer >= 0 or a percentage like "25%"';
    expect(issues).toEqual([
      {
        severity: "error",
        code: "E_VALUE",
        message: "value has the wrong format",
        path: ["spec", "strategy", "rollingUpdate", "maxSurge"],
        expected,
        found: '"25"',
      },
      {
        severity: "error",
        code: "E_VALUE",
        message: "value out of range",
        path: ["spec", "strategy", "rollingUpdate", "maxUnavailable"],
        expected,
        found: "-1",
      },
    ]);
  });

  it("accepts an octal file mode and reports one written in decimal digits", () => {
    const issues = check(
      pod(
        `  - name: web\n    image: nginx\n`,
        `  volumes: [{ name: c, configMap: { name: c, defaultMode: 0644 } }, { name: d, configMap: { name: d, defaultMode: 644 } }]\n`,
      ),
    );
    expect(issues).toEqual([
      {
        severity: "error",
        code: "E_VALUE",
        message: "value out of range",
        path: ["spec", "volumes", 1, "configMap", "defaultMode"],
        expected: "file mode bits from 0 to 0777 (511)",
        found: "644",
      },
    ]);
  });

  it("suggests the CronJob concurrency policy", () => {
    const issues = check(`
apiVersion: batch/v1
kind: CronJob
metadata: { name: c }
spec:
  schedule: "@daily"
  concurrencyPolicy: forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{ name: c, image: busybox }]
`);
    expect(issues).toEqual([
      {
        severity: "error",
        code: "E_VALUE",
        message: "value not allowed",
        path: ["spec", "concurrencyPolicy"],
        expected: 'one of "Allow", "Forbid", "Replace"',
        found: '"forbid"',
        hint: 'did you mean "Forbid"?',
      },
    ]);
  });
});

describe("unknown fields (W_UNKNOWN_FIELD)", () => {
  it('warns with "did you mean" when a known field is close', () => {
    expect(check(pod(`  - name: web\n    image: nginx\n    imagePullPolcy: Always\n`))).toEqual([
      {
        severity: "warning",
        code: "W_UNKNOWN_FIELD",
        message: 'unknown field "imagePullPolcy"',
        path: [...C, "imagePullPolcy"],
        hint: 'did you mean "imagePullPolicy"?',
      },
    ]);
  });

  it("catches a case slip and a transposition", () => {
    const issues = check(
      pod(`  - name: web\n    image: nginx\n`, `  NodeSelector: { disk: ssd }\n  hsotname: web\n`),
    );
    expect(issues).toEqual([
      {
        severity: "warning",
        code: "W_UNKNOWN_FIELD",
        message: 'unknown field "NodeSelector"',
        path: ["spec", "NodeSelector"],
        hint: 'did you mean "nodeSelector"?',
      },
      {
        severity: "warning",
        code: "W_UNKNOWN_FIELD",
        message: 'unknown field "hsotname"',
        path: ["spec", "hsotname"],
        hint: 'did you mean "hostname"?',
      },
    ]);
  });

  it("warns without a hint when nothing is close", () => {
    expect(check(pod(`  - name: web\n    image: nginx\n    sidecarMode: true\n`))).toEqual([
      {
        severity: "warning",
        code: "W_UNKNOWN_FIELD",
        message: 'unknown field "sidecarMode"',
        path: [...C, "sidecarMode"],
      },
    ]);
  });

  it("does not suggest a field the object already has", () => {
    expect(check(pod(`  - name: web\n    image: nginx\n    images: nginx\n`))).toEqual([
      {
        severity: "warning",
        code: "W_UNKNOWN_FIELD",
        message: 'unknown field "images"',
        path: [...C, "images"],
      },
    ]);
  });

  it("warns about a ConfigMap written like a workload", () => {
    const issues = check(
      `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\nspec: { a: b }\ndate: { a: b }\n`,
    );
    expect(issues).toEqual([
      {
        severity: "warning",
        code: "W_UNKNOWN_FIELD",
        message: 'unknown field "spec"',
        path: ["spec"],
      },
      {
        severity: "warning",
        code: "W_UNKNOWN_FIELD",
        message: 'unknown field "date"',
        path: ["date"],
        hint: 'did you mean "data"?',
      },
    ]);
  });

  it("explains fields apps/v1 removed", () => {
    const issues = check(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  rollbackTo: { revision: 2 }
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx }]
`);
    expect(issues).toEqual([
      {
        severity: "warning",
        code: "W_UNKNOWN_FIELD",
        message: 'unknown field "rollbackTo"',
        path: ["spec", "rollbackTo"],
        hint: "apps/v1 has no rollbackTo: roll back by restoring the old pod template in git",
      },
    ]);
  });
});

describe("one issue per problem", () => {
  it("reports a misspelt required field once, as missing, naming the misspelling", () => {
    expect(check(pod(`  - name: web\n    imgae: nginx\n`))).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: 'missing required field "image"',
        path: [...C, "image"],
        hint: 'did you mean "image" instead of "imgae"?',
      },
    ]);
    expect(
      check(
        `apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  contianers: [{ name: a, image: b }]\n`,
      ),
    ).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: 'missing required field "containers"',
        path: ["spec", "containers"],
        hint: 'did you mean "containers" instead of "contianers"?',
      },
    ]);
  });

  it("reports a secret volume written with name instead of secretName once", () => {
    expect(
      check(pod(`  - name: web\n    image: nginx\n`, `  volumes: [{ name: tls, secret: { name: tls } }]\n`)),
    ).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: 'missing required field "secretName"',
        path: ["spec", "volumes", 0, "secret", "secretName"],
        hint: "a secret volume names its Secret with secretName (not name)",
      },
    ]);
  });

  it("reports a v1beta1 Ingress written as networking.k8s.io/v1 problem by problem", () => {
    const issues = check(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web }
spec:
  backend: { serviceName: fallback, servicePort: 80 }
  rules:
    - host: web.example.com
      http:
        paths:
          - path: /
            backend: { serviceName: web, servicePort: http }
`);
    expect(issues).toEqual([
      {
        severity: "warning",
        code: "W_UNKNOWN_FIELD",
        message: 'unknown field "backend"',
        path: ["spec", "backend"],
        hint: "networking.k8s.io/v1 renamed spec.backend to spec.defaultBackend",
      },
      {
        severity: "error",
        code: "E_SCHEMA",
        message: 'missing required field "pathType"',
        path: ["spec", "rules", 0, "http", "paths", 0, "pathType"],
        hint: "networking.k8s.io/v1 requires pathType: Prefix, Exact or ImplementationSpecific (v1beta1 paths behave as ImplementationSpecific)",
      },
      {
        severity: "error",
        code: "E_SCHEMA",
        message: 'missing required field "service"',
        path: ["spec", "rules", 0, "http", "paths", 0, "backend", "service"],
        hint: "networking.k8s.io/v1 writes the backend as service: {name: ..., port: {number: ...}} (serviceName/servicePort are the v1beta1 form)",
      },
    ]);
  });

  it("reports a v1 backend in a v1beta1 Ingress once", () => {
    const issues = check(`
apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata: { name: web }
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: prefix
            backend: { service: { name: web, port: { number: 80 } } }
`);
    expect(issues).toEqual([
      {
        severity: "error",
        code: "E_VALUE",
        message: "value not allowed",
        path: ["spec", "rules", 0, "http", "paths", 0, "pathType"],
        expected: 'one of "Exact", "Prefix", "ImplementationSpecific"',
        found: '"prefix"',
        hint: 'did you mean "Prefix"?',
      },
      {
        severity: "error",
        code: "E_SCHEMA",
        message: 'missing required fields "serviceName" and "servicePort"',
        path: ["spec", "rules", 0, "http", "paths", 0, "backend", "serviceName"],
        hint: "a v1beta1 backend is serviceName plus servicePort, or a resource (service: {name, port} is the networking.k8s.io/v1 form)",
      },
    ]);
  });

  it("asks for rules when a v1 Ingress only has the v1beta1 spec.backend", () => {
    const issues = check(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web }
spec:
  backend: { serviceName: web, servicePort: 80 }
`);
    expect(issues).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: 'missing required field "rules"',
        path: ["spec", "rules"],
        hint: "an Ingress needs rules or a defaultBackend (networking.k8s.io/v1 renamed spec.backend to spec.defaultBackend)",
      },
    ]);
  });

  it("reports every independent problem of one document, each once", () => {
    const issues = check(`
apiVersion: v1
kind: Pod
metadata: { name: p, labels: { tier: 3 } }
spec:
  restartPolicy: Sometimes
  containers:
    - name: a
      ports: [{ containerPort: 0 }]
    - name: b
      image: nginx
      resources: { limits: { memory: [] } }
      extra: 1
`);
    expect(issues?.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["E_SCHEMA", "metadata.labels.tier"],
      ["E_SCHEMA", "spec.containers.0.image"],
      ["E_VALUE", "spec.containers.0.ports.0.containerPort"],
      ["W_UNKNOWN_FIELD", "spec.containers.1.extra"],
      ["E_SCHEMA", "spec.containers.1.resources.limits.memory"],
      ["E_VALUE", "spec.restartPolicy"],
    ]);
  });
});

describe("null fields", () => {
  it("treats a null field as not set, as Kubernetes does", () => {
    expect(
      check(
        pod(`  - name: web\n    image: nginx\n    env:\n    resources: { limits: }\n`, `  nodeSelector:\n`),
      ),
    ).toEqual([]);
  });

  it("reports a null required field as missing", () => {
    expect(check(pod(`  - name: web\n    image:\n`))).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: 'missing required field "image"',
        path: [...C, "image"],
      },
    ]);
  });

  it("reports a null list item as a wrong type", () => {
    expect(check(pod(`  - name: web\n    image: nginx\n    args: [a, null]\n`))).toEqual([
      {
        severity: "error",
        code: "E_SCHEMA",
        message: "wrong type",
        path: [...C, "args", 1],
        expected: "string",
        found: "null",
      },
    ]);
  });
});

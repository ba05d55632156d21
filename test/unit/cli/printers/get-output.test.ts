import { describe, expect, it } from "vitest";
import { viewContext } from "../../../../src/cli/printers/context.js";
import { displaySafe, renderGet, type GetOutputOptions } from "../../../../src/cli/printers/get-output.js";
import { listOf, nameOf, toJson, toYaml } from "../../../../src/cli/printers/structured.js";
import type { Fetched } from "../../../../src/cli/view/fetch.js";
import { typeOf } from "../../../../src/cli/view/resource-types.js";
import type { Secret } from "../../../../src/manifest/types.js";
import { configMap, deployment, n1, NOW, secret, webPodA, webService } from "../../../support/cli-cluster.js";
import { nodeObject } from "../../../../src/cli/view/shapes.js";
import { lines } from "./helpers.js";

const ctx = viewContext(NOW);
const pods: Fetched = { type: typeOf("Pod"), items: [webPodA], missing: [] };
const deploys: Fetched = { type: typeOf("Deployment"), items: [deployment], missing: [] };
const opts: GetOutputOptions = { namespace: "default" };

describe("renderGet", () => {
  it("one table per type; mixed kinds name objects kind/name, a blank line between tables", () => {
    const out = renderGet([pods, { type: typeOf("Service"), items: [], missing: [] }, deploys], ctx, {
      ...opts,
      mixedKinds: true,
    });
    expect(out).toEqual({
      stdout: lines(
        "NAME                   READY   STATUS    RESTARTS   AGE",
        "pod/web-7d4b9c-abcde   1/1     Running   0          5m",
        "",
        "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE",
        "deployment.apps/web   2/2     2            2           5m",
      ),
      stderr: "",
      exitCode: 0,
    });
  });

  it("-A adds NAMESPACE to namespaced types only", () => {
    const nodes: Fetched = { type: typeOf("Node"), items: [nodeObject(n1)], missing: [] };
    const out = renderGet([pods, nodes], ctx, { mixedKinds: true }).stdout.split("\n");
    expect(out[0]).toBe("NAMESPACE   NAME                   READY   STATUS    RESTARTS   AGE");
    expect(out[1]).toBe("default     pod/web-7d4b9c-abcde   1/1     Running   0          5m");
    expect(out[3]?.startsWith("NAME      STATUS   ROLES ")).toBe(true);
    expect(out[4]?.startsWith("node/n1   Ready    control-plane ")).toBe(true);
  });

  it("names not found are kubectl's NotFound errors with exit 1, after what was found", () => {
    const out = renderGet(
      [
        { ...deploys, missing: ["api"] },
        { type: typeOf("Pod"), items: [], missing: ["x"] },
      ],
      ctx,
      opts,
    );
    expect(out.stderr).toBe(
      'Error from server (NotFound): deployments.apps "api" not found\nError from server (NotFound): pods "x" not found\n',
    );
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toContain("web ");
  });

  it("nothing found: the message on stderr, exit 0; json and yaml print an empty List instead", () => {
    const none: Fetched = { type: typeOf("Pod"), items: [], missing: [] };
    expect(renderGet([none], ctx, opts)).toEqual({
      stdout: "",
      stderr: "No resources found in default namespace.\n",
      exitCode: 0,
    });
    expect(renderGet([none], ctx, {}).stderr).toBe("No resources found\n");
    expect(renderGet([{ ...none, type: typeOf("Node") }], ctx, opts).stderr).toBe("No resources found\n");
    expect(renderGet([none], ctx, { ...opts, output: "name" }).stderr).toBe(
      "No resources found in default namespace.\n",
    );
    const json = renderGet([none], ctx, { ...opts, output: "json" });
    expect(json.stderr).toBe("");
    expect(JSON.parse(json.stdout)).toEqual({
      apiVersion: "v1",
      kind: "List",
      items: [],
      metadata: { resourceVersion: "" },
    });
  });

  it("-o json: one named object bare, anything else a List; a single name not found prints nothing", () => {
    const single = renderGet([pods], ctx, { ...opts, output: "json", single: true });
    expect(JSON.parse(single.stdout)).toEqual(webPodA);
    const list = renderGet([pods, deploys], ctx, { ...opts, output: "json" });
    expect(JSON.parse(list.stdout)).toEqual(listOf([webPodA, deployment]));
    const missing = renderGet([{ type: typeOf("Pod"), items: [], missing: ["x"] }], ctx, {
      ...opts,
      output: "yaml",
      single: true,
    });
    expect(missing).toEqual({
      stdout: "",
      stderr: 'Error from server (NotFound): pods "x" not found\n',
      exitCode: 1,
    });
  });

  it("-o name", () => {
    expect(renderGet([pods, deploys], ctx, { ...opts, output: "name" }).stdout).toBe(
      "pod/web-7d4b9c-abcde\ndeployment.apps/web\n",
    );
    expect(nameOf("Ingress", "web")).toBe("ingress.networking.k8s.io/web");
  });
});

describe("structured output", () => {
  it("JSON: keys sorted at every level, 4-space indent", () => {
    expect(
      toJson({ kind: "Service", apiVersion: "v1", metadata: { name: "web", labels: { b: "1", a: "2" } } }),
    ).toBe(
      `{
    "apiVersion": "v1",
    "kind": "Service",
    "metadata": {
        "labels": {
            "a": "2",
            "b": "1"
        },
        "name": "web"
    }
}
`,
    );
  });

  it("YAML: keys sorted, sequences not indented, strings that look like other types quoted", () => {
    expect(toYaml(webService)).toBe(`apiVersion: v1
kind: Service
metadata:
  annotations: {}
  creationTimestamp: "2026-11-26T10:00:00Z"
  generation: 1
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "1"
  uid: uid-svc-web
spec:
  clusterIP: 10.96.0.10
  clusterIPs:
  - 10.96.0.10
  ports:
  - name: http
    port: 80
    protocol: TCP
    targetPort: http
  selector:
    app: web
  sessionAffinity: None
  type: ClusterIP
`);
  });

  it("Secret values print as stored hashes; a plain value never prints", () => {
    const plain: Secret = {
      ...secret,
      data: { ...secret.data, token: "c2VjcmV0" },
      stringData: { pw: "hunter2" },
    };
    const safe = displaySafe(plain) as Secret;
    expect(safe.data).toEqual({ password: secret.data?.password, token: "<redacted>" });
    expect(safe.stringData).toEqual({ pw: "<redacted>" });
    expect(displaySafe(configMap)).toBe(configMap);
    const out = renderGet([{ type: typeOf("Secret"), items: [plain], missing: [] }], ctx, {
      ...opts,
      output: "yaml",
    });
    expect(out.stdout).not.toContain("c2VjcmV0");
    expect(out.stdout).not.toContain("hunter2");
    expect(out.stdout).toContain(secret.data?.password ?? "?");
  });
});

// The three stages on the smallest documents the JSON schema accepts: optional fields absent
// everywhere (template metadata, claim specs, ports, ...) must not break conversion, defaulting
// or the checks.
import { describe, expect, it } from "vitest";
import { validateSchema } from "../../../src/manifest/schema.js";
import { codes, canonical, yamlDoc } from "./pipeline.js";

const c = "containers: [{name: c, image: busybox}]";
const cases: [string, string, string[]][] = [
  ["Pod", `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {${c}}`, []],
  [
    "Deployment without template metadata",
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {selector: {matchLabels: {a: b}}, template: {spec: {${c}}}}`,
    ["E_SELECTOR"],
  ],
  [
    "extensions/v1beta1 Deployment without labels",
    `apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {${c}}}}`,
    ["W_DEPRECATED", "E_SELECTOR"],
  ],
  [
    "apps/v1beta1 StatefulSet with a bare claim template",
    `apiVersion: apps/v1beta1\nkind: StatefulSet\nmetadata: {name: s}\nspec: {serviceName: s, template: {metadata: {labels: {a: b}}, spec: {${c}}}, volumeClaimTemplates: [{metadata: {name: data}}]}`,
    ["W_DEPRECATED", "E_QUANTITY"],
  ],
  [
    "Job without template metadata",
    `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {template: {spec: {restartPolicy: Never, ${c}}}}`,
    [],
  ],
  [
    "CronJob",
    `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {restartPolicy: Never, ${c}}}}}}`,
    [],
  ],
  ["Service", `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}`, []],
  [
    "ExternalName Service",
    `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: ExternalName, externalName: db.example.com}`,
    [],
  ],
  [
    "extensions/v1beta1 Ingress without path or host",
    `apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\nspec: {rules: [{http: {paths: [{backend: {serviceName: s, servicePort: 80}}]}}]}`,
    ["W_DEPRECATED"],
  ],
  ["Secret", `apiVersion: v1\nkind: Secret\nmetadata: {name: s}`, []],
  ["ConfigMap", `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}`, []],
  ["Namespace", `apiVersion: v1\nkind: Namespace\nmetadata: {name: n}`, []],
  [
    "ReplicaSet named by generateName",
    `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {generateName: rs-}\nspec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {${c}}}}`,
    [],
  ],
];

describe("minimal schema-valid documents", () => {
  it.each(cases)("%s", (_name, text, expected) => {
    const doc = yamlDoc(text);
    expect(validateSchema(String(doc.apiVersion), String(doc.kind), doc)).toEqual([]);
    expect(codes(canonical(doc).issues)).toEqual(expected);
  });
});

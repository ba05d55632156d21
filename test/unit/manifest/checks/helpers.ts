// Valid objects of each kind to break one rule at a time, and the stages the loader runs on them.
import { checkObject } from "../../../../src/manifest/checks/index.js";
import { applyDefaults } from "../../../../src/manifest/defaults/index.js";
import type { Issue } from "../../../../src/manifest/issue.js";
import type {
  ConfigMap,
  Container,
  CronJob,
  DaemonSet,
  Deployment,
  Ingress,
  Job,
  KObject,
  Pod,
  PodTemplateSpec,
  Secret,
  Service,
  StatefulSet,
} from "../../../../src/manifest/types.js";

export const check = (obj: KObject): Issue[] => checkObject(applyDefaults(obj));

/** Only the issues with these codes, as [code, dotted path, message] for compact assertions. */
export function summary(issues: readonly Issue[]): [string, string, string][] {
  return issues.map((i) => [i.code, i.path.join("."), i.message]);
}

export const web = (extra: Partial<Container> = {}): Container => ({
  name: "web",
  image: "berth.local/web:1",
  ports: [{ name: "http", containerPort: 8080 }],
  ...extra,
});

export const template = (
  extra: Partial<PodTemplateSpec["spec"]> = {},
  labels: Record<string, string> = { app: "web" },
): PodTemplateSpec => ({
  metadata: { labels },
  spec: { containers: [web()], ...extra },
});

export const pod = (spec: Partial<Pod["spec"]> = {}): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web" },
  spec: { containers: [web()], ...spec },
});

export const deployment = (spec: Partial<Deployment["spec"]> = {}, name = "web"): Deployment => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name },
  spec: { selector: { matchLabels: { app: "web" } }, template: template(), ...spec },
});

export const daemonSet = (spec: Partial<DaemonSet["spec"]> = {}): DaemonSet => ({
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: { name: "agent" },
  spec: { selector: { matchLabels: { app: "web" } }, template: template(), ...spec },
});

export const statefulSet = (spec: Partial<StatefulSet["spec"]> = {}): StatefulSet => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "db" },
  spec: { serviceName: "db", selector: { matchLabels: { app: "web" } }, template: template(), ...spec },
});

export const job = (spec: Partial<Job["spec"]> = {}, name = "migrate"): Job => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name },
  spec: { template: template({ restartPolicy: "Never" }), ...spec },
});

export const cronJob = (spec: Partial<CronJob["spec"]> = {}, name = "report"): CronJob => ({
  apiVersion: "batch/v1",
  kind: "CronJob",
  metadata: { name },
  spec: {
    schedule: "0 3 * * *",
    jobTemplate: { spec: { template: template({ restartPolicy: "OnFailure" }) } },
    ...spec,
  },
});

export const service = (spec: Partial<Service["spec"]> = {}, name = "web"): Service => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name },
  spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort: "http" }], ...spec },
});

export const ingress = (spec: Ingress["spec"]): Ingress => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name: "web" },
  spec,
});

export const configMap = (fields: Partial<ConfigMap> = {}): ConfigMap => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "cfg" },
  ...fields,
});

export const secret = (fields: Partial<Secret> = {}): Secret => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name: "creds" },
  ...fields,
});

// A small but complete cluster as the daemon would record it: a Deployment with its ReplicaSet and
// pods (one restarting), a StatefulSet with a pod that is not ready, a DaemonSet, a CronJob with its
// Job, services of every type, an Ingress, config, two nodes and events. Shared by the printer unit
// tests and the CLI integration test.

import type {
  ConfigMap,
  Container,
  CronJob,
  DaemonSet,
  Deployment,
  Ingress,
  Job,
  KObject,
  Namespace,
  Pod,
  ReplicaSet,
  Secret,
  Service,
  StatefulSet,
} from "../../src/manifest/types.js";
import { hashSecretValue } from "../../src/state/secrets.js";
import type { NodeState, StateEvent } from "../../src/state/types.js";

export const T0 = Date.parse("2026-11-26T10:00:00Z");
/** Five minutes after T0: what printer tests use as now. */
export const NOW = T0 + 5 * 60_000;
export const SALT = "0123456789abcdef0123456789abcdef";

export function at(seconds: number): string {
  return new Date(T0 + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function meta(name: string, uid: string, extra: Partial<KObject["metadata"]> = {}): KObject["metadata"] {
  return {
    name,
    namespace: "default",
    labels: {},
    annotations: {},
    uid,
    resourceVersion: "1",
    generation: 1,
    creationTimestamp: at(0),
    ...extra,
  };
}

const webContainer: Container = {
  name: "web",
  image: "berth.local/web:1",
  imagePullPolicy: "IfNotPresent",
  ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
  env: [
    { name: "GREETING", value: "hello" },
    { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "web-secret", key: "password" } } },
    { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name", apiVersion: "v1" } } },
  ],
  resources: { limits: { cpu: "200m", memory: "128Mi" }, requests: { cpu: "100m", memory: "64Mi" } },
  readinessProbe: {
    httpGet: { path: "/healthz", port: 8080, scheme: "HTTP" },
    initialDelaySeconds: 0,
    timeoutSeconds: 1,
    periodSeconds: 10,
    successThreshold: 1,
    failureThreshold: 3,
  },
  volumeMounts: [{ name: "config", mountPath: "/etc/web", readOnly: true }],
};

const webTemplate = (hash?: string): Deployment["spec"]["template"] => ({
  metadata: { labels: hash ? { app: "web", "pod-template-hash": hash } : { app: "web" }, annotations: {} },
  spec: {
    containers: [webContainer],
    volumes: [{ name: "config", configMap: { name: "web-config" } }],
    restartPolicy: "Always",
    terminationGracePeriodSeconds: 30,
    dnsPolicy: "ClusterFirst",
  },
});

export const deployment: Deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: meta("web", "uid-deploy-web", {
    labels: { app: "web" },
    annotations: { "berth.io/app": "demo", "deployment.kubernetes.io/revision": "1" },
  }),
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    template: webTemplate(),
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  },
  status: {
    observedGeneration: 1,
    replicas: 2,
    updatedReplicas: 2,
    readyReplicas: 2,
    availableReplicas: 2,
    conditions: [
      { type: "Available", status: "True", reason: "MinimumReplicasAvailable", lastTransitionTime: at(20) },
      { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", lastTransitionTime: at(20) },
    ],
  },
};

const ownedBy = (
  kind: "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" | "CronJob" | "Job",
  name: string,
  uid: string,
) => [
  {
    apiVersion: kind === "CronJob" || kind === "Job" ? "batch/v1" : "apps/v1",
    kind,
    name,
    uid,
    controller: true,
    blockOwnerDeletion: true,
  },
];

export const replicaSet: ReplicaSet = {
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: meta("web-7d4b9c", "uid-rs-web", {
    labels: { app: "web", "pod-template-hash": "7d4b9c" },
    annotations: { "deployment.kubernetes.io/revision": "1" },
    ownerReferences: ownedBy("Deployment", "web", "uid-deploy-web"),
  }),
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web", "pod-template-hash": "7d4b9c" } },
    template: webTemplate("7d4b9c"),
  },
  status: {
    replicas: 2,
    readyReplicas: 2,
    availableReplicas: 2,
    fullyLabeledReplicas: 2,
    observedGeneration: 1,
  },
};

function webPod(suffix: string, node: string, ip: string, restarts: number): Pod {
  const running = { running: { startedAt: at(restarts > 0 ? 130 : 8) } };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: meta(`web-7d4b9c-${suffix}`, `uid-pod-${suffix}`, {
      labels: { app: "web", "pod-template-hash": "7d4b9c" },
      ownerReferences: ownedBy("ReplicaSet", "web-7d4b9c", "uid-rs-web"),
    }),
    spec: { ...webTemplate("7d4b9c").spec, nodeName: node },
    status: {
      phase: "Running",
      hostIP: node === "n1" ? "192.168.1.11" : "192.168.1.12",
      podIP: ip,
      podIPs: [{ ip }],
      startTime: at(2),
      conditions: [
        { type: "Initialized", status: "True", lastTransitionTime: at(2) },
        { type: "Ready", status: "True", lastTransitionTime: at(10) },
        { type: "ContainersReady", status: "True", lastTransitionTime: at(10) },
        { type: "PodScheduled", status: "True", lastTransitionTime: at(1) },
      ],
      containerStatuses: [
        {
          name: "web",
          image: "berth.local/web:1",
          imageID: "sha256:1111",
          containerID: `docker://${suffix}0000`,
          ready: true,
          started: true,
          restartCount: restarts,
          state: running,
          lastState:
            restarts > 0
              ? { terminated: { exitCode: 1, reason: "Error", startedAt: at(60), finishedAt: at(120) } }
              : {},
        },
      ],
    },
  };
}

export const webPodA = webPod("abcde", "n1", "10.244.1.5", 0);
export const webPodB = webPod("fghij", "n2", "10.244.2.7", 2);

export const statefulSet: StatefulSet = {
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: meta("db", "uid-sts-db", { labels: { app: "db" } }),
  spec: {
    replicas: 1,
    serviceName: "db",
    selector: { matchLabels: { app: "db" } },
    template: {
      metadata: { labels: { app: "db" }, annotations: {} },
      spec: {
        containers: [
          { name: "db", image: "berth.local/busybox:1", ports: [{ containerPort: 5432, protocol: "TCP" }] },
        ],
      },
    },
    podManagementPolicy: "OrderedReady",
    updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
  },
  status: { replicas: 1, readyReplicas: 0, currentReplicas: 1, updatedReplicas: 1 },
};

export const dbPod: Pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: meta("db-0", "uid-pod-db-0", {
    labels: { app: "db" },
    ownerReferences: ownedBy("StatefulSet", "db", "uid-sts-db"),
  }),
  spec: { ...statefulSet.spec.template.spec, nodeName: "n2", hostname: "db-0", subdomain: "db" },
  status: {
    phase: "Running",
    podIP: "10.244.2.9",
    startTime: at(3),
    conditions: [
      { type: "Ready", status: "False", reason: "ContainersNotReady" },
      { type: "PodScheduled", status: "True" },
    ],
    containerStatuses: [
      {
        name: "db",
        image: "berth.local/busybox:1",
        imageID: "sha256:2222",
        containerID: "docker://db0",
        ready: false,
        restartCount: 0,
        state: { running: { startedAt: at(4) } },
        lastState: {},
      },
    ],
  },
};

export const daemonSet: DaemonSet = {
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: meta("agent", "uid-ds-agent", { labels: { app: "agent" } }),
  spec: {
    selector: { matchLabels: { app: "agent" } },
    template: {
      metadata: { labels: { app: "agent" }, annotations: {} },
      spec: {
        containers: [{ name: "agent", image: "berth.local/busybox:1" }],
        nodeSelector: { "kubernetes.io/os": "linux" },
      },
    },
    updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
  },
  status: {
    desiredNumberScheduled: 2,
    currentNumberScheduled: 2,
    numberReady: 2,
    updatedNumberScheduled: 2,
    numberAvailable: 2,
    numberMisscheduled: 0,
  },
};

const jobTemplateSpec = {
  metadata: { labels: {}, annotations: {} },
  spec: {
    containers: [{ name: "backup", image: "berth.local/busybox:1", command: ["sh", "-c", "echo backup"] }],
    restartPolicy: "OnFailure" as const,
  },
};

export const cronJob: CronJob = {
  apiVersion: "batch/v1",
  kind: "CronJob",
  metadata: meta("backup", "uid-cj-backup"),
  spec: {
    schedule: "0 * * * *",
    concurrencyPolicy: "Forbid",
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    jobTemplate: { spec: { template: jobTemplateSpec, backoffLimit: 6 } },
  },
  status: { lastScheduleTime: at(0), lastSuccessfulTime: at(45) },
};

export const job: Job = {
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: meta("backup-29000000", "uid-job-backup", {
    labels: {
      "batch.kubernetes.io/controller-uid": "uid-job-backup",
      "batch.kubernetes.io/job-name": "backup-29000000",
    },
    ownerReferences: ownedBy("CronJob", "backup", "uid-cj-backup"),
  }),
  spec: {
    parallelism: 1,
    completions: 1,
    backoffLimit: 6,
    completionMode: "NonIndexed",
    suspend: false,
    selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "uid-job-backup" } },
    template: jobTemplateSpec,
  },
  status: {
    conditions: [{ type: "Complete", status: "True", lastTransitionTime: at(45) }],
    startTime: at(0),
    completionTime: at(45),
    succeeded: 1,
    ready: 0,
  },
};

function service(name: string, uid: string, spec: Service["spec"]): Service {
  return { apiVersion: "v1", kind: "Service", metadata: meta(name, uid, { labels: { app: name } }), spec };
}

export const webService = service("web", "uid-svc-web", {
  type: "ClusterIP",
  clusterIP: "10.96.0.10",
  clusterIPs: ["10.96.0.10"],
  selector: { app: "web" },
  ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
  sessionAffinity: "None",
});
export const nodePortService = service("web-np", "uid-svc-web-np", {
  type: "NodePort",
  clusterIP: "10.96.0.11",
  selector: { app: "web" },
  ports: [{ port: 80, targetPort: 8080, nodePort: 30080, protocol: "TCP" }],
});
export const headlessService = service("db", "uid-svc-db", {
  type: "ClusterIP",
  clusterIP: "None",
  selector: { app: "db" },
  ports: [{ name: "pg", port: 5432, targetPort: 5432, protocol: "TCP" }],
});
export const externalService = service("ext", "uid-svc-ext", {
  type: "ExternalName",
  externalName: "example.com",
});

export const ingress: Ingress = {
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: meta("web", "uid-ing-web"),
  spec: {
    ingressClassName: "berth",
    tls: [{ hosts: ["web.example.com"], secretName: "web-tls" }],
    rules: [
      {
        host: "web.example.com",
        http: {
          paths: [
            { path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } },
          ],
        },
      },
    ],
  },
};

export const configMap: ConfigMap = {
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: meta("web-config", "uid-cm-web"),
  data: { "app.conf": "listen 8080\n", mode: "production" },
};

export const secret: Secret = {
  apiVersion: "v1",
  kind: "Secret",
  metadata: meta("web-secret", "uid-secret-web"),
  type: "Opaque",
  data: { password: hashSecretValue(Buffer.from("hunter2").toString("base64"), SALT) },
};

export const teamNamespace: Namespace = {
  apiVersion: "v1",
  kind: "Namespace",
  metadata: {
    name: "team-a",
    labels: {},
    annotations: {},
    uid: "uid-ns-team-a",
    resourceVersion: "1",
    creationTimestamp: at(-3600),
  },
  status: { phase: "Active" },
};

export const workerPod: Pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { ...meta("worker-1", "uid-pod-worker-1", { labels: { app: "worker" } }), namespace: "team-a" },
  spec: {
    containers: [{ name: "worker", image: "berth.local/busybox:1" }],
    restartPolicy: "Never",
    nodeName: "n1",
  },
  status: {
    phase: "Succeeded",
    podIP: "10.244.1.9",
    conditions: [{ type: "Ready", status: "False", reason: "PodCompleted" }],
    containerStatuses: [
      {
        name: "worker",
        image: "berth.local/busybox:1",
        imageID: "sha256:2222",
        ready: false,
        restartCount: 0,
        state: { terminated: { exitCode: 0, reason: "Completed", startedAt: at(5), finishedAt: at(9) } },
        lastState: {},
      },
    ],
  },
};

export const objects: KObject[] = [
  teamNamespace,
  deployment,
  replicaSet,
  webPodA,
  webPodB,
  statefulSet,
  dbPod,
  daemonSet,
  cronJob,
  job,
  webService,
  nodePortService,
  headlessService,
  externalService,
  ingress,
  configMap,
  secret,
  workerPod,
];

function node(name: string, extra: Partial<NodeState> = {}): NodeState {
  return {
    name,
    labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux" },
    conditions: [
      {
        type: "Ready",
        status: "True",
        reason: "AgentReady",
        message: "docker engine answers",
        lastTransitionTime: at(-60),
      },
    ],
    capacity: { cpu: "2", memory: "3920Mi", pods: "110" },
    allocatable: { cpu: "2", memory: "3920Mi", pods: "110" },
    lastHeartbeatTime: at(290),
    nodeInfo: {
      containerRuntimeVersion: "docker://27.5.1",
      operatingSystem: "Debian GNU/Linux 12 (bookworm)",
      architecture: "amd64",
      kernelVersion: "6.1.0-28-amd64",
    },
    ...extra,
  };
}

export const n1 = node("n1", {
  labels: { "kubernetes.io/hostname": "n1", "node-role.kubernetes.io/control-plane": "" },
});
export const n2 = node("n2", { taints: [{ key: "dedicated", value: "db", effect: "NoSchedule" }] });
export const nodes: NodeState[] = [n1, n2];

function event(
  kind: StateEvent["involvedObject"]["kind"],
  name: string,
  uid: string,
  type: StateEvent["type"],
  reason: string,
  message: string,
  component: string,
  first: number,
  last = first,
  count = 1,
): StateEvent {
  return {
    type,
    reason,
    message,
    involvedObject: { kind, namespace: "default", name, uid },
    source: component === "kubelet" ? { component, host: "n2" } : { component },
    count,
    firstTimestamp: at(first),
    lastTimestamp: at(last),
  };
}

export const scalingEvent = event(
  "Deployment",
  "web",
  "uid-deploy-web",
  "Normal",
  "ScalingReplicaSet",
  "Scaled up replica set web-7d4b9c to 2",
  "deployment-controller",
  0,
);

export const events: StateEvent[] = [
  scalingEvent,
  event(
    "Pod",
    "web-7d4b9c-fghij",
    "uid-pod-fghij",
    "Normal",
    "Scheduled",
    "Successfully assigned default/web-7d4b9c-fghij to n2",
    "default-scheduler",
    1,
  ),
  event(
    "Pod",
    "web-7d4b9c-fghij",
    "uid-pod-fghij",
    "Warning",
    "BackOff",
    "Back-off restarting failed container web in pod web-7d4b9c-fghij_default(uid-pod-fghij)",
    "kubelet",
    70,
    125,
    3,
  ),
  event(
    "Pod",
    "web-7d4b9c-fghij",
    "uid-pod-fghij",
    "Normal",
    "Started",
    "Started container web",
    "kubelet",
    8,
    130,
    3,
  ),
];

// The StatefulSet the workload tests run: `db`, busybox with a claim `data` mounted at /data.

/** Writes a random token into the claim on the first start only, then idles (TERM ends it). */
export const TOKEN_ONCE =
  "[ -f /data/token ] || cat /proc/sys/kernel/random/uuid > /data/token; trap 'exit 0' TERM; sleep 3600 & wait";

export interface DbOptions {
  replicas: number;
  command?: string;
  gracePeriod?: number;
  /** More `spec` fields, as YAML lines indented by two spaces. */
  spec?: string;
  /** More pod `spec` fields, as YAML lines indented by six spaces. */
  podSpec?: string;
}

export function dbStatefulSet(o: DbOptions): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: ${o.replicas}
${o.spec ?? ""}  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      terminationGracePeriodSeconds: ${o.gracePeriod ?? 2}
${o.podSpec ?? ""}      containers:
        - name: db
          image: berth.local/busybox:1
          command: ["sh", "-c", ${JSON.stringify(o.command ?? TOKEN_ONCE)}]
          volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Mi}}}
`;
}

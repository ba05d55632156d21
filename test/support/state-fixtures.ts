// Objects and state documents for state-file tests: realistic shapes, valid against the schema.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KObject, Pod, Secret } from "../../src/manifest/types.js";
import { newSecretSalt } from "../../src/state/secrets.js";
import { emptyStateContent, prepareForSave } from "../../src/state/snapshot.js";
import type { StateContent, StateData } from "../../src/state/types.js";

export const T0 = Date.parse("2026-11-26T10:00:00Z");

/** A fresh temp directory and a function that removes it. */
export function tempDir(prefix = "berth-state-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function pod(i: number, extra = ""): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `web-7d4b9c-${i}`,
      namespace: "default",
      labels: { app: "web", "pod-template-hash": "7d4b9c" },
      annotations: { "berth.io/note": extra },
      uid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      resourceVersion: String(i + 1),
      generation: 1,
      creationTimestamp: "2026-11-26T10:00:00Z",
      ownerReferences: [
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-7d4b9c", uid: "rs-uid", controller: true },
      ],
    },
    spec: {
      nodeName: `n${i % 3}`,
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      containers: [
        {
          name: "web",
          image: "berth.local/web:1",
          imagePullPolicy: "IfNotPresent",
          ports: [{ containerPort: 8080, protocol: "TCP" }],
          env: [{ name: "GREETING", value: `hello ${i}` }],
        },
      ],
    },
    status: {
      phase: "Running",
      podIP: `10.244.0.${i % 250}`,
      conditions: [{ type: "Ready", status: "True", lastTransitionTime: "2026-11-26T10:00:05Z" }],
      containerStatuses: [
        {
          name: "web",
          image: "berth.local/web:1",
          imageID: "sha256:abc",
          containerID: `docker://${String(i).padStart(64, "0")}`,
          ready: true,
          restartCount: 0,
          state: { running: { startedAt: "2026-11-26T10:00:03Z" } },
          lastState: {},
        },
      ],
    },
  };
}

export function secret(
  name: string,
  data: Record<string, string>,
  stringData?: Record<string, string>,
): Secret {
  const s: Secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name,
      namespace: "default",
      labels: {},
      annotations: { "berth.io/app": "demo" },
      uid: `uid-${name}`,
      resourceVersion: "7",
      generation: 1,
      creationTimestamp: "2026-11-26T10:00:00Z",
    },
    type: "Opaque",
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString("base64")])),
  };
  if (stringData) s.stringData = stringData;
  return s;
}

export function content(objects: KObject[], extra: Partial<StateContent> = {}): StateContent {
  return { ...emptyStateContent(), resourceVersion: objects.length + 1, objects, ...extra };
}

/** A whole saved document (envelope included), as prepareForSave makes it. */
export function stateData(objects: KObject[] = [], extra: Partial<StateContent> = {}): StateData {
  return prepareForSave(content(objects, extra), { secretSalt: newSecretSalt(), savedAt: T0 });
}

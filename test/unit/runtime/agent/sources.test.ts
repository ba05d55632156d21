import { describe, expect, it } from "vitest";
import type { Pod } from "../../../../src/manifest/types.js";
import {
  podReferences,
  storeSources,
  unloadedMessage,
  unloadedSecrets,
} from "../../../../src/runtime/agent/sources.js";
import { hashSecretValue } from "../../../../src/state/secrets.js";
import { ObjectStore } from "../../../../src/state/store.js";

const pod: Pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "default" },
  spec: {
    volumes: [
      { name: "cfg", configMap: { name: "files" } },
      { name: "tls", secret: { secretName: "certs" } },
    ],
    initContainers: [{ name: "i", image: "x", envFrom: [{ secretRef: { name: "init-env" } }] }],
    containers: [
      {
        name: "c",
        image: "x",
        env: [
          { name: "A", valueFrom: { configMapKeyRef: { name: "env-cm", key: "a" } } },
          { name: "B", valueFrom: { secretKeyRef: { name: "env-secret", key: "b" } } },
        ],
        envFrom: [{ configMapRef: { name: "all" } }],
      },
    ],
  },
};

describe("what a pod uses", () => {
  it("lists ConfigMaps and Secrets from volumes, env and envFrom", () => {
    const r = podReferences(pod);
    expect([...r.configMaps].sort()).toEqual(["all", "env-cm", "files"]);
    expect([...r.secrets].sort()).toEqual(["certs", "env-secret", "init-env"]);
    expect([...r.volumeConfigMaps]).toEqual(["files"]);
    expect([...r.volumeSecrets]).toEqual(["certs"]);
  });

  it("finds Secrets restored from the state file with hashes instead of values", () => {
    const store = new ObjectStore();
    const secret = (name: string, value: string) =>
      store.create({
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name, namespace: "default" },
        data: { k: value },
      });
    secret("certs", hashSecretValue("c2VjcmV0", "salt"));
    secret("env-secret", Buffer.from("fine").toString("base64"));
    expect(unloadedSecrets(pod, storeSources(store, "default"))).toEqual(["certs"]);
    expect(unloadedMessage(["a", "b"])).toBe(
      'secret "a", secret "b" not loaded yet: berth restarted and the Secret\'s source has not been synced again',
    );
  });
});

// One plan exercising every action, used by the renderer tests.

import { planDiff } from "../../../../src/diff/plan.js";
import type { Plan } from "../../../../src/diff/types.js";
import { configMap, container, deployment, recordedFromGit, secret } from "../fixtures.js";

export const SECRET_OLD = Buffer.from("s3cr3t-old-value").toString("base64");
export const SECRET_NEW = Buffer.from("s3cr3t-new-value").toString("base64");
export const SECRET_ADDED = Buffer.from("s3cr3t-token").toString("base64");

export function scenario(): Plan {
  const web = (image: string, replicas: number) =>
    deployment("web", {
      replicas,
      containers: [
        container("web", image, {
          env: [{ name: "MODE", valueFrom: { configMapKeyRef: { name: "web-config", key: "mode" } } }],
        }),
      ],
    });
  const legacy = recordedFromGit(configMap("legacy", { a: "1" }));
  legacy.metadata.annotations = { ...legacy.metadata.annotations, "berth.io/prune": "false" };
  const desired = [
    web("berth.local/web:2", 3),
    configMap("web-config", { mode: "blue", "app.conf": "listen 80\nworkers 4\n" }),
    secret("db", { password: SECRET_NEW, token: SECRET_ADDED }),
    configMap("unchanged", { k: "v" }),
  ];
  const recorded = [
    recordedFromGit(web("berth.local/web:1", 3)),
    recordedFromGit(configMap("web-config", { mode: "green", "app.conf": "listen 80\nworkers 2\n" })),
    recordedFromGit(secret("db", { password: SECRET_OLD })),
    recordedFromGit(configMap("unchanged", { k: "v" })),
    recordedFromGit(configMap("old", { x: "y" })),
    legacy,
  ];
  return planDiff(desired, recorded);
}

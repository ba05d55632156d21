// Where the JSON Schemas live and which apiVersion/kind pairs have one. schemas/ sits at the repo
// root, one level above both src/ (tsx, vitest) and dist/ (compiled), so the same relative URL
// works from src/manifest/schema-files.ts and dist/manifest/schema-files.js.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const SCHEMA_DIR = fileURLToPath(new URL("../../schemas/", import.meta.url));
export const DEFS_DIR = join(SCHEMA_DIR, "defs");

/** Every apiVersion and kind berth validates: current versions first, then the legacy ones it converts. */
export const SCHEMA_PAIRS: readonly (readonly [apiVersion: string, kind: string])[] = [
  ["v1", "Namespace"],
  ["v1", "Pod"],
  ["v1", "ConfigMap"],
  ["v1", "Secret"],
  ["v1", "Service"],
  ["apps/v1", "Deployment"],
  ["apps/v1", "ReplicaSet"],
  ["apps/v1", "DaemonSet"],
  ["apps/v1", "StatefulSet"],
  ["batch/v1", "Job"],
  ["batch/v1", "CronJob"],
  ["networking.k8s.io/v1", "Ingress"],
  ["extensions/v1beta1", "Deployment"],
  ["extensions/v1beta1", "DaemonSet"],
  ["extensions/v1beta1", "ReplicaSet"],
  ["extensions/v1beta1", "Ingress"],
  ["apps/v1beta1", "Deployment"],
  ["apps/v1beta1", "StatefulSet"],
  ["apps/v1beta2", "Deployment"],
  ["apps/v1beta2", "ReplicaSet"],
  ["apps/v1beta2", "DaemonSet"],
  ["apps/v1beta2", "StatefulSet"],
  ["batch/v1beta1", "CronJob"],
  ["batch/v2alpha1", "CronJob"],
  ["batch/v2alpha1", "ScheduledJob"],
  ["networking.k8s.io/v1beta1", "Ingress"],
];

/** "apps/v1" + "Deployment" → "apps.v1.Deployment.json"; the core group is spelt "core". */
export function schemaFileName(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "core" : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  return `${group}.${version}.${kind}.json`;
}

export type JsonSchema = Record<string, unknown>;

function readJson(path: string): JsonSchema {
  return JSON.parse(readFileSync(path, "utf8")) as JsonSchema;
}

export function readKindSchema(apiVersion: string, kind: string): JsonSchema {
  return readJson(join(SCHEMA_DIR, schemaFileName(apiVersion, kind)));
}

/** The shared definitions (schemas/defs/*.json) that kind schemas $ref. */
export function readDefinitionSchemas(): JsonSchema[] {
  return readdirSync(DEFS_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => readJson(join(DEFS_DIR, f)));
}

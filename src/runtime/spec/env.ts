// A container's environment, computed as the kubelet's makeEnvironmentVariables does:
//  1. envFrom sources in order, each key prefixed; keys that are not valid variable names are
//     skipped and reported (InvalidEnvironmentVariableNames);
//  2. env entries in order, later ones overriding: `value` is `$(VAR)`-expanded against the
//     variables defined so far (envFrom included) and then the service variables; valueFrom
//     values (fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef) are never expanded;
//  3. service variables (when the networking layer supplies them) for names not yet defined.
// A missing non-optional ConfigMap/Secret/key is a configError (CreateContainerConfigError).

import type { Container, Pod } from "../../manifest/types.js";
import { configError } from "../errors.js";
import { configMapValues, secretValues, type ConfigSources, type PodRuntimeFacts } from "./context.js";
import { expand, mappingFor } from "./expand.js";
import { fieldRefValue, resourceFieldRefValue } from "./fieldref.js";

const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function isEnvVarName(name: string): boolean {
  return ENV_VAR_NAME.test(name);
}

/** A Kubernetes-style Warning event the caller records on the pod. */
export interface SpecWarning {
  reason: string;
  message: string;
}

export interface EnvResult {
  /** Insertion-ordered: envFrom keys first, then env entries (an override keeps its place). */
  env: Map<string, string>;
  warnings: SpecWarning[];
}

export function buildEnv(
  pod: Pod,
  container: Container,
  sources: ConfigSources,
  facts: PodRuntimeFacts,
  serviceEnv: ReadonlyMap<string, string> = new Map(),
): EnvResult {
  const ns = pod.metadata.namespace ?? "default";
  const env = new Map<string, string>();
  const warnings: SpecWarning[] = [];

  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? "";
    let values: Map<string, string>;
    let what: string;
    if (from.configMapRef) {
      what = `configMap ${ns}/${from.configMapRef.name}`;
      const cm = sources.configMap(from.configMapRef.name);
      if (!cm) {
        if (from.configMapRef.optional) continue;
        throw configError(`configmap "${from.configMapRef.name}" not found`);
      }
      values = configMapValues(cm);
    } else if (from.secretRef) {
      what = `secret ${ns}/${from.secretRef.name}`;
      const s = sources.secret(from.secretRef.name);
      if (!s) {
        if (from.secretRef.optional) continue;
        throw configError(`secret "${from.secretRef.name}" not found`);
      }
      values = secretValues(s);
    } else {
      continue;
    }
    const invalid: string[] = [];
    for (const key of [...values.keys()].sort()) {
      const name = prefix + key;
      if (!isEnvVarName(name)) {
        invalid.push(name);
        continue;
      }
      env.set(name, values.get(key) ?? "");
    }
    if (invalid.length > 0) {
      warnings.push({
        reason: "InvalidEnvironmentVariableNames",
        message: `Keys [${invalid.join(", ")}] from the EnvFrom ${what} were skipped since they are considered invalid environment variable names.`,
      });
    }
  }

  const mapping = mappingFor(env, serviceEnv);
  for (const v of container.env ?? []) {
    let val = v.value ?? "";
    if (val !== "") {
      val = expand(val, mapping);
    } else if (v.valueFrom) {
      const vf = v.valueFrom;
      if (vf.fieldRef) {
        val = fieldRefValue(pod, vf.fieldRef.fieldPath, facts);
      } else if (vf.resourceFieldRef) {
        val = resourceFieldRefValue(pod, container, vf.resourceFieldRef, facts);
      } else if (vf.configMapKeyRef) {
        const ref = vf.configMapKeyRef;
        const cm = sources.configMap(ref.name);
        if (!cm) {
          if (ref.optional) continue;
          throw configError(`configmap "${ref.name}" not found`);
        }
        const got = configMapValues(cm).get(ref.key);
        if (got === undefined) {
          if (ref.optional) continue;
          throw configError(`couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}`);
        }
        val = got;
      } else if (vf.secretKeyRef) {
        const ref = vf.secretKeyRef;
        const s = sources.secret(ref.name);
        if (!s) {
          if (ref.optional) continue;
          throw configError(`secret "${ref.name}" not found`);
        }
        const got = secretValues(s).get(ref.key);
        if (got === undefined) {
          if (ref.optional) continue;
          throw configError(`couldn't find key ${ref.key} in Secret ${ns}/${ref.name}`);
        }
        val = got;
      }
    }
    env.set(v.name, val);
  }

  for (const [k, v] of serviceEnv) if (!env.has(k)) env.set(k, v);
  return { env, warnings };
}

/** `NAME=value` lines for Docker's Env. */
export function dockerEnv(env: ReadonlyMap<string, string>): string[] {
  return [...env].map(([k, v]) => `${k}=${v}`);
}

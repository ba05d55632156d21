// ConfigMaps and Secrets: keys usable as file names, no key in both data and binaryData, base64
// where base64 is due, the 1 MiB size limit, and the keys each Secret type requires. Secret
// values never appear in messages.

import { error, type Issue } from "../issue.js";
import type { ConfigMap, Secret } from "../types.js";
import { problemIssues } from "./report.js";
import { isConfigMapKey } from "./validation.js";

const MAX_SIZE = 1024 * 1024;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Where standard base64 first goes wrong (Go's decoder skips CR and LF), or -1 when valid. */
export function base64ErrorOffset(s: string): number {
  const clean = s.replace(/[\r\n]/g, "");
  if (BASE64_RE.test(clean)) return -1;
  const bad = clean.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return bad;
  const pad = clean.indexOf("=");
  if (pad >= 0) {
    const afterPadding = clean.slice(pad).search(/[^=]/);
    if (afterPadding >= 0) return pad + afterPadding;
    if (pad < clean.length - 2) return pad;
  }
  return clean.length - (clean.length % 4 || 4);
}

function decodedLength(s: string): number {
  return Buffer.from(s.replace(/[\r\n]/g, ""), "base64").length;
}

function checkBase64Map(
  data: Record<string, string> | undefined,
  field: string,
  secret: boolean,
): { issues: Issue[]; size: number } {
  const issues: Issue[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(data ?? {})) {
    issues.push(...problemIssues([field, key], key, isConfigMapKey(key), { what: "key:" }));
    const offset = base64ErrorOffset(value);
    if (offset >= 0) {
      issues.push(
        error(
          "E_VALUE",
          [field, key],
          `the value is not valid base64 (illegal base64 data at input byte ${offset})`,
          {
            expected: "standard base64",
            // Never echo a Secret's value.
            found: secret ? "a value that is not base64" : JSON.stringify(value.slice(0, 40)),
            hint: secret
              ? "put plain text under stringData instead, or encode the value with base64"
              : "put text under data instead",
          },
        ),
      );
    } else size += decodedLength(value);
  }
  return { issues, size };
}

function sizeIssue(size: number, kind: string): Issue[] {
  if (size <= MAX_SIZE) return [];
  return [
    error("E_VALUE", ["data"], `a ${kind} may hold at most ${MAX_SIZE} bytes of data`, {
      expected: `at most ${MAX_SIZE} bytes`,
      found: `${size} bytes`,
    }),
  ];
}

export function checkConfigMap(cm: ConfigMap): Issue[] {
  const out: Issue[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    out.push(...problemIssues(["data", key], key, isConfigMapKey(key), { what: "key:" }));
    size += Buffer.byteLength(value);
  }
  const binary = checkBase64Map(cm.binaryData, "binaryData", false);
  out.push(...binary.issues);
  for (const key of Object.keys(cm.binaryData ?? {})) {
    if (cm.data && Object.hasOwn(cm.data, key)) {
      out.push(
        error("E_DUPLICATE", ["binaryData", key], `key "${key}" is in both data and binaryData`, {
          expected: "each key in one of data or binaryData",
          found: JSON.stringify(key),
        }),
      );
    }
  }
  out.push(...sizeIssue(size + binary.size, "ConfigMap"));
  return out;
}

/** Keys each built-in Secret type requires: all of them, or (basic-auth) at least one. */
const REQUIRED_KEYS: Readonly<Record<string, { keys: string[]; any?: boolean }>> = {
  "kubernetes.io/tls": { keys: ["tls.crt", "tls.key"] },
  "kubernetes.io/dockerconfigjson": { keys: [".dockerconfigjson"] },
  "kubernetes.io/dockercfg": { keys: [".dockercfg"] },
  "kubernetes.io/ssh-auth": { keys: ["ssh-privatekey"] },
  "kubernetes.io/basic-auth": { keys: ["username", "password"], any: true },
};

export function checkSecret(secret: Secret): Issue[] {
  const data = checkBase64Map(secret.data, "data", true);
  const out = [...data.issues, ...sizeIssue(data.size, "Secret")];
  const type = secret.type ?? "Opaque";
  const required = REQUIRED_KEYS[type];
  if (required) {
    const present = required.keys.filter((k) => secret.data !== undefined && Object.hasOwn(secret.data, k));
    const missing = required.keys.filter((k) => !present.includes(k));
    const ok = required.any ? present.length > 0 : missing.length === 0;
    if (!ok) {
      const what = required.any ? `one of ${required.keys.join(" or ")}` : missing.join(" and ");
      out.push(
        error(
          "E_VALUE",
          ["data"],
          `a ${type} Secret needs the key${required.any || missing.length > 1 ? "s" : ""} ${what}`,
          {
            expected: required.keys.join(", "),
            found: Object.keys(secret.data ?? {}).join(", ") || "no keys",
          },
        ),
      );
    }
  }
  return out;
}

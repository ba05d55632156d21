// String formats of berth.yaml, shared by the JSON Schema (as ajv formats) and the error messages
// (what was expected, and why a value is wrong where a reason helps).

import { isIP } from "node:net";
import { parseQuantity, QUANTITY_EXAMPLES } from "../manifest/quantity.js";
import { DURATION_EXPECTED, isDuration } from "./duration.js";
import { ENDPOINT_EXPECTED, parseEndpoint } from "./endpoint.js";

interface Format {
  validate: (value: string) => boolean;
  expected: string;
  /** Why a value fails, when more can be said than `expected`. */
  reason?: (value: string) => string | undefined;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

function isDnsSubdomain(s: string): boolean {
  return s.length <= 253 && s.split(".").every((part) => DNS_LABEL.test(part));
}

function isLabelKey(s: string): boolean {
  const slash = s.lastIndexOf("/");
  if (slash < 0) return LABEL_NAME.test(s);
  return isDnsSubdomain(s.slice(0, slash)) && LABEL_NAME.test(s.slice(slash + 1));
}

/** "host:port", "[v6]:port" or ":port" (every interface); port 1..65535. */
export function parseListenAddress(s: string): { host: string; port: number } | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]*):(\d{1,5})$/.exec(s);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  const raw = m[1] ?? "";
  const host = raw.startsWith("[") ? raw.slice(1, -1) : raw;
  if (raw.startsWith("[") && isIP(host) !== 6) return undefined;
  if (host !== "" && isIP(host) === 0 && !isDnsSubdomain(host.toLowerCase())) return undefined;
  return { host, port };
}

export function parsePortRange(s: string): { min: number; max: number } | undefined {
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(s);
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = Number(m[2]);
  return min >= 1 && max <= 65535 && min <= max ? { min, max } : undefined;
}

export const FORMATS: Readonly<Record<string, Format>> = {
  duration: { validate: isDuration, expected: DURATION_EXPECTED },
  quantity: {
    validate: (s) => {
      const q = parseQuantity(s);
      return q.ok && q.value.milli >= 0n;
    },
    expected: `${QUANTITY_EXAMPLES}, not negative`,
    reason: (s) => {
      const q = parseQuantity(s);
      return q.ok ? "must not be negative" : `not a quantity: ${q.reason}`;
    },
  },
  "docker-endpoint": {
    validate: (s) => parseEndpoint(s).ok,
    expected: ENDPOINT_EXPECTED,
    reason: (s) => {
      const r = parseEndpoint(s);
      return r.ok ? undefined : `not a Docker endpoint: ${r.reason}`;
    },
  },
  "listen-address": {
    validate: (s) => parseListenAddress(s) !== undefined,
    expected: 'host:port such as "127.0.0.1:8080", "[::1]:8080" or ":8080"',
  },
  "port-range": {
    validate: (s) => parsePortRange(s) !== undefined,
    expected: 'a port range "min-max" within 1-65535, such as "30000-32767"',
  },
  "ipv4-network": {
    validate: (s) => parseIPv4Network(s),
    expected: 'an IPv4 network "address/prefix" of /21 or larger, such as "10.96.0.0/12"',
  },
  "label-key": { validate: isLabelKey, expected: "a label key such as zone or example.com/zone" },
  "label-value": {
    validate: (s) => LABEL_VALUE.test(s),
    expected: "a label value: at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric",
  },
  "dns-label": {
    validate: (s) => DNS_LABEL.test(s),
    expected: "a DNS label: lowercase letters, digits and '-', at most 63, starting and ending alphanumeric",
  },
  "dns-subdomain": {
    validate: isDnsSubdomain,
    expected: "a DNS name: lowercase letters, digits, '-' and '.', at most 253",
  },
  "absolute-path": { validate: (s) => s.startsWith("/"), expected: "an absolute path such as /srv/data" },
  "env-name": {
    validate: (s) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s),
    expected: "an environment variable name such as BERTH_TOKEN",
  },
  host: {
    validate: (s) => isIP(s) !== 0 || isDnsSubdomain(s.toLowerCase()),
    expected: "an IP address such as 10.0.0.2 (or a DNS name)",
  },
};

/** "10.96.0.0/12": the network address first, prefix 8..21 (services.networkRange holds /21s). */
function parseIPv4Network(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(s);
  if (!m) return false;
  const parts = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (parts.some((p) => p > 255) || prefix < 8 || prefix > 21) return false;
  const n = parts.reduce((a, p) => a * 256 + p, 0);
  return n % 2 ** (32 - prefix) === 0;
}

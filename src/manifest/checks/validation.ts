// Kubernetes' string validators (apimachinery pkg/util/validation), with its messages. Each returns
// the problems found (empty when valid): a message in Kubernetes' words and the expected form.

export interface Problem {
  message: string;
  expected: string;
}

const DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
const QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_VALUE = `(${QUALIFIED_NAME})?`;
const CONFIG_KEY = "[-._a-zA-Z0-9]+";

const full = (re: string): RegExp => new RegExp(`^(?:${re})$`);
const DNS1123_LABEL_RE = full(DNS1123_LABEL);
const DNS1123_SUBDOMAIN_RE = full(DNS1123_SUBDOMAIN);
const DNS1035_LABEL_RE = full(DNS1035_LABEL);
const QUALIFIED_NAME_RE = full(QUALIFIED_NAME);
const LABEL_VALUE_RE = full(LABEL_VALUE);
const CONFIG_KEY_RE = full(CONFIG_KEY);

function examples(regex: string, ...ex: string[]): string {
  return `a value such as ${ex.map((e) => `'${e}'`).join(" or ")} (regex used for validation is '${regex}')`;
}

export function maxLen(n: number): Problem {
  return { message: `must be no more than ${n} characters`, expected: `at most ${n} characters` };
}

export function isDNS1123Label(v: string, max = 63): Problem[] {
  const out: Problem[] = [];
  if (v.length > max) out.push(maxLen(max));
  if (!DNS1123_LABEL_RE.test(v)) {
    out.push({
      message:
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
      expected: examples(DNS1123_LABEL, "my-name", "123-abc"),
    });
  }
  return out;
}

export function isDNS1123Subdomain(v: string, max = 253): Problem[] {
  const out: Problem[] = [];
  if (v.length > max) out.push(maxLen(max));
  if (!DNS1123_SUBDOMAIN_RE.test(v)) {
    out.push({
      message:
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      expected: examples(DNS1123_SUBDOMAIN, "example.com"),
    });
  }
  return out;
}

export function isDNS1035Label(v: string): Problem[] {
  const out: Problem[] = [];
  if (v.length > 63) out.push(maxLen(63));
  if (!DNS1035_LABEL_RE.test(v)) {
    out.push({
      message:
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
      expected: examples(DNS1035_LABEL, "my-name", "abc-123"),
    });
  }
  return out;
}

/** A host in an Ingress rule: a DNS subdomain, optionally starting with one "*." label. */
export function isWildcardOrDNS1123Subdomain(v: string): Problem[] {
  return v.startsWith("*.") ? isDNS1123Subdomain(v.slice(2)) : isDNS1123Subdomain(v);
}

/** Label and annotation keys: an optional DNS-subdomain prefix and '/', then a name of ≤63. */
export function isQualifiedName(v: string): Problem[] {
  const parts = v.split("/");
  let name: string;
  const out: Problem[] = [];
  if (parts.length === 1) {
    name = v;
  } else if (parts.length === 2) {
    const [prefix = "", rest = ""] = parts;
    name = rest;
    if (prefix === "")
      out.push({ message: "prefix part must be non-empty", expected: "a DNS subdomain prefix" });
    else
      for (const p of isDNS1123Subdomain(prefix))
        out.push({ message: `prefix part ${p.message}`, expected: p.expected });
  } else {
    return [
      {
        message:
          "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/'",
        expected: examples(QUALIFIED_NAME, "MyName", "my.name", "example.com/MyName"),
      },
    ];
  }
  if (name === "")
    out.push({ message: "name part must be non-empty", expected: "a name of 1 to 63 characters" });
  else {
    if (name.length > 63)
      out.push({
        message: "name part must be no more than 63 characters",
        expected: "at most 63 characters",
      });
    if (!QUALIFIED_NAME_RE.test(name)) {
      out.push({
        message:
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        expected: examples(QUALIFIED_NAME, "MyName", "my.name", "123-abc"),
      });
    }
  }
  return out;
}

export function isValidLabelValue(v: string): Problem[] {
  const out: Problem[] = [];
  if (v.length > 63) out.push(maxLen(63));
  if (!LABEL_VALUE_RE.test(v)) {
    out.push({
      message:
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
      expected: examples(LABEL_VALUE, "MyValue", "my_value", "12345"),
    });
  }
  return out;
}

/** IANA_SVC_NAME (RFC 6335): how container ports are named and probes refer to them. */
export function isValidPortName(v: string): Problem[] {
  const out: Problem[] = [];
  const expected = "an IANA service name: 1-15 lower case letters, digits and '-', with at least one letter";
  if (v.length < 1 || v.length > 15) out.push({ message: "must be no more than 15 characters", expected });
  if (!/^[-a-z0-9]+$/.test(v)) {
    out.push({ message: "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", expected });
  }
  if (!/[a-z]/.test(v)) out.push({ message: "must contain at least one letter (a-z)", expected });
  if (v.includes("--")) out.push({ message: "must not contain consecutive hyphens", expected });
  if (v.startsWith("-") || v.endsWith("-"))
    out.push({ message: "must not begin or end with a hyphen", expected });
  return out;
}

/**
 * Environment variable names as Kubernetes accepts them since RelaxedEnvironmentVariableValidation
 * (beta and on by default in 1.32, GA in 1.34): any printable ASCII except '='.
 */
export function isEnvVarName(v: string): Problem[] {
  if (v !== "" && /^[\x20-\x3c\x3e-\x7e]+$/.test(v)) return [];
  return [
    {
      message:
        "a valid environment variable name must consist only of printable ASCII characters other than '='",
      expected: "a name such as 'MY_VAR' or 'my.var'",
    },
  ];
}

/** Keys of ConfigMap and Secret data (also file names when mounted). */
export function isConfigMapKey(v: string): Problem[] {
  const out: Problem[] = [];
  if (v.length > 253) out.push(maxLen(253));
  if (!CONFIG_KEY_RE.test(v)) {
    out.push({
      message: "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
      expected: examples(CONFIG_KEY, "key.name", "KEY_NAME", "key-name"),
    });
  }
  const dots = { expected: "a key other than '.' or '..'" };
  if (v === ".") out.push({ message: "must not be '.'", ...dots });
  else if (v === "..") out.push({ message: "must not be '..'", ...dots });
  else if (v.startsWith("..")) out.push({ message: "must not start with '..'", ...dots });
  return out;
}

// Invalid manifests as users write them, through the whole pipeline (parse, schema, conversion,
// defaults, checks): each must produce exactly these messages, at exactly these lines and columns.
// The fixtures are files under test/fixtures/invalid/; a message changes only on purpose.
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../../src/manifest/diagnostics.js";
import { loadManifestPaths } from "../../../src/manifest/index.js";

const DIR = "test/fixtures/invalid";

// [fixture, messages as `line:column: severity CODE: object: path: message (expected, found); hint`]
const EXPECTED: [string, string[]][] = [
  [
    "01-replicas-string.yaml",
    [
      '6:3: error E_SCHEMA: Deployment default/web: spec.replicas: wrong type (expected integer, found "three")',
    ],
  ],
  [
    "02-missing-image.yaml",
    [
      '16:11: error E_SCHEMA: Deployment default/web: spec.template.spec.containers[0].image: missing required field "image"',
    ],
  ],
  [
    "03-selector-mismatch.yaml",
    [
      "7:3: error E_SELECTOR: Deployment default/web: spec.selector: selector does not match template labels (expected template labels matching app=web, found app=other); make spec.template.metadata.labels carry every label the selector asks for",
    ],
  ],
  [
    "04-name-uppercase.yaml",
    [
      "4:3: error E_NAME: Deployment default/Web: metadata.name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (expected a value such as 'example.com' (regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), found \"Web\")",
    ],
  ],
  [
    "05-namespace-name-too-long.yaml",
    [
      "4:3: error E_NAME: Namespace aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: metadata.name: must be no more than 63 characters (expected at most 63 characters, found 64 characters)",
    ],
  ],
  [
    "06-cronjob-name-too-long.yaml",
    [
      "4:3: error E_NAME: CronJob default/ccccccccccccccccccccccccccccccccccccccccccccccccccccc: metadata.name: must be no more than 52 characters (expected at most 52 characters, found 53 characters); CronJob names are limited to 52 characters because Kubernetes appends 11 characters to name each Job",
    ],
  ],
  [
    "07-job-restart-always.yaml",
    [
      '7:5: error E_RESTART_POLICY: Job default/once: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never" (expected OnFailure or Never, found "Always"); set spec.template.spec.restartPolicy to OnFailure or Never; Kubernetes defaults it to Always, which Jobs do not allow',
    ],
  ],
  [
    "08-deployment-restart-never.yaml",
    [
      '15:7: error E_RESTART_POLICY: Deployment default/web: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always" (expected Always, found "Never"); set spec.template.spec.restartPolicy to Always or remove it: Deployment pods are always restarted',
    ],
  ],
  [
    "09-duplicate-container-names.yaml",
    [
      '18:11: error E_DUPLICATE: Deployment default/web: spec.template.spec.containers[1].name: container name "web" is already used at spec.template.spec.containers[0].name (expected a unique container name, found "web")',
    ],
  ],
  [
    "10-probe-unknown-named-port.yaml",
    [
      '24:15: error E_PORT: Deployment default/web: spec.template.spec.containers[0].readinessProbe.httpGet.port: the probe refers to port "htpp", which is not a named port of container "web" (expected a port number or one of: http, found "htpp"); add a port named "htpp" to the container\'s ports, or use the port number',
    ],
  ],
  [
    "11-cpu-not-a-quantity.yaml",
    [
      '20:15: error E_QUANTITY: Deployment default/web: spec.template.spec.containers[0].resources.limits.cpu: not a quantity: unable to parse quantity\'s suffix "x" (expected a quantity such as 250m, 0.5, 64Mi or 1Gi, found "1x")',
    ],
  ],
  [
    "12-requests-exceed-limits.yaml",
    [
      "20:15: error E_QUANTITY: Deployment default/web: spec.template.spec.containers[0].resources.requests.memory: requests.memory (128Mi) must be less than or equal to limits.memory (64Mi) (expected at most 64Mi, found 128Mi); lower requests.memory or raise limits.memory",
    ],
  ],
  [
    "13-label-key-invalid.yaml",
    [
      "6:5: error E_NAME: ConfigMap default/cfg: metadata.labels[\"-bad-key\"]: label key: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (expected a value such as 'MyName' or 'my.name' or '123-abc' (regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), found \"-bad-key\")",
    ],
  ],
  [
    "14-label-value-invalid.yaml",
    [
      "6:5: error E_NAME: ConfigMap default/cfg: metadata.labels.app: label value: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (expected a value such as 'MyValue' or 'my_value' or '12345' (regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?'), found \"has spaces\")",
    ],
  ],
  [
    "15-max-surge-no-percent.yaml",
    [
      '13:7: error E_VALUE: Deployment default/web: spec.strategy.rollingUpdate.maxSurge: value has the wrong format (expected an integer >= 0 or a percentage like "25%", found "25")',
    ],
  ],
  [
    "16-surge-and-unavailable-zero.yaml",
    [
      "14:7: error E_VALUE: Deployment default/web: spec.strategy.rollingUpdate.maxUnavailable: may not be 0 when `maxSurge` is 0 (expected maxUnavailable or maxSurge above 0, found both 0); allow at least one extra or one unavailable pod, or the rollout cannot proceed",
    ],
  ],
  [
    "17-cron-minute-out-of-range.yaml",
    [
      '6:3: error E_SCHEDULE: CronJob default/tick: spec.schedule: the schedule does not parse: end of range (61) above maximum (59): 61 (expected 5 fields (minute hour day-of-month month day-of-week) or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, found "61 * * * *")',
    ],
  ],
  [
    "18-cron-bad-timezone.yaml",
    [
      '7:3: error E_SCHEDULE: CronJob default/tick: spec.timeZone: unknown time zone Mars/Olympus (expected an IANA time zone name such as Etc/UTC or Europe/Berlin, found "Mars/Olympus")',
    ],
  ],
  [
    "19-cron-tz-prefix.yaml",
    [
      '6:3: error E_SCHEDULE: CronJob default/tick: spec.schedule: cannot use TZ or CRON_TZ in schedule, use timeZone field instead (expected 5 fields (minute hour day-of-month month day-of-week) or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, found "CRON_TZ=UTC 0 * * * *"); move the zone to spec.timeZone (e.g. timeZone: Europe/Berlin) and keep the five fields in spec.schedule',
    ],
  ],
  [
    "20-service-duplicate-port.yaml",
    [
      "12:7: error E_DUPLICATE: Service default/web: spec.ports[1].port: port 80/TCP is already defined at spec.ports[0] (expected a unique port and protocol, found 80/TCP)",
    ],
  ],
  [
    "21-service-ports-unnamed.yaml",
    [
      "9:7: error E_NAME: Service default/web: spec.ports[0].name: each port needs a name when a Service has more than one port (expected a port name such as http, found nothing)",
      "10:7: error E_NAME: Service default/web: spec.ports[1].name: each port needs a name when a Service has more than one port (expected a port name such as http, found nothing)",
    ],
  ],
  [
    "22-service-name-starts-with-digit.yaml",
    [
      "4:3: error E_NAME: Service default/1web: metadata.name: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (expected a value such as 'my-name' or 'abc-123' (regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?'), found \"1web\"); Service names must start with a letter: they become DNS names",
    ],
  ],
  [
    "23-service-nodeport-on-clusterip.yaml",
    [
      "10:7: error E_VALUE: Service default/web: spec.ports[0].nodePort: may not be used when `type` is 'ClusterIP' (expected no nodePort, or type NodePort or LoadBalancer, found 30080)",
    ],
  ],
  [
    "24-ingress-prefix-without-slash.yaml",
    [
      "10:13: error E_VALUE: Ingress default/web: spec.rules[0].http.paths[0].path: must be an absolute path (expected a path starting with '/', found \"api\")",
    ],
  ],
  [
    "25-ingress-host-is-ip.yaml",
    [
      '7:7: error E_VALUE: Ingress default/web: spec.rules[0].host: must be a DNS name, not an IP address (expected a host name such as example.com, found "10.0.0.1")',
    ],
  ],
  [
    "26-host-port-out-of-range.yaml",
    [
      "11:11: error E_VALUE: Pod default/p: spec.containers[0].ports[0].hostPort: value out of range (expected an integer from 0 to 65535, found 70000)",
    ],
  ],
  [
    "27-container-port-zero.yaml",
    [
      "10:11: error E_VALUE: Pod default/p: spec.containers[0].ports[0].containerPort: value out of range (expected an integer from 1 to 65535, found 0)",
    ],
  ],
  [
    "28-env-name-with-equals.yaml",
    [
      "10:11: error E_NAME: Pod default/p: spec.containers[0].env[0].name: a valid environment variable name must consist only of printable ASCII characters other than '=' (expected a name such as 'MY_VAR' or 'my.var', found \"A=B\")",
    ],
  ],
  [
    "29-secret-data-not-base64.yaml",
    [
      "6:3: error E_VALUE: Secret default/s: data.token: the value is not valid base64 (illegal base64 data at input byte 3) (expected standard base64, found a value that is not base64); put plain text under stringData instead, or encode the value with base64",
    ],
  ],
  [
    "30-configmap-key-invalid.yaml",
    [
      "6:4: error E_NAME: ConfigMap default/cfg: data[\"a/b\"]: key: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (expected a value such as 'key.name' or 'KEY_NAME' or 'key-name' (regex used for validation is '[-._a-zA-Z0-9]+'), found \"a/b\")",
    ],
  ],
  [
    "31-liveness-success-threshold.yaml",
    [
      "12:9: error E_VALUE: Pod default/p: spec.containers[0].livenessProbe.successThreshold: must be 1 for a livenessProbe (expected 1, found 2); only readiness probes may require several successes in a row",
    ],
  ],
  [
    "32-mount-missing-volume.yaml",
    [
      '10:11: error E_VALUE: Pod default/p: spec.containers[0].volumeMounts[0].name: volumeMount refers to volume "data", which is not defined (expected a volume defined in spec.volumes, found "data"); define it in spec.volumes',
    ],
  ],
  [
    "33-duplicate-volume-names.yaml",
    [
      '9:7: error E_DUPLICATE: Pod default/p: spec.volumes[1].name: volume name "data" is already used at spec.volumes[0].name (expected a unique volume name, found "data")',
    ],
  ],
  [
    "34-restart-policy-enum.yaml",
    [
      '6:3: error E_VALUE: Pod default/p: spec.restartPolicy: value not allowed (expected one of "Always", "OnFailure", "Never", found "Sometimes")',
    ],
  ],
  [
    "35-pull-policy-enum.yaml",
    [
      '9:7: error E_VALUE: Pod default/p: spec.containers[0].imagePullPolicy: value not allowed (expected one of "Always", "IfNotPresent", "Never", found "Maybe")',
    ],
  ],
  [
    "36-wrong-api-version.yaml",
    [
      '1:1: error E_SCHEMA: Service default/web: apiVersion: apiVersion "apps/v1" does not serve kind Service (expected "v1", found "apps/v1")',
    ],
  ],
  [
    "37-missing-kind.yaml",
    [
      '1:1: error E_SCHEMA: object default/web: kind: missing required field "kind" (expected a kind such as "Deployment")',
    ],
  ],
  [
    "38-yaml-bad-indentation.yaml",
    ["5:2: error E_YAML: bad indentation of a mapping entry; fix the YAML syntax"],
  ],
  ["39-yaml-duplicate-key.yaml", ["5:3: error E_YAML: duplicated mapping key; fix the YAML syntax"]],
  [
    "40-duplicate-identity.yaml",
    [
      "6:1: error E_DUPLICATE: ConfigMap default/cfg: ConfigMap default/cfg is defined more than once: here and at test/fixtures/invalid/40-duplicate-identity.yaml:1:1; keep one definition; identity is kind + namespace + name",
    ],
  ],
  [
    "41-document-is-a-list.yaml",
    [
      "1:1: error E_NOT_OBJECT: a document must be a mapping with apiVersion, kind and metadata (found a list)",
    ],
  ],
  [
    "42-match-expression-in-without-values.yaml",
    [
      "11:9: error E_SELECTOR: Deployment default/web: spec.selector.matchExpressions[0].values: values must be specified when `operator` is 'In' or 'NotIn' (expected at least one value, found no values)",
      "7:3: error E_SELECTOR: Deployment default/web: spec.selector: selector does not match template labels (expected template labels matching app=web,tier in (), found app=web); make spec.template.metadata.labels carry every label the selector asks for",
    ],
  ],
  [
    "43-port-name-too-long.yaml",
    [
      "10:11: error E_NAME: Pod default/p: spec.containers[0].ports[0].name: port name: must be no more than 15 characters (expected an IANA service name: 1-15 lower case letters, digits and '-', with at least one letter, found 21 characters)",
    ],
  ],
  [
    "44-statefulset-unknown-claim.yaml",
    [
      '19:15: error E_VALUE: StatefulSet default/db: spec.template.spec.containers[0].volumeMounts[0].name: volumeMount refers to volume "dat", which is not defined (expected one of: data, found "dat"); define it in spec.template.spec.volumes or spec.volumeClaimTemplates',
    ],
  ],
  [
    "45-deployment-missing-selector.yaml",
    [
      '5:1: error E_SCHEMA: Deployment default/web: spec.selector: missing required field "selector"; apps/v1 requires spec.selector: copy the pod template\'s labels into selector.matchLabels',
    ],
  ],
  [
    "46-namespace-field-invalid.yaml",
    [
      "5:3: error E_NAME: ConfigMap Team_A/cfg: metadata.namespace: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (expected a value such as 'my-name' or '123-abc' (regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?'), found \"Team_A\")",
    ],
  ],
  [
    "47-job-negative-completions.yaml",
    [
      "6:3: error E_VALUE: Job default/once: spec.completions: value out of range (expected an integer >= 0, found -1)",
    ],
  ],
  [
    "48-list-item-not-mapping.yaml",
    ["8:5: error E_NOT_OBJECT: items[1]: a List item must be a mapping with apiVersion, kind and metadata"],
  ],
  [
    "49-legacy-ingress-bad-service-port.yaml",
    [
      "13:15: error E_VALUE: Ingress default/demo-app: spec.rules[0].http.paths[0].backend.servicePort: value out of range (expected a port number from 1 to 65535 or a port name, found 0)",
    ],
  ],
  [
    "50-init-and-app-same-name.yaml",
    [
      '10:7: error E_DUPLICATE: Pod default/p: spec.containers[0].name: container name "web" is already used at spec.initContainers[0].name (expected a unique container name, found "web")',
    ],
  ],
];

describe("invalid manifest fixtures", () => {
  it("covers at least 40 fixtures", () => {
    expect(EXPECTED.length).toBeGreaterThanOrEqual(40);
  });

  it.each(EXPECTED)("%s", async (file, messages) => {
    const r = await loadManifestPaths([`${DIR}/${file}`]);
    expect(r.diagnostics.map((d) => formatDiagnostic(d).replace(`${DIR}/${file}:`, ""))).toEqual(messages);
    expect(r.errors).toBeGreaterThan(0);
  });
});

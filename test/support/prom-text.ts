// A strict parser of the Prometheus text exposition format (0.0.4), for tests: it throws on anything
// a Prometheus server would refuse (bad names, labels, values, samples of undeclared families,
// histograms without +Inf or with decreasing buckets), so "it parses" means "Prometheus can scrape it".

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  help?: string;
  type: "counter" | "gauge" | "histogram" | "summary" | "untyped";
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function parseValue(text: string, line: number): number {
  // Prometheus reads values with Go's ParseFloat: "Inf", "+Inf", "-Inf" and "NaN" in any case.
  const lower = text.toLowerCase();
  if (lower === "+inf" || lower === "inf") return Infinity;
  if (lower === "-inf") return -Infinity;
  if (lower === "nan") return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text))
    throw new Error(`line ${line}: bad value "${text}"`);
  return Number(text);
}

function parseLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf("=", i);
    if (eq < 0) throw new Error(`line ${line}: label without "="`);
    const name = text.slice(i, eq).trim();
    if (!LABEL_NAME.test(name)) throw new Error(`line ${line}: bad label name "${name}"`);
    if (name in labels) throw new Error(`line ${line}: label "${name}" repeated`);
    if (text[eq + 1] !== '"') throw new Error(`line ${line}: label value not quoted`);
    let value = "";
    let j = eq + 2;
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] === "\\") {
        const next = text[++j];
        if (next === "n") value += "\n";
        else if (next === "\\" || next === '"') value += next;
        else throw new Error(`line ${line}: bad escape "\\${next ?? ""}"`);
      } else value += text[j] ?? "";
    }
    if (j >= text.length) throw new Error(`line ${line}: unterminated label value`);
    labels[name] = value;
    i = j + 1;
    if (text[i] === ",") i++;
    else if (i < text.length) throw new Error(`line ${line}: expected "," between labels`);
  }
  return labels;
}

function familyOf(sample: string, families: Map<string, Family>): Family | undefined {
  for (const suffix of ["", "_bucket", "_count", "_sum"]) {
    if (sample.endsWith(suffix)) {
      const f = families.get(sample.slice(0, sample.length - suffix.length));
      if (f && (suffix === "" || f.type === "histogram" || f.type === "summary")) return f;
    }
  }
  return undefined;
}

function checkHistogram(f: Family): void {
  const series = new Map<string, Sample[]>();
  for (const s of f.samples.filter((x) => x.name === `${f.name}_bucket`)) {
    const { le, ...rest } = s.labels;
    if (le === undefined) throw new Error(`${f.name}: bucket without le`);
    const key = JSON.stringify(rest);
    series.set(key, [...(series.get(key) ?? []), s]);
  }
  for (const [key, buckets] of series) {
    const les = buckets.map((b) => parseValue(b.labels.le ?? "", 0));
    if (les.at(-1) !== Infinity) throw new Error(`${f.name}${key}: no +Inf bucket`);
    for (let i = 1; i < buckets.length; i++) {
      if ((les[i] ?? 0) <= (les[i - 1] ?? 0)) throw new Error(`${f.name}${key}: buckets out of order`);
      if ((buckets[i]?.value ?? 0) < (buckets[i - 1]?.value ?? 0))
        throw new Error(`${f.name}${key}: counts decrease`);
    }
    const count = f.samples.find((s) => s.name === `${f.name}_count` && JSON.stringify(s.labels) === key);
    if (count?.value !== buckets.at(-1)?.value) throw new Error(`${f.name}${key}: _count differs from +Inf`);
  }
}

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  if (!text.endsWith("\n")) throw new Error("the exposition must end with a newline");
  text.split("\n").forEach((raw, idx) => {
    const line = idx + 1;
    if (raw.trim() === "") return;
    const meta = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(raw);
    if (meta) {
      const [, what, name = "", rest = ""] = meta;
      if (!NAME.test(name)) throw new Error(`line ${line}: bad metric name "${name}"`);
      const f = families.get(name) ?? { name, type: "untyped" as const, samples: [] };
      if (what === "HELP") f.help = rest;
      else {
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(rest))
          throw new Error(`line ${line}: bad type "${rest}"`);
        if (f.samples.length > 0) throw new Error(`line ${line}: TYPE after samples of ${name}`);
        f.type = rest as Family["type"];
      }
      families.set(name, f);
      return;
    }
    if (raw.startsWith("#")) return;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(raw);
    if (!m) throw new Error(`line ${line}: not a sample: ${raw}`);
    const [, name = "", labelText = "", valueText = ""] = m;
    const family = familyOf(name, families);
    if (!family) throw new Error(`line ${line}: sample ${name} of no declared family`);
    const value = parseValue(valueText, line);
    if (family.type === "counter" && !(value >= 0))
      throw new Error(`line ${line}: counter ${name} is ${value}`);
    family.samples.push({ name, labels: parseLabels(labelText, line), value });
  });
  for (const f of families.values()) if (f.type === "histogram") checkHistogram(f);
  return families;
}

/** The value of one sample, matching every label given. */
export function sampleValue(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const f of families.values()) {
    for (const s of f.samples) {
      if (s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)) return s.value;
    }
  }
  return undefined;
}

/** One sample of a Prometheus text exposition. */
export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PrometheusExposition {
  samples: PrometheusSample[];
  /** Metric family name -> type, from the `# TYPE` lines. */
  types: Map<string, string>;
  /** The samples of `name` whose labels include `labels`. */
  find(name: string, labels?: Record<string, string>): PrometheusSample[];
  /** The value of the one sample of `name` with exactly these labels included; throws when there is none or several. */
  value(name: string, labels?: Record<string, string>): number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<string, string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count', ''], counter: [''], gauge: [''], untyped: [''] };

/** Values as Prometheus reads them (Go's ParseFloat): decimals, and NaN/Inf in any case (prom-client writes `Nan`). */
function parseValue(text: string, line: number): number {
  if (/^\+?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`line ${line}: bad value ${JSON.stringify(text)}`);
  return Number(text);
}

/**
 * A strict reader of the Prometheus text format 0.0.4, for tests: every line is a `# HELP`, a `# TYPE`, another
 * comment, or `name{label="value",...} value`; every sample belongs to a family whose TYPE came first; label values
 * are properly escaped; histogram buckets are cumulative and their `+Inf` bucket equals `_count`. Throws on the
 * first violation, naming the line.
 */
export function parsePrometheusText(text: string): PrometheusExposition {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const samples: PrometheusSample[] = [];
  const familyOf = (name: string): string | undefined => {
    for (const [family, type] of types) {
      for (const suffix of SUFFIXES[type]) if (name === `${family}${suffix}`) return family;
    }
    return undefined;
  };
  lines.forEach((raw, index) => {
    const n = index + 1;
    if (raw === '') return;
    if (raw.startsWith('#')) {
      const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
      if (!meta) return; // another comment
      const [, kind, name, rest] = meta;
      if (!NAME.test(name)) throw new Error(`line ${n}: bad metric name ${name}`);
      if (kind === 'TYPE') {
        if (!TYPES.has(rest)) throw new Error(`line ${n}: bad type ${rest}`);
        if (types.has(name)) throw new Error(`line ${n}: second TYPE for ${name}`);
        types.set(name, rest);
      } else {
        if (helps.has(name)) throw new Error(`line ${n}: second HELP for ${name}`);
        helps.add(name);
      }
      return;
    }
    const head = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$/.exec(raw);
    if (!head) throw new Error(`line ${n}: not a sample: ${raw}`);
    const [, name, , labelText, valueText] = head;
    if (!familyOf(name)) throw new Error(`line ${n}: sample ${name} without a TYPE before it`);
    const labels: Record<string, string> = {};
    if (labelText !== undefined && labelText !== '') {
      const label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/y;
      let at = 0;
      while (at < labelText.length) {
        label.lastIndex = at;
        const match = label.exec(labelText);
        if (!match || !LABEL_NAME.test(match[1])) throw new Error(`line ${n}: bad labels ${labelText}`);
        if (match[1] in labels) throw new Error(`line ${n}: label ${match[1]} twice`);
        labels[match[1]] = match[2].replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
        at = label.lastIndex;
      }
    }
    samples.push({ name, labels, value: parseValue(valueText, n) });
  });

  // Histograms: cumulative buckets per series, +Inf = _count.
  for (const [family, type] of types) {
    if (type !== 'histogram') continue;
    const series = new Map<string, PrometheusSample[]>();
    for (const sample of samples.filter((s) => s.name === `${family}_bucket`)) {
      const { le, ...rest } = sample.labels;
      if (le === undefined) throw new Error(`${family}_bucket without le`);
      const key = JSON.stringify(Object.entries(rest).sort());
      series.set(key, [...(series.get(key) ?? []), sample]);
    }
    for (const [key, buckets] of series) {
      const sorted = [...buckets].sort((a, b) => parseValue(a.labels.le, 0) - parseValue(b.labels.le, 0));
      sorted.forEach((bucket, i) => {
        if (i > 0 && bucket.value < sorted[i - 1].value) throw new Error(`${family}${key}: buckets not cumulative`);
      });
      const last = sorted.at(-1);
      if (last?.labels.le !== '+Inf') throw new Error(`${family}${key}: no +Inf bucket`);
      const labels = Object.fromEntries(JSON.parse(key) as [string, string][]);
      const count = samples.find((s) => s.name === `${family}_count` && JSON.stringify(Object.entries(s.labels).sort()) === JSON.stringify(Object.entries(labels).sort()));
      if (!count || count.value !== last.value) throw new Error(`${family}${key}: +Inf bucket ${last.value} is not _count ${count?.value}`);
    }
  }

  const find = (name: string, labels: Record<string, string> = {}) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return {
    samples,
    types,
    find,
    value(name, labels = {}) {
      const found = find(name, labels);
      if (found.length !== 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
      return found[0].value;
    },
  };
}

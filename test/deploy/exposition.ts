// What services expose on /metrics, read from the Prometheus text format: each series' name, type and the label
// values its samples carry, so that a test can hold alert rules and dashboards to series that exist.
export interface ExposedSeries {
  type: string;
  /** For each label name, the values its samples carry. */
  labels: Map<string, Set<string>>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+\S+/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
/** The series a histogram or a summary is exposed as, besides its own name. */
const SUFFIXES: Record<string, string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
};

/** Adds what one exposition holds to `into` (several services' expositions make one inventory). */
export function readExposition(
  text: string,
  into = new Map<string, ExposedSeries>(),
): Map<string, ExposedSeries> {
  const seriesOf = (name: string, type: string) => {
    let series = into.get(name);
    if (!series) into.set(name, (series = { type, labels: new Map() }));
    return series;
  };
  for (const line of text.split('\n')) {
    const typed = /^# TYPE (\S+) (\S+)/.exec(line);
    if (typed) {
      const [, name, type] = typed;
      seriesOf(name, type);
      for (const suffix of SUFFIXES[type] ?? []) seriesOf(`${name}${suffix}`, type);
      continue;
    }
    const sample = SAMPLE.exec(line);
    if (!sample || line.startsWith('#')) continue;
    const series = seriesOf(sample[1], 'untyped');
    for (const [, label, value] of (sample[2] ?? '').matchAll(LABEL)) {
      if (!series.labels.has(label)) series.labels.set(label, new Set());
      series.labels.get(label)!.add(value);
    }
  }
  return into;
}

/** The value of the sample of `name` whose labels are exactly `labels`, or undefined when there is none. */
export function sampleValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const sample = SAMPLE.exec(line);
    if (!sample || sample[1] !== name || line.startsWith('#')) continue;
    const found = Object.fromEntries(
      [...(sample[2] ?? '').matchAll(LABEL)].map(([, label, value]) => [label, value]),
    );
    const wanted = Object.entries(labels);
    if (
      Object.keys(found).length === wanted.length &&
      wanted.every(([label, value]) => found[label] === value)
    ) {
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return undefined;
}

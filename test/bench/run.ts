// `npm run bench`: runs each bench section (or those named: `node dist/test/bench/run.js directorySearch`),
// merges their results into bench-results.json at the repository root and prints one table. The data lives in
// its own database: BENCH_DATABASE_URL, else cocomo_bench on DATABASE_URL's server; BENCH_SPACES overrides
// the number of spaces for a quick try (the goal is judged at 1,000,000 only).
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchRow, BenchSection } from './bench-section';
import { emailSection } from './email.bench';
import { timersSection } from './timers.bench';
import { workflowSection } from './workflow.bench';
import { directorySearch } from './directory-search.bench';
import { mapViewportSection } from './map-viewport.bench';
import { memorySection } from './memory.bench';
import { metricsLagSection } from './metrics-lag.bench';
import { metricsScaleSection } from './metrics-scale.bench';

const SECTIONS: BenchSection[] = [
  directorySearch,
  mapViewportSection,
  emailSection,
  workflowSection,
  timersSection,
  memorySection,
  metricsLagSection,
  metricsScaleSection,
];
const RESULTS_FILE = path.resolve(__dirname, '../../../bench-results.json');

function mergeResult(key: string, result: Record<string, unknown>): void {
  const results = existsSync(RESULTS_FILE) ? JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) : {};
  results[key] = result;
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
}

function table(rows: (BenchRow & { section: string })[]): string {
  const cells = [
    ['Section', 'Measure', 'Value', 'Goal'],
    ...rows.map((row) => [
      row.section,
      row.measure,
      row.value,
      row.goal === undefined ? '' : `${row.goal} ${row.met ? 'met' : 'MISSED'}`,
    ]),
  ];
  const widths = cells[0].map((_, column) => Math.max(...cells.map((line) => line[column].length)));
  const line = (values: string[]) => values.map((value, column) => value.padEnd(widths[column])).join(' | ');
  return [line(cells[0]), widths.map((width) => '-'.repeat(width)).join('-+-'), ...cells.slice(1).map(line)]
    .map((text) => text.trimEnd())
    .join('\n');
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((key) => !SECTIONS.some((section) => section.key === key));
  if (unknown.length) {
    process.stderr.write(
      `Unknown bench section ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.key)}\n`,
    );
    process.exit(2);
  }
  const rows: (BenchRow & { section: string })[] = [];
  let failed = false;
  for (const section of SECTIONS.filter((s) => wanted.length === 0 || wanted.includes(s.key))) {
    const started = performance.now();
    const say = (text: string) => process.stdout.write(`[${section.key}] ${text}\n`);
    try {
      const outcome = await section.run(say);
      mergeResult(section.key, outcome.result);
      rows.push(...outcome.rows.map((row) => ({ ...row, section: section.title })));
      say(`done in ${((performance.now() - started) / 1000).toFixed(0)}s`);
    } catch (error) {
      failed = true;
      process.stderr.write(`[${section.key}] failed: ${error instanceof Error ? error.stack : error}\n`);
      rows.push({ section: section.title, measure: 'failed', value: String(error).split('\n')[0] });
    }
  }
  process.stdout.write(`\n${table(rows)}\n\nResults merged into ${RESULTS_FILE}\n`);
  process.exit(failed ? 1 : 0);
}

void main();

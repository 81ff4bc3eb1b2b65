// The metrics API over many bookings: the summary and a 12-week series are computed from every booking's
// record on each request. BENCH_METRICS_RECORDS held bookings (20,000 unless said) of 300 communities are put
// in the records table, as a rebuild would leave them, and the API of the built metrics service is asked; the
// yardstick is reading those records with one plain query in the same run.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { foldBooking } from '../../apps/metrics/src/projections/booking-record';
import { booking } from '../../apps/metrics/test/booking-events';
import { dropBenchEnvironment, freshBenchEnvironment } from './bench-infra';
import { milliseconds, percentile, type BenchSection } from './bench-section';
import { runBuiltCommand, serviceVariables, startServiceProcess } from './service-process';

const RECORDS = Number(process.env.BENCH_METRICS_RECORDS || 20_000);
const COMMUNITIES = 300;
const ROUNDS = 5;
const FIRST_REQUEST = Date.UTC(2026, 0, 5);

async function insertRecords(db: Client, count: number): Promise<void> {
  for (let first = 0; first < count; first += 1000) {
    const params: unknown[] = [];
    const rows: string[] = [];
    for (let index = first; index < Math.min(count, first + 1000); index++) {
      const requestedAt = new Date(FIRST_REQUEST + index * 600_000).toISOString();
      const story = booking(randomUUID(), { community: `Community ${index % COMMUNITIES}`, requestedAt })
        .at(`space-${index % 500}`)
        .requested()
        .asked()
        .answered(true, 5)
        .held();
      const record = foldBooking(story.events)!;
      params.push(record.bookingId, JSON.stringify(record));
      rows.push(`($${params.length - 1}, now(), $${params.length}::jsonb)`);
    }
    await db.query(
      `insert into "metrics"."booking_record" ("booking_id", "updated_at", "record") values ${rows.join(', ')}`,
      params,
    );
  }
}

/** The median of `rounds` timings of `work`, in milliseconds. */
async function medianMs(rounds: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return milliseconds(
    percentile(
      times.sort((a, b) => a - b),
      0.5,
    ),
  );
}

export const metricsScaleSection: BenchSection = {
  key: 'metricsScale',
  title: 'Metrics API at scale',
  run: async (say) => {
    const env = await freshBenchEnvironment('metrics_scale');
    const variables = serviceVariables(env);
    await runBuiltCommand('metrics', 'migrate', variables);
    const metrics = await startServiceProcess('metrics', 'METRICS_PORT', variables);
    const db = new Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    try {
      say(`${RECORDS} held bookings of ${COMMUNITIES} communities`);
      await insertRecords(db, RECORDS);
      const ask = async (path: string) => {
        const answer = await fetch(`${metrics.url}${path}`);
        if (!answer.ok) throw new Error(`GET ${path} answered ${answer.status}`);
        return answer.json();
      };
      const to = new Date(FIRST_REQUEST + RECORDS * 600_000).toISOString();
      const summaryMs = await medianMs(ROUNDS, () => ask(`/api/metrics?to=${to}`));
      const seriesMs = await medianMs(ROUNDS, () => ask(`/api/metrics/timeseries?interval=week&to=${to}`));
      const from = new Date(Date.parse(to) - 259 * 7 * 86_400_000).toISOString();
      const longSeriesMs = await medianMs(1, () =>
        ask(`/api/metrics/timeseries?interval=week&from=${from}&to=${to}`),
      );
      const readMs = await medianMs(ROUNDS, () =>
        db.query(`select "record" from "metrics"."booking_record"`),
      );
      const result = {
        records: RECORDS,
        summaryMs,
        twelveWeekSeriesMs: seriesMs,
        longestSeriesMs: longSeriesMs,
        yardstick: { readAllRecordsMs: readMs, summaryToRead: Math.round((summaryMs / readMs) * 10) / 10 },
      };
      return {
        result,
        rows: [
          { measure: 'booking records', value: String(RECORDS) },
          { measure: 'GET /api/metrics (median ms)', value: String(summaryMs) },
          { measure: 'GET /api/metrics/timeseries, 12 weeks (median ms)', value: String(seriesMs) },
          { measure: 'GET /api/metrics/timeseries, 260 weeks (ms)', value: String(longSeriesMs) },
          { measure: 'reading every record, one query (yardstick, ms)', value: String(readMs) },
          { measure: 'summary / yardstick', value: String(result.yardstick.summaryToRead) },
        ],
      };
    } finally {
      await db.end();
      await metrics.stop();
      await dropBenchEnvironment(env);
    }
  },
};

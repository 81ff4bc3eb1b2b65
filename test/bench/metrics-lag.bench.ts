// The lag from a domain event to the metric that counts it: booking events put in the metrics inbox at a
// steady pace, as the bookings service's relay does, against the built metrics service in its own process.
// A booking's events are counted once its record is refolded; the lag is from its last event's publication to
// that moment.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Envelope } from '@cocomo/contracts';
import { BullMqClient } from '@cocomo/messaging';
import { dropBenchEnvironment, freshBenchEnvironment } from './bench-infra';
import { percentile, type BenchSection } from './bench-section';
import { runBuiltCommand, serviceVariables, startServiceProcess } from './service-process';

const BOOKINGS = Number(process.env.BENCH_LAG_BOOKINGS || 1000);
/** Bookings published per round, and the pause between rounds: about 300 events a second. */
const PER_ROUND = 10;
const ROUND_MS = 100;

function bookingEvents(bookingId: string, index: number): Envelope[] {
  const at = new Date().toISOString();
  const start = new Date(Date.now() + (30 + index) * 86_400_000);
  const base = {
    bookingId,
    community: `Lag ${index % 50}`,
    at,
    eventStart: start.toISOString(),
    eventEnd: new Date(start.getTime() + 3_600_000).toISOString(),
  };
  const space = { spaceId: `space-${index % 40}`, country: 'DE', pricingModel: 'free' };
  return [
    ['booking.requested', { ...base, expectedAttendees: 20, candidates: 3 }],
    ['booking.host-asked', { ...base, ...space }],
    ['booking.confirmed', { ...base, ...space }],
  ].map(([name, payload]) => ({
    id: randomUUID(),
    name: name as string,
    version: 1,
    occurredAt: at,
    payload,
  }));
}

export const metricsLagSection: BenchSection = {
  key: 'metricsLag',
  title: 'Event to metric lag',
  run: async (say) => {
    const env = await freshBenchEnvironment('metrics_lag');
    const variables = serviceVariables(env);
    await runBuiltCommand('metrics', 'migrate', variables);
    const metrics = await startServiceProcess('metrics', 'METRICS_PORT', variables);
    const client = new BullMqClient({
      redisUrl: env.REDIS_URL,
      prefix: env.QUEUE_PREFIX,
      requestTimeoutMs: 5000,
    });
    const db = new Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    try {
      say(`${BOOKINGS} bookings × 3 events, ${PER_ROUND} bookings every ${ROUND_MS} ms`);
      const published = new Map<string, number>();
      for (let i = 0; i < BOOKINGS; i += PER_ROUND) {
        const ids = Array.from({ length: Math.min(PER_ROUND, BOOKINGS - i) }, () => randomUUID());
        await client.deliver(ids.flatMap((id, k) => bookingEvents(id, i + k)));
        const now = Date.now();
        for (const id of ids) published.set(id, now);
        await new Promise((resolve) => setTimeout(resolve, ROUND_MS));
      }
      const deadline = Date.now() + 120_000;
      let rows: { booking_id: string; updated_at: Date }[] = [];
      while (Date.now() < deadline) {
        rows = (
          await db.query(
            `select "booking_id", "updated_at" from "metrics"."booking_record" where "record"->>'state' = 'confirmed'`,
          )
        ).rows;
        if (rows.length === BOOKINGS) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      if (rows.length !== BOOKINGS)
        throw new Error(`only ${rows.length} of ${BOOKINGS} bookings were counted`);
      const lags = rows
        .map((row) => new Date(row.updated_at).getTime() - published.get(row.booking_id)!)
        .sort((a, b) => a - b);
      const p50Ms = percentile(lags, 0.5);
      const p95Ms = percentile(lags, 0.95);
      const { body } = await fetch(`${metrics.url}/api/metrics`).then(async (r) => ({
        body: await r.json(),
      }));
      if (body.availabilityRequests !== BOOKINGS) {
        throw new Error(`the API counts ${body.availabilityRequests} requests, not ${BOOKINGS}`);
      }
      return {
        result: {
          bookings: BOOKINGS,
          events: BOOKINGS * 3,
          lagMs: { p50: p50Ms, p95: p95Ms, max: lags.at(-1) },
        },
        rows: [
          { measure: 'event to metric lag p50 (ms)', value: String(p50Ms) },
          { measure: 'event to metric lag p95 (ms)', value: String(p95Ms) },
        ],
      };
    } finally {
      await db.end();
      await client.close();
      await metrics.stop();
      await dropBenchEnvironment(env);
    }
  },
};

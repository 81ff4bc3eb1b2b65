import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { spaceApproved, spaceRegistered, type Envelope } from '@cocomo/contracts';
import { BullMqClient } from '@cocomo/messaging';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { metricsDefinition, MetricsModule } from '../src/metrics.module';
import { foldBooking } from '../src/projections/booking-record';
import { booking } from './booking-events';
import { envelopes } from './metrics-harness';

let infra: IsolatedInfra;
let metrics: ServiceUnderTest;
beforeAll(async () => {
  infra = await isolatedInfra();
  metrics = await startService({ ...metricsDefinition, module: MetricsModule.forRoot }, infra.env);
});
afterAll(async () => {
  await metrics?.close();
  await infra?.cleanup();
});

const envelope = (name: string, payload: object): Envelope => ({
  id: randomUUID(),
  name,
  version: 1,
  occurredAt: '2026-11-20T10:00:00.000Z',
  payload,
});

async function logged(): Promise<{ message_id: string; name: string; occurred_at: Date }[]> {
  return metrics.app
    .get(EntityManager)
    .fork()
    .execute(`select "message_id", "name", "occurred_at" from "metrics"."event_log" order by "name"`);
}

it('keeps every event it receives, once, with the time it happened', async () => {
  const registered = envelope(spaceRegistered.name, { spaceId: randomUUID() });
  const approved = envelope(spaceApproved.name, { spaceId: randomUUID() });
  const client = metrics.app.get(BullMqClient);
  await client.deliver([registered, approved]);
  await client.deliver([registered]);
  let rows: Awaited<ReturnType<typeof logged>> = [];
  for (let i = 0; i < 100 && rows.length < 2; i++) {
    rows = await logged();
    if (rows.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(rows.map((row) => [row.message_id, row.name])).toEqual([
    [approved.id, 'space.approved'],
    [registered.id, 'space.registered'],
  ]);
  expect(new Date(rows[0].occurred_at).toISOString()).toBe('2026-11-20T10:00:00.000Z');
});

it('folds each booking once from all its events when many arrive together, out of order and twice', async () => {
  const stories = Array.from({ length: 40 }, (_, index) => {
    const story = booking(randomUUID()).requested().asked().answered(true, 2);
    return index % 2 ? story.held() : story;
  });
  const messages = stories.flatMap((story) => envelopes(story.events));
  // Shuffled (a fixed order, so a failure repeats), then every third message a second time, all in one go.
  const arriving = messages
    .map((message, index) => ({ message, key: (index * 7919) % messages.length }))
    .sort((a, b) => a.key - b.key)
    .map(({ message }) => message);
  const client = metrics.app.get(BullMqClient);
  await client.deliver(arriving);
  await client.deliver(arriving.filter((_, index) => index % 3 === 0));
  const em = metrics.app.get(EntityManager).fork();
  const records = async () =>
    new Map(
      (
        (await em.execute(`select "booking_id", "record" from "metrics"."booking_record"`)) as {
          booking_id: string;
          record: unknown;
        }[]
      ).map((row) => [row.booking_id, row.record]),
    );
  let found = await records();
  for (let i = 0; i < 200; i++) {
    const [{ count }] = await em.execute(
      `select count(*)::int as "count" from "metrics"."event_log" where "name" like 'booking.%'`,
    );
    if (count === messages.length && found.size === stories.length) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
    found = await records();
  }
  found = await records();
  for (const story of stories) {
    expect(found.get(story.base.bookingId)).toEqual(JSON.parse(JSON.stringify(foldBooking(story.events))));
  }
  const [{ count }] = await em.execute(
    `select count(*)::int as "count" from "metrics"."event_log" where "name" like 'booking.%'`,
  );
  expect(count).toBe(messages.length);
});

import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { spaceApproved, spaceRegistered, type Envelope } from '@cocomo/contracts';
import { BullMqClient } from '@cocomo/messaging';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { metricsDefinition, MetricsModule } from '../src/metrics.module';

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

// Redis keeps nothing on disk here: when it loses its data, messages published but not yet consumed go
// with it. Each relay notices (its marker key is gone) and publishes its recent messages again; consumers
// are idempotent, so what they had already handled is ignored and what was lost arrives.
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { aSpace } from '../../apps/directory/test/directory-harness';
import { metricsApp } from '../../apps/metrics/src/metrics.module';

let infra: IsolatedInfra;
let directory: ServiceUnderTest;
let metrics: ServiceUnderTest | undefined;

beforeAll(async () => {
  infra = await isolatedInfra();
  directory = await startService(directoryApp, infra.env);
});
afterAll(async () => {
  await metrics?.close();
  await directory?.close();
  await infra?.cleanup();
});

async function registeredInLog(spaceIds: string[]): Promise<number> {
  const rows: unknown[] = await metrics!.app
    .get(EntityManager)
    .fork()
    .execute(
      `select 1 from "metrics"."event_log" where "name" = 'space.registered'
       and "payload"->>'spaceId' in (${spaceIds.map(() => '?').join(', ')})`,
      spaceIds,
    );
  return rows.length;
}

it('publishes again what Redis lost before its consumer took it', async () => {
  const spaceIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const { body } = await request(directory.url)
      .post('/api/spaces')
      .send(aSpace({ name: `Lost ${i}` }));
    spaceIds.push(body.id);
  }
  // The events wait in the metrics inbox (the metrics service is not running) when Redis loses everything.
  const inbox = `${infra.env.QUEUE_PREFIX}:metrics-inbox`;
  for (let i = 0; i < 50 && (await infra.redis.keys(`${inbox}:*`)).length === 0; i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  await infra.flushRedis();

  metrics = await startService(metricsApp, infra.env);
  let logged = 0;
  for (let i = 0; i < 100 && logged < spaceIds.length; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    logged = await registeredInLog(spaceIds);
  }
  expect(logged).toBe(spaceIds.length);
});

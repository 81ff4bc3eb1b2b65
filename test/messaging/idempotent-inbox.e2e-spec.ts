import { randomUUID } from 'node:crypto';
import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import type { Environment } from '@cocomo/config';
import { inboxQueue, spaceRetired, type Envelope, type SpaceRetired } from '@cocomo/contracts';
import { BullMqClient, redisOptions } from '@cocomo/messaging';
import { PlatformModule, type ServiceApp } from '@cocomo/platform';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { metricsMigrations } from '../../apps/metrics/migrations';

/**
 * Fails the first attempt of each message whose country is "XX", and every attempt of those whose country
 * is "YY", after writing its effect.
 */
const failedOnce = new Set<string>();

@Controller()
class EffectRecorder {
  constructor(private readonly em: EntityManager) {}

  @EventPattern(spaceRetired.name)
  async record(@Payload() message: Envelope<SpaceRetired>): Promise<void> {
    await this.em.execute(`insert into "metrics"."test_effect" ("message_id", "space_id") values (?, ?)`, [
      message.id,
      message.payload.spaceId,
    ]);
    if (message.payload.country === 'XX' && !failedOnce.has(message.id)) {
      failedOnce.add(message.id);
      throw new Error('the handler fails once, after its effect');
    }
    if (message.payload.country === 'YY') throw new Error('the handler always fails, after its effect');
  }
}

@Module({})
class RecorderModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: RecorderModule,
      imports: [
        PlatformModule.forRoot(
          {
            service: 'metrics',
            apiPrefix: 'api/metrics',
            entities: [],
            migrations: async () => metricsMigrations,
            latestMigration: metricsMigrations.at(-1)!.name,
          },
          env,
        ),
      ],
      controllers: [EffectRecorder],
    };
  }
}

const definition: ServiceApp = {
  service: 'metrics',
  apiPrefix: 'api/metrics',
  entities: [],
  migrations: async () => metricsMigrations,
  latestMigration: metricsMigrations.at(-1)!.name,
  module: RecorderModule.forRoot,
  concurrency: 8,
};

let infra: IsolatedInfra;
let service: ServiceUnderTest;
let queue: Queue;

beforeAll(async () => {
  infra = await isolatedInfra();
  service = await startService(definition, infra.env);
  await service.app
    .get(EntityManager)
    .fork()
    .execute(`create table "metrics"."test_effect" ("message_id" text not null, "space_id" text not null)`);
  queue = new Queue(inboxQueue('metrics'), {
    connection: redisOptions(infra.env.REDIS_URL),
    prefix: infra.env.QUEUE_PREFIX,
  });
});
afterAll(async () => {
  await queue?.close();
  await service?.close();
  await infra?.cleanup();
});

function envelope(country = 'DE'): Envelope<SpaceRetired> {
  return {
    id: randomUUID(),
    name: spaceRetired.name,
    version: spaceRetired.version,
    occurredAt: new Date().toISOString(),
    payload: { spaceId: randomUUID(), country, pricingModel: 'free' },
  };
}

async function effectsOf(message: Envelope): Promise<number> {
  const [row] = await service.app
    .get(EntityManager)
    .fork()
    .execute(`select count(*)::int as "count" from "metrics"."test_effect" where "message_id" = ?`, [
      message.id,
    ]);
  return row.count;
}

async function processed(jobId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const job = await queue.getJob(jobId);
    if (job && (await job.isCompleted())) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} was not completed`);
}

it('a message delivered twice, one after the other, has one effect', async () => {
  const client = service.app.get(BullMqClient);
  const message = envelope();
  await client.deliver([message]);
  await processed(message.id);
  // BullMQ forgets completed jobs after a while; then the same message can arrive again.
  await (await queue.getJob(message.id))!.remove();
  await client.deliver([message]);
  await processed(message.id);
  expect(await effectsOf(message)).toBe(1);
});

it('a message delivered twice at the same moment has one effect', async () => {
  const message = envelope();
  await Promise.all([
    queue.add(message.name, message, { jobId: `${message.id}-a` }),
    queue.add(message.name, message, { jobId: `${message.id}-b` }),
  ]);
  await Promise.all([processed(`${message.id}-a`), processed(`${message.id}-b`)]);
  expect(await effectsOf(message)).toBe(1);
});

it('a handler that fails after its effect is retried, and the effect counts once', async () => {
  const client = service.app.get(BullMqClient);
  const message = envelope('XX');
  await client.deliver([message]);
  await processed(message.id);
  expect(failedOnce.has(message.id)).toBe(true);
  expect((await queue.getJob(message.id))!.attemptsMade).toBeGreaterThanOrEqual(1);
  expect(await effectsOf(message)).toBe(1);
});

it('messages arriving together commit together, and one that fails does not take the others with it', async () => {
  const client = service.app.get(BullMqClient);
  const good = Array.from({ length: 40 }, () => envelope());
  const bad = envelope('YY');
  await client.deliver([...good.slice(0, 20), bad, ...good.slice(20)]);
  await Promise.all(good.map((message) => processed(message.id)));
  for (const message of good) expect(await effectsOf(message)).toBe(1);
  expect(await effectsOf(bad)).toBe(0);
  // Rows written by one transaction share its id (xmin): fewer transactions than messages means batches. How
  // many arrive together depends on how fast the worker takes jobs, which a loaded machine slows.
  const [{ transactions }] = await service.app
    .get(EntityManager)
    .fork()
    .execute(
      `select count(distinct xmin::text)::int as "transactions" from "metrics"."processed_message"
       where "message_id" in (${good.map(() => '?').join(', ')})`,
      good.map((message) => message.id),
    );
  expect(transactions).toBeLessThan(good.length);
  await queue.getJob(bad.id).then((job) => job?.remove());
});

// CoCoMo on a Redis Cluster: three redis-server processes in cluster mode, started here on loopback ports and
// joined with redis-cli. REDIS_URL names them (redis+cluster://…) and QUEUE_PREFIX is a hash tag, so that every
// key of the deployment sits in one slot. A booking's messages go through it: the directory's and the bookings'
// outboxes publish, the notifications and the metrics consume, the bookings ask the directory and wait for its
// answer, and a reminder timer fires; the rate limits count there, and nothing is written to another Redis.
import { randomBytes } from 'node:crypto';
import { Cluster } from 'ioredis';
import request from 'supertest';
import { connectRedis } from '@cocomo/messaging';
import {
  isolatedInfra,
  startRedisCluster,
  startService,
  TestSmtpServer,
  type IsolatedInfra,
  type ServiceUnderTest,
  type TestRedisCluster,
} from '@cocomo/testing';
import { theFourServices } from '../services/the-four-services';
import { aSpace } from '../../apps/directory/test/directory-harness';
import { approvedSpaceInBerlin, askForASpaceInBerlin, HOST, ORGANIZER } from '../e2e/berlin-request';

const prefix = `{cluster-${randomBytes(4).toString('hex')}}`;
let cluster: TestRedisCluster;
let infra: IsolatedInfra;
let smtp: TestSmtpServer;
let keys: Cluster;
const running: Record<string, ServiceUnderTest> = {};

beforeAll(async () => {
  cluster = await startRedisCluster(3);
  smtp = await TestSmtpServer.start();
  infra = await isolatedInfra({
    REDIS_URL: cluster.url,
    QUEUE_PREFIX: prefix,
    SMTP_URL: smtp.url,
    BOOKING_REMINDER_AFTER: '3s',
    // One public write per route and address a minute: counted in the cluster.
    THROTTLE_LIMIT: '1',
  });
  keys = connectRedis(cluster.url) as Cluster;
  for (const app of theFourServices) running[app.service] = await startService(app, infra.env);
}, 120_000);
afterAll(async () => {
  for (const service of Object.values(running).reverse()) await service.close();
  keys?.disconnect();
  await smtp?.stop();
  await infra?.cleanup();
  await cluster?.stop();
});

/** Every key of this deployment, read from each master node of the cluster. */
async function clusterKeys(): Promise<string[]> {
  const found: string[] = [];
  for (const node of keys.nodes('master')) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      found.push(...batch);
    } while (cursor !== '0');
  }
  return found;
}

it('runs on a cluster of three nodes, and every service is ready on it', async () => {
  expect(keys.nodes('master')).toHaveLength(3);
  for (const service of Object.values(running)) {
    const ready = await request(service.url).get('/health/ready').expect(200);
    expect(ready.body.details.redis.status).toBe('up');
  }
});

it("carries a booking's messages: published, consumed, asked and answered, and its reminder timer", async () => {
  await approvedSpaceInBerlin(running.directory);
  // The bookings service asks the directory for ranked spaces over the queue, and waits for the answer.
  await askForASpaceInBerlin(running.bookings);
  await smtp.mailTo(ORGANIZER, /Rust meetup/);
  await smtp.mailTo(HOST, /^Can .* host Rust meetup\?/);
  // BOOKING_REMINDER_AFTER later, the timer fires through the bookings inbox on the cluster.
  await smtp.mailTo(HOST, /^Reminder: can .* host Rust meetup\?/);

  let requests = 0;
  for (let i = 0; i < 100 && requests !== 1; i++) {
    requests = (await request(running.metrics.url).get('/api/metrics')).body.availabilityRequests;
    if (requests !== 1) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(requests).toBe(1);
}, 60_000);

it('keeps the rate limits in the cluster: a second registration from the same address is refused', async () => {
  const refused = await request(running.directory.url).post('/api/spaces').send(aSpace()).expect(429);
  expect(refused.body.message).toMatch(/Too many requests/);
});

it("keeps every key under the deployment's hash tag, in one slot of the cluster, and none elsewhere", async () => {
  const found = await clusterKeys();
  for (const expected of [
    `${prefix}:outbox-relay:bookings`,
    `${prefix}:outbox-relay:directory`,
    `${prefix}:bookings-inbox:meta`,
    `${prefix}:notifications-delivery:meta`,
  ]) {
    expect(found).toContain(expected);
  }
  expect(found.some((key) => key.startsWith(`${prefix}:throttle:`))).toBe(true);
  const slots = new Set(await Promise.all(found.slice(0, 50).map((key) => keys.cluster('KEYSLOT', key))));
  expect(slots.size).toBe(1);
  // The standalone Redis the other tests use was never written to.
  expect(await infra.redis.keys(`${prefix}*`)).toEqual([]);
});

it("reports the cluster's queues on /metrics", async () => {
  const text = (
    await request(running.metrics.url).get('/metrics').set('authorization', 'Bearer test-operator-token')
  ).text;
  expect(text).toMatch(/^cocomo_queue_jobs\{queue="bookings-inbox",state="failed"\} 0$/m);
  expect(text).toMatch(/^cocomo_queue_oldest_waiting_seconds\{queue="notifications-delivery"\} \d/m);
});

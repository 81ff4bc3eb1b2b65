// ROLE splits a service in two, as the Kubernetes manifests deploy it: a web process answers HTTP and publishes
// but consumes no queue; a worker process consumes the inbox (and, for notifications, sends the mails) while
// still answering /health for its probes.
import { Queue } from 'bullmq';
import request from 'supertest';
import { readEnvironment } from '@cocomo/config';
import { inboxQueue } from '@cocomo/contracts';
import { redisOptions } from '@cocomo/messaging';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { aSpace } from '../../apps/directory/test/directory-harness';
import { DELIVERY_QUEUE } from '../../apps/notifications/src/delivery/delivery-queue';
import {
  notificationsDefinition,
  NotificationsModule,
} from '../../apps/notifications/src/notifications.module';

const notificationsApp = { ...notificationsDefinition, module: NotificationsModule.forRoot };
const operator = { authorization: 'Bearer test-operator-token' };

let infra: IsolatedInfra;
let directory: ServiceUnderTest;
let web: ServiceUnderTest;
let worker: ServiceUnderTest | undefined;
let inbox: Queue;
let deliveries: Queue;

beforeAll(async () => {
  infra = await isolatedInfra();
  const as = (role: string) => readEnvironment({ ...infra.variables, ROLE: role });
  directory = await startService(directoryApp, as('web'));
  web = await startService(notificationsApp, as('web'));
  const queue = (name: string) =>
    new Queue(name, { connection: redisOptions(infra.env.REDIS_URL), prefix: infra.env.QUEUE_PREFIX });
  inbox = queue(inboxQueue('notifications'));
  deliveries = queue(DELIVERY_QUEUE);
});
afterAll(async () => {
  await Promise.all([inbox?.close(), deliveries?.close()]);
  await worker?.close();
  await web?.close();
  await directory?.close();
  await infra?.cleanup();
});

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, withinMs = 15_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  let value = await probe();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

const mails = async (service: ServiceUnderTest) =>
  (await request(service.url).get('/api/notifications').set(operator).expect(200)).body.items as {
    template: string;
    recipient: string;
    status: string;
  }[];

it('a web process serves HTTP and publishes, but leaves its queues to the workers', async () => {
  await request(web.url).get('/health').expect(200);
  // The directory, web too, publishes the verification mail through its outbox.
  await request(directory.url)
    .post('/api/spaces')
    .send(aSpace({ host: { name: 'Asha', email: 'asha@example.org' } }))
    .expect(201);

  const waiting = await until(
    () => inbox.getWaitingCount(),
    (count) => count > 0,
  );
  expect(waiting).toBeGreaterThan(0);
  expect(await inbox.getWorkers()).toEqual([]);
  expect(await deliveries.getWorkers()).toEqual([]);
  expect(await mails(web)).toEqual([]);
});

it('a worker process consumes the inbox and sends the mail, and answers /health for its probes', async () => {
  worker = await startService(notificationsApp, readEnvironment({ ...infra.variables, ROLE: 'worker' }));
  await request(worker.url).get('/health').expect(200);
  expect((await inbox.getWorkers()).length).toBeGreaterThan(0);
  expect((await deliveries.getWorkers()).length).toBeGreaterThan(0);

  // What the worker did is visible through the web process: they share the service's schema.
  const sent = await until(
    () => mails(web),
    (items) => items.some((mail) => mail.status === 'sent'),
  );
  expect(sent).toEqual([
    expect.objectContaining({ template: 'space-verify', recipient: 'asha@example.org', status: 'sent' }),
  ]);
  expect(await inbox.getWaitingCount()).toBe(0);
});

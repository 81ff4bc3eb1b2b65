// The bookings service killed in the middle of its protocols, with Redis losing everything meanwhile: after
// a restart every booking still ends where it should, because state, messages and timers live in PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import type { NotifyEmail } from '@cocomo/contracts';
import { migrateService } from '@cocomo/platform';
import {
  freePort,
  isolatedInfra,
  startService,
  type IsolatedInfra,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { directoryApp } from '../../directory/src/directory.module';
import { approvedSpace, operator } from '../../directory/test/directory-harness';
import { bookingsDefinition } from '../src/bookings.module';

let infra: IsolatedInfra;
let directory: ServiceUnderTest;
let bookingsUrl: string;
let child: ChildProcess | undefined;
const spaces: string[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startBookings(port: number): Promise<ChildProcess> {
  const main = path.resolve(__dirname, '../src/main.ts');
  const started = spawn(process.execPath, ['-r', '@swc-node/register', main], {
    env: {
      ...process.env,
      ...infra.variables,
      BOOKINGS_PORT: String(port),
      BOOKING_REMINDER_AFTER: '1s',
      BOOKING_ESCALATE_AFTER: '4s',
      TIMER_SWEEP_INTERVAL: '500ms',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    const up = await request(bookingsUrl)
      .get('/health')
      .then((response) => response.status === 200)
      .catch(() => false);
    if (up) return started;
    await sleep(100);
  }
  throw new Error('the bookings service did not start');
}

beforeAll(async () => {
  infra = await isolatedInfra();
  await migrateService(bookingsDefinition, infra.env);
  directory = await startService(directoryApp, infra.env);
  for (let i = 0; i < 3; i++) {
    const body = {
      id: await approvedSpace(directory, {
        name: `Crash Space ${i}`,
        city: 'Berlin',
        country: 'DE',
        timezone: 'Europe/Berlin',
        latitude: 52.52 + i * 0.05,
        longitude: 13.405,
        host: { name: `Host ${i}`, email: `crash${i}@example.org` },
      }),
    };
    spaces.push(body.id);
  }
}, 60_000);
afterAll(async () => {
  child?.kill('SIGKILL');
  await directory?.close();
  await infra?.cleanup();
});

it('every booking ends where it should after a SIGKILL and a Redis flush', async () => {
  const port = await freePort();
  bookingsUrl = `http://127.0.0.1:${port}`;
  child = await startBookings(port);
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) {
    const { body } = await request(bookingsUrl)
      .post('/api/bookings')
      .send({
        organizer: { name: 'Olga', email: 'olga@example.org', community: `Crash ${i}` },
        event: {
          title: `Meetup ${i}`,
          start: new Date(Date.now() + (20 + i) * 86_400_000).toISOString(),
          end: new Date(Date.now() + (20 + i) * 86_400_000 + 3_600_000).toISOString(),
          expectedAttendees: 20,
        },
        near: { latitude: 52.52, longitude: 13.405, radiusKm: 50 },
      })
      .expect(201);
    ids.push(body.id);
  }
  // Two hosts accept; the other two stay silent and will be escalated.
  const em = directory.app.get(EntityManager).fork();
  for (const id of ids.slice(0, 2)) {
    const [{ payload }] = await em.execute<{ payload: NotifyEmail }[]>(
      `select "payload" from "bookings"."outbox_message" where "payload"->>'template' = 'booking-host-request'
       and "payload"->'data'->>'bookingId' = ?`,
      [id],
    );
    const accept = payload.actions.find((action) => action.label === 'Accept')!.url;
    await request(bookingsUrl)
      .post(new URL(accept).pathname)
      .type('form')
      .send({ choice: 'confirm' })
      .expect(200);
  }

  child.kill('SIGKILL');
  await new Promise((resolve) => child!.once('exit', resolve));
  const keys = await infra.redis.keys(`${infra.env.QUEUE_PREFIX}:*`);
  if (keys.length) await infra.redis.del(...keys);
  child = await startBookings(port);

  const stateOf = async (id: string) =>
    (await request(bookingsUrl).get(`/api/bookings/${id}`).set(operator).expect(200)).body;
  const deadline = Date.now() + 20_000;
  let silent = await Promise.all(ids.slice(2).map(stateOf));
  while (silent.some((b) => b.asked[0] === spaces[0]) && Date.now() < deadline) {
    await sleep(250);
    silent = await Promise.all(ids.slice(2).map(stateOf));
  }
  for (const escalated of silent) {
    expect(escalated.state).toBe('pending_host');
    expect(escalated.asked).toEqual([spaces[1]]);
    expect(escalated.history.map((step: { cause: string }) => step.cause)).toContain(
      'host silent; escalated',
    );
  }
  for (const id of ids.slice(0, 2)) expect((await stateOf(id)).state).toBe('confirmed');
}, 90_000);

// PostgreSQL's connection cut in the middle of a host's press: a press is answered 503 with Retry-After,
// nothing of it is kept, and pressing again acts once. The fault run once saw a 500 here ("Transaction query
// already complete"): knex swallows a BEGIN that fails on a dead connection and hands the transaction over
// anyway, so the cut shows only at the next statement.
import request from 'supertest';
import { readEnvironment } from '@cocomo/config';
import {
  cuttingProxy,
  isolatedInfra,
  startService,
  type CuttingProxy,
  type IsolatedInfra,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { directoryApp } from '../../directory/src/directory.module';
import { approvedSpace, operator } from '../../directory/test/directory-harness';
import { bookingsDefinition, BookingsModule } from '../src/bookings.module';
import { mailsOf } from './bookings-harness';

let infra: IsolatedInfra;
let proxy: CuttingProxy;
let directory: ServiceUnderTest;
let bookings: ServiceUnderTest;

beforeAll(async () => {
  // Nothing in the background opens transactions of its own while a press is cut.
  infra = await isolatedInfra({ TIMER_SWEEP_INTERVAL: '10m', OUTBOX_POLL_INTERVAL: '10m' });
  proxy = await cuttingProxy(infra.env.DATABASE_URL);
  directory = await startService(directoryApp, infra.env);
  bookings = await startService(
    { ...bookingsDefinition, module: BookingsModule.forRoot },
    readEnvironment({ ...infra.variables, DATABASE_URL: proxy.url }),
  );
  await approvedSpace(directory, {
    city: 'Lyon',
    country: 'FR',
    timezone: 'Europe/Paris',
    capacity: 40,
    latitude: 45.76,
    longitude: 4.84,
    host: { name: 'Hélène', email: 'helene@example.org' },
  });
});
afterAll(async () => {
  await bookings?.close();
  await directory?.close();
  await proxy?.close();
  await infra?.cleanup();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request waiting for the host, and the path of the host's Accept link. */
async function waitingForTheHost(inDaysFromNow: number): Promise<{ id: string; accept: string }> {
  const created = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Luc', email: 'luc@example.org', community: 'Lyon Python' },
      event: {
        title: 'PyLadies night',
        start: inDays(inDaysFromNow),
        end: inDays(inDaysFromNow + 0.1),
        expectedAttendees: 20,
      },
      near: { latitude: 45.76, longitude: 4.84, radiusKm: 10 },
    })
    .expect(201);
  const id: string = created.body.id;
  const [asked] = (await mailsOf(bookings, id)).filter((mail) => mail.template === 'booking-host-request');
  const accept = new URL(asked.actions.find((action) => action.label === 'Accept')!.url).pathname;
  await sleep(300); // the relay's round after that commit has ended
  return { id, accept };
}

const stateOf = async (id: string) =>
  (await request(bookings.url).get(`/api/bookings/${id}`).set(operator).expect(200)).body;

it.each([
  ['at the BEGIN of its transaction', 'BEGIN', 12],
  ['between its statements, after the link was recorded as used', 'for update', 13],
])(
  'answers 503 to a press whose connection is cut %s, and the next press acts once',
  async (_when, statement, day) => {
    const { id, accept } = await waitingForTheHost(day);
    const cut = proxy.cutAt(statement);
    const cutPress = await request(bookings.url).post(accept).type('form').send({ choice: 'confirm' });
    await cut;
    expect(cutPress.status).toBe(503);
    expect(cutPress.headers['retry-after']).toBe('5');

    // Nothing of the cut press was kept: the booking still waits for the host, and the link still acts.
    expect((await stateOf(id)).state).toBe('pending_host');
    await request(bookings.url).get(accept).expect(200);
    await request(bookings.url).post(accept).type('form').send({ choice: 'confirm' }).expect(200);
    const confirmed = await stateOf(id);
    expect(confirmed.state).toBe('confirmed');
    expect(confirmed.history.filter((step: { to: string }) => step.to === 'confirmed')).toHaveLength(1);
    await request(bookings.url).post(accept).type('form').send({ choice: 'confirm' }).expect(409);
  },
);

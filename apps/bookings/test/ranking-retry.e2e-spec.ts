// When the directory does not answer, a request is kept, ranked again with back-off, and given to the
// operators when the directory stays silent: never lost, never silently stuck.
import request from 'supertest';
import { readEnvironment } from '@cocomo/config';
import { EntityManager } from '@mikro-orm/postgresql';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { directoryApp } from '../../directory/src/directory.module';
import { approvedSpace, operator } from '../../directory/test/directory-harness';
import { bookingsDefinition, BookingsModule } from '../src/bookings.module';

let infra: IsolatedInfra;
let bookings: ServiceUnderTest;
let directory: ServiceUnderTest | undefined;

beforeAll(async () => {
  infra = await isolatedInfra({
    REQUEST_TIMEOUT: '500ms',
    BOOKING_RANKING_RETRY: '300ms',
    BOOKING_RANKING_ATTEMPTS: '5',
    TIMER_SWEEP_INTERVAL: '1s',
  });
  bookings = await startService({ ...bookingsDefinition, module: BookingsModule.forRoot }, infra.env);
});
afterAll(async () => {
  await bookings?.close();
  await directory?.close();
  await infra?.cleanup();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const booking = async (id: string) =>
  (await request(bookings.url).get(`/api/bookings/${id}`).set(operator)).body;

async function ask(community: string): Promise<string> {
  const created = await request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Olga', email: 'olga@example.org', community },
      event: { title: 'Meetup', start: inDays(10), end: inDays(10.1), expectedAttendees: 20 },
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 20 },
    })
    .expect(201);
  expect(created.body.state).toBe('requested');
  return created.body.id;
}

async function until(id: string, state: string, withinMs = 25_000): Promise<string> {
  const deadline = Date.now() + withinMs;
  let current = (await booking(id)).state;
  while (current !== state && Date.now() < deadline) {
    await sleep(100);
    current = (await booking(id)).state;
  }
  return current;
}

it('keeps a request the silent directory could not rank, and gives it to the operators in the end', async () => {
  const id = await ask('Silent Directory');
  expect(await until(id, 'unplaced')).toBe('unplaced');
  const rows: { payload: { template: string } }[] = await bookings.app
    .get(EntityManager)
    .fork()
    .execute(
      `select "payload" from "bookings"."outbox_message" where "name" = 'notify.email'
       and "payload"->'data'->>'bookingId' = ?`,
      [id],
    );
  const mails = rows.map((row) => row.payload);
  expect(mails.map((mail) => mail.template)).toEqual(
    expect.arrayContaining(['booking-operators-ranking-failed', 'booking-organizer-unplaced']),
  );
}, 60_000);

it('ranks the request when the directory answers again', async () => {
  // The directory's web side takes the new space while nothing answers queries; then its worker starts.
  const web = await startService(directoryApp, readEnvironment({ ...infra.variables, ROLE: 'web' }));
  try {
    const body = {
      id: await approvedSpace(web, {
        city: 'Berlin',
        country: 'DE',
        timezone: 'Europe/Berlin',
        latitude: 52.52,
        longitude: 13.405,
      }),
    };
    const id = await ask('Late Directory');
    directory = await startService(directoryApp, readEnvironment({ ...infra.variables, ROLE: 'worker' }));
    expect(await until(id, 'pending_host')).toBe('pending_host');
    expect((await booking(id)).asked).toEqual([body.id]);
  } finally {
    await web.close();
  }
}, 60_000);

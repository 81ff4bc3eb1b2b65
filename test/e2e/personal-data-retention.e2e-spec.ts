// PERSONAL_DATA_RETENTION, with a short setting: the bookings service's durable timer gives a booking that ended
// longer ago its own placeholder for the organizer's name and email; when it was the organizer's last booking,
// every service erases them (no text or JSON column of any schema holds their email), while an organizer with a
// booking still to come keeps theirs. The timer is a row of bookings' timer table, set again at every look.
import request from 'supertest';
import { DateTime } from 'luxon';
import { Pool } from 'pg';
import { approvedSpace, operator } from '../../apps/directory/test/directory-harness';
import { columnsHolding, eventually } from './personal-data-search';
import { startSystemOverMail, type SystemOverMail } from './system-over-mail';

let system: SystemOverMail;
let pool: Pool;
const ZONE = 'Europe/Berlin';
const OSCAR = 'oscar.organizer@example.org';
const PIA = 'pia.organizer@example.org';
let hall: string;

beforeAll(async () => {
  system = await startSystemOverMail({ PERSONAL_DATA_RETENTION: '3s' }, { metrics: true });
  pool = new Pool({ connectionString: system.infra.env.DATABASE_URL, max: 2 });
  hall = await approvedSpace(system.directory, {
    name: 'Retention Hall',
    city: 'Berlin',
    country: 'DE',
    timezone: ZONE,
    latitude: 52.52,
    longitude: 13.405,
    host: { name: 'Hana', email: 'hana.host@example.org' },
  });
}, 120_000);
afterAll(async () => {
  await pool?.end();
  await system?.stop();
});

async function ask(organizer: { name: string; email: string }, title: string): Promise<string> {
  const start = DateTime.now().setZone(ZONE).plus({ days: 10 }).set({ hour: 18, minute: 0, second: 0 });
  const { body } = await request(system.bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { ...organizer, community: 'Berlin Go' },
      event: { title, start: start.toISO(), end: start.plus({ hours: 3 }).toISO(), expectedAttendees: 20 },
      spaceId: hall,
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 1 },
    })
    .expect(201);
  return body.id as string;
}

const bookingOf = async (id: string) =>
  (await request(system.bookings.url).get(`/api/bookings/${id}`).set(operator).expect(200)).body;

it('a booking that ended longer ago than the retention loses its organizer, and with their last one they go everywhere', async () => {
  const old = await ask({ name: 'Oscar', email: OSCAR }, 'Go night');
  await system.mailTo(OSCAR, /^We asked Retention Hall to host Go night$/);
  await request(system.bookings.url)
    .post(`/api/bookings/${old}/cancel`)
    .set(operator)
    .send({ reason: 'The community paused' })
    .expect(200);
  await system.mailTo(OSCAR, /Go night/i);
  const coming = await ask({ name: 'Pia', email: PIA }, 'Go evening');
  await system.mailTo(PIA, /^We asked Retention Hall to host Go evening$/);
  expect(await columnsHolding(pool, OSCAR)).not.toEqual([]);
  // The old booking's event took place a year ago: moved there, as time would have.
  await pool.query(
    `with moved as (select now() - interval '365 days' as s, now() - interval '365 days' + interval '3 hours' as e)
     update bookings.booking set starts_at = moved.s, ends_at = moved.e,
       needs = needs || jsonb_build_object('start', to_char(moved.s at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                           'end', to_char(moved.e at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
       from moved where id = $1`,
    [old],
  );
  await eventually(
    async () => (await bookingOf(old)).organizer.email !== OSCAR,
    'the old booking loses Oscar',
  );
  const kept = await bookingOf(old);
  expect(kept.organizer).toMatchObject({
    name: 'Erased person',
    email: expect.stringMatching(/@erased\.invalid$/),
  });
  expect(kept.state).toBe('cancelled');
  await eventually(async () => (await columnsHolding(pool, OSCAR)).length === 0, 'Oscar erased everywhere');
  expect(await columnsHolding(pool, OSCAR)).toEqual([]);
  // A booking still to come keeps its organizer.
  expect((await bookingOf(coming)).organizer.email).toBe(PIA);
  expect(await columnsHolding(pool, PIA)).not.toEqual([]);
  // The timer is durable: the next look waits in PostgreSQL.
  const { rows } = await pool.query(
    `select count(*)::int as n from bookings.timer where name = 'bookings.retention-due' and fired_at is null and stopped_at is null`,
  );
  expect(rows[0].n).toBe(1);
  // Each look, the first one set as the service started too, left for Redis at its commit, not at a sweep.
  const { rows: looks } = await pool.query(
    `select scheduled_by from bookings.timer where name = 'bookings.retention-due' order by due_at`,
  );
  expect(looks.length).toBeGreaterThan(1);
  expect(looks.map((look) => look.scheduled_by)).toEqual(looks.map(() => 'commit'));
}, 120_000);

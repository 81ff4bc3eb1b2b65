// The migration that keeps what a booking needs in one column moves the bookings stored before it: each row's
// community, named space, place, people, amenities and times arrive in "needs", as the service reads them.
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { migrate } from '@cocomo/persistence';
import { migrateService, ormOptionsFor } from '@cocomo/platform';
import { isolatedInfra, type IsolatedInfra } from '@cocomo/testing';
import { bookingsMigrations } from '../migrations';
import { Booking } from '../src/bookings/booking.entity';
import { bookingsDefinition } from '../src/bookings.module';

let infra: IsolatedInfra;
let database: Client;

const BEFORE = 'Migration20261228000000_booking_needs';
const named = randomUUID();
const near = randomUUID();
const both = randomUUID();
const space = randomUUID();

beforeAll(async () => {
  infra = await isolatedInfra();
  const before = bookingsMigrations.slice(
    0,
    bookingsMigrations.findIndex((migration) => migration.name === BEFORE),
  );
  await migrate(ormOptionsFor(bookingsDefinition, infra.env, before));
  database = new Client({ connectionString: infra.env.DATABASE_URL });
  await database.connect();
  const old = async (id: string, place: unknown[]) =>
    database.query(
      `insert into "bookings"."booking" ("id", "state", "version", "organizer_name", "organizer_email",
         "community", "title", "description", "starts_at", "ends_at", "expected_attendees", "needs",
         "requested_space_id", "near_latitude", "near_longitude", "near_radius_km", "created_at", "updated_at")
       values ($1, 'pending_host', 2, 'Priya', 'priya@example.org', 'Pune Python', 'Meetup', '',
         '2027-03-01T12:30:00+05:30', '2027-03-01T15:00:00+05:30', 40, $2, $3, $4, $5, $6, now(), now())`,
      [id, id === near ? [] : ['projector', 'wifi'], ...place],
    );
  await old(named, [space, null, null, null]);
  await old(near, [null, 18.52, 73.85, 10]);
  await old(both, [space, 18.52, 73.85, 2.5]);
  await migrateService(bookingsDefinition, infra.env);
});
afterAll(async () => {
  await database?.end();
  await infra?.cleanup();
});

const asked = {
  community: 'Pune Python',
  expectedAttendees: 40,
  start: '2027-03-01T07:00:00.000Z',
  end: '2027-03-01T09:30:00.000Z',
};

it.each([
  ['a named space', named, { ...asked, spaceId: space, needs: ['projector', 'wifi'] }],
  [
    'a place to look near',
    near,
    { ...asked, near: { latitude: 18.52, longitude: 73.85, radiusKm: 10 }, needs: [] },
  ],
  [
    'a named space and a place around it',
    both,
    {
      ...asked,
      spaceId: space,
      near: { latitude: 18.52, longitude: 73.85, radiusKm: 2.5 },
      needs: ['projector', 'wifi'],
    },
  ],
])('moves a booking that asked for %s into its needs', async (_what, id, needs) => {
  const orm = await MikroORM.init(ormOptionsFor(bookingsDefinition, infra.env));
  try {
    const booking = await orm.em.fork().findOneOrFail(Booking, { id });
    expect(booking.needs).toEqual(needs);
    expect(booking.start.toISOString()).toBe(asked.start);
    expect(booking.state).toBe('pending_host');
  } finally {
    await orm.close(true);
  }
});

it('drops the columns the needs replace', async () => {
  const { rows } = await database.query<{ column_name: string }>(
    `select "column_name" from information_schema.columns
     where "table_schema" = 'bookings' and "table_name" = 'booking'`,
  );
  const columns = rows.map((row) => row.column_name);
  expect(columns).toContain('needs');
  for (const gone of [
    'community',
    'expected_attendees',
    'requested_space_id',
    'near_latitude',
    'amenities',
  ]) {
    expect(columns).not.toContain(gone);
  }
});

it('refuses needs without a place, without people, or with other times than the booking', async () => {
  const insert = (needs: object) =>
    database.query(
      `insert into "bookings"."booking" ("id", "state", "version", "organizer_name", "organizer_email",
         "title", "description", "starts_at", "ends_at", "needs", "created_at", "updated_at")
       values ($1, 'requested', 1, 'Priya', 'priya@example.org', 'Meetup', '', $2, $3, $4, now(), now())`,
      [randomUUID(), asked.start, asked.end, JSON.stringify(needs)],
    );
  const fine = { ...asked, spaceId: space, needs: [] };
  await insert(fine);
  const { spaceId: _spaceId, ...nowhere } = fine;
  await expect(insert(nowhere)).rejects.toThrow(/booking_has_a_place/);
  await expect(insert({ ...fine, expectedAttendees: 0 })).rejects.toThrow(/booking_expects_people/);
  await expect(insert({ ...fine, end: '2027-03-01T10:00:00.000Z' })).rejects.toThrow(
    /booking_needs_its_times/,
  );
});

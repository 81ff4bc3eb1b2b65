// The database itself refuses two bookings that hold one space at overlapping times, so that no code path
// (the urgent fan-out with two hosts accepting at once, an operator's assignment) can confirm a space twice.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { migrateService } from '@cocomo/platform';
import { isolatedInfra, type IsolatedInfra } from '@cocomo/testing';
import { bookingsDefinition } from '../src/bookings.module';

let infra: IsolatedInfra;
let database: Client;

beforeAll(async () => {
  infra = await isolatedInfra();
  await migrateService(bookingsDefinition, infra.env);
  database = new Client({ connectionString: infra.env.DATABASE_URL });
  await database.connect();
});
afterAll(async () => {
  await database?.end();
  await infra?.cleanup();
});

const space = randomUUID();

function needsAt(spaceId: string | null, start: string, end: string) {
  const iso = (at: string) => new Date(at).toISOString();
  return {
    community: 'Pune Python',
    spaceId: spaceId ?? space,
    expectedAttendees: 20,
    needs: [],
    start: iso(start),
    end: iso(end),
  };
}

async function book(state: string, spaceId: string | null, start: string, end: string): Promise<void> {
  await database.query(
    `insert into "bookings"."booking" ("id", "state", "version", "organizer_name", "organizer_email",
       "title", "description", "starts_at", "ends_at", "needs", "space_id", "created_at", "updated_at")
     values ($1, $2, 1, 'Org', 'org@example.org', 'Meetup', '', $3, $4, $6, $5, now(), now())`,
    [randomUUID(), state, start, end, spaceId, JSON.stringify(needsAt(spaceId, start, end))],
  );
}

it('refuses a second confirmed booking of a space at an overlapping time', async () => {
  await book('confirmed', space, '2027-03-01T10:00:00Z', '2027-03-01T14:00:00Z');
  await expect(book('confirmed', space, '2027-03-01T13:00:00Z', '2027-03-01T17:00:00Z')).rejects.toThrow(
    /booking_no_double_booking/,
  );
  await expect(book('reconfirming', space, '2027-03-01T09:00:00Z', '2027-03-01T11:00:00Z')).rejects.toThrow(
    /booking_no_double_booking/,
  );
});

it('allows back-to-back bookings, other spaces, and bookings that do not hold the space', async () => {
  await book('confirmed', space, '2027-03-01T14:00:00Z', '2027-03-01T16:00:00Z');
  await book('confirmed', randomUUID(), '2027-03-01T10:00:00Z', '2027-03-01T14:00:00Z');
  await book('cancelled', space, '2027-03-01T10:00:00Z', '2027-03-01T14:00:00Z');
  await book('pending_host', space, '2027-03-01T10:00:00Z', '2027-03-01T14:00:00Z');
});

it('refuses a booking that ends before it starts', async () => {
  await expect(book('pending_host', space, '2027-03-02T10:00:00Z', '2027-03-02T09:00:00Z')).rejects.toThrow(
    /booking_ends_after_start/,
  );
});

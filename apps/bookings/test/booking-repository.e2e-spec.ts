// The booking repository's own rules, against PostgreSQL: which spaces a community used before, which spaces
// are held at a time, and the lists the operators' page shows.
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import type { BookingNeeds } from '@cocomo/contracts';
import { migrateService, NotFound, ormOptionsFor } from '@cocomo/platform';
import { isolatedInfra, type IsolatedInfra } from '@cocomo/testing';
import { BookingRepository } from '../src/bookings/booking.repository';
import { bookingsDefinition } from '../src/bookings.module';
import type { BookingState } from '../src/machine/booking-vocabulary';

let infra: IsolatedInfra;
let orm: MikroORM;
let bookings: BookingRepository;

beforeAll(async () => {
  infra = await isolatedInfra();
  await migrateService(bookingsDefinition, infra.env);
  orm = await MikroORM.init({ ...ormOptionsFor(bookingsDefinition, infra.env), allowGlobalContext: true });
  bookings = new BookingRepository(orm.em);
});
afterAll(async () => {
  await orm?.close(true);
  await infra?.cleanup();
});

/** A booking of `community` from `start` for three hours, in `state`, at `spaceId`. */
async function booked(
  community: string,
  state: BookingState,
  spaceId: string | null,
  start: string,
): Promise<string> {
  const end = new Date(Date.parse(start) + 3 * 3_600_000).toISOString();
  const needs: BookingNeeds = {
    community,
    spaceId: spaceId ?? randomUUID(),
    expectedAttendees: 20,
    needs: [],
    start,
    end,
  };
  const asked = {
    organizer: { name: 'Org', email: 'org@example.org' },
    title: 'Meetup',
    description: '',
    needs,
  };
  const booking = await bookings.transaction(async (em) => {
    const added = bookings.add(em, asked, null, new Date());
    Object.assign(added, { state, spaceId });
    return added;
  });
  return booking.id;
}

describe('the spaces a community used before', () => {
  it('are those its bookings have or were held at, whatever the case of its name', async () => {
    const [confirmed, reconfirming, awaiting, held] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    await booked('Rust Pune', 'confirmed', confirmed, '2027-01-01T10:00:00.000Z');
    await booked('rust pune', 'reconfirming', reconfirming, '2027-01-02T10:00:00.000Z');
    await booked('RUST PUNE', 'awaiting_report', awaiting, '2027-01-03T10:00:00.000Z');
    await booked('Rust Pune', 'held', held, '2027-01-04T10:00:00.000Z');
    await booked('Rust Pune', 'held', held, '2027-01-05T10:00:00.000Z');
    await booked('Rust Pune', 'cancelled', randomUUID(), '2027-01-06T10:00:00.000Z');
    await booked('Rust Pune', 'not_held', randomUUID(), '2027-01-07T10:00:00.000Z');
    await booked('Rust Pune', 'pending_host', null, '2027-01-08T10:00:00.000Z');
    await booked('Go Pune', 'held', randomUUID(), '2027-01-09T10:00:00.000Z');
    expect((await bookings.spacesUsedBy('rust PUNE')).sort()).toEqual(
      [confirmed, reconfirming, awaiting, held].sort(),
    );
  });
});

describe('the spaces held at a time', () => {
  const hall = randomUUID();
  const loft = randomUUID();
  const spare = randomUUID();

  beforeAll(async () => {
    await booked('A', 'confirmed', hall, '2027-02-01T10:00:00.000Z');
    await booked('B', 'reconfirming', loft, '2027-02-01T12:00:00.000Z');
    await booked('C', 'awaiting_report', spare, '2027-02-01T10:00:00.000Z');
    await booked('D', 'cancelled', spare, '2027-02-01T10:00:00.000Z');
  });

  it.each([
    ['an overlap with both', '2027-02-01T12:30:00.000Z', '2027-02-01T13:00:00.000Z', [hall, loft]],
    ['an overlap with one', '2027-02-01T09:00:00.000Z', '2027-02-01T11:00:00.000Z', [hall]],
    ['the hour its event ends (back to back)', '2027-02-01T15:00:00.000Z', '2027-02-01T16:00:00.000Z', []],
    ['the hour before it starts', '2027-02-01T09:00:00.000Z', '2027-02-01T10:00:00.000Z', []],
  ])('are those confirmed or reconfirming at %s', async (_when, start, end, held) => {
    expect((await bookings.spacesHeldDuring(start, end)).sort()).toEqual([...held].sort());
  });
});

describe('the lists of bookings', () => {
  it('name the bookings in the states asked, soonest first, at most as many as asked', async () => {
    const later = await booked('E', 'unplaced', null, '2028-05-02T10:00:00.000Z');
    const sooner = await booked('E', 'unplaced', null, '2028-05-01T10:00:00.000Z');
    await booked('E', 'unplaced', null, '2028-05-03T10:00:00.000Z');
    const listed = await bookings.listed(['unplaced'], 2);
    expect(listed.map((booking) => booking.id)).toEqual([sooner, later]);
  });

  it('give a booking with its history, and NotFound for one that does not exist', async () => {
    const id = await booked('F', 'requested', null, '2028-06-01T10:00:00.000Z');
    const { booking, history } = await bookings.withHistory(id);
    expect(booking.id).toBe(id);
    expect(history.map((step) => [step.from, step.to, step.cause])).toEqual([
      [null, 'requested', 'requested'],
    ]);
    await expect(bookings.withHistory(randomUUID())).rejects.toBeInstanceOf(NotFound);
  });
});

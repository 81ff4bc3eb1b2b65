// A booking and its history survive the round trip through PostgreSQL with the facts the machine needs and
// what the organizer asked for.
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptionsFor, migrateService } from '@cocomo/platform';
import { isolatedInfra, type IsolatedInfra } from '@cocomo/testing';
import { applyFacts, factsOf } from '../src/bookings/booking-facts';
import { Booking } from '../src/bookings/booking.entity';
import { BookingTransition } from '../src/bookings/booking-transition.entity';
import { bookingsDefinition } from '../src/bookings.module';
import { decide } from '../src/machine/booking-machine';

let infra: IsolatedInfra;
let orm: MikroORM;

beforeAll(async () => {
  infra = await isolatedInfra();
  await migrateService(bookingsDefinition, infra.env);
  orm = await MikroORM.init({ ...ormOptionsFor(bookingsDefinition, infra.env), allowGlobalContext: true });
});
afterAll(async () => {
  await orm?.close(true);
  await infra?.cleanup();
});

it('stores a booking, moves it with the machine, and reads back the same facts and history', async () => {
  const id = randomUUID();
  const now = new Date();
  const start = new Date(now.getTime() + 10 * 86_400_000);
  const end = new Date(start.getTime() + 3 * 3_600_000);
  const needs = {
    community: 'Pune Python',
    near: { latitude: 18.52, longitude: 73.85, radiusKm: 10 },
    expectedAttendees: 40,
    needs: ['projector'],
    start: start.toISOString(),
    end: end.toISOString(),
  };
  const em = orm.em.fork();
  const booking = em.create(Booking, {
    id,
    state: 'requested',
    version: 1,
    organizerName: 'Priya',
    organizerEmail: 'priya@example.org',
    title: 'Meetup',
    description: '',
    start,
    end,
    needs,
    candidates: [],
    spaceSnapshots: {},
    asked: [],
    createdAt: now,
    updatedAt: now,
  });
  const settings = {
    reminderAfterMs: 1,
    escalateAfterMs: 2,
    reconfirmBeforeMs: 3,
    urgentWindowMs: 4,
    urgentFanout: 3,
    reportAfterMs: 5,
    reportReminderAfterMs: 6,
    reportCloseAfterMs: 7,
  };
  const decision = decide(
    factsOf(booking),
    { type: 'candidatesRanked', candidates: ['a', 'b'] },
    settings,
    now,
  );
  if (decision.outcome !== 'moved') throw new Error(decision.reason);
  applyFacts(booking, decision.facts, now);
  em.create(BookingTransition, {
    booking,
    version: 2,
    at: now,
    from: 'requested',
    to: 'pending_host',
    cause: decision.cause,
  });
  await em.flush();

  const again = await orm.em.fork().findOneOrFail(Booking, { id });
  expect(factsOf(again)).toEqual(decision.facts);
  expect(again.needs).toEqual(needs);
  const history = await orm.em.fork().find(BookingTransition, { booking: id });
  expect(history.map((step) => [step.from, step.to, step.cause])).toEqual([
    ['requested', 'pending_host', 'candidates ranked'],
  ]);
});

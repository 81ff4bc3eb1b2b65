// Request/reply over the queue: the bookings service asks the directory for ranked candidates, and gets a
// clear timeout when nobody answers.
import { rankCandidates } from '@cocomo/contracts';
import { Job } from 'bullmq';
import { BullMqClient, QueryTimeoutError } from '@cocomo/messaging';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { bookingsDefinition, BookingsModule } from '../../apps/bookings/src/bookings.module';
import { approvedSpace } from '../../apps/directory/test/directory-harness';

let infra: IsolatedInfra;
let directory: ServiceUnderTest;
let bookings: ServiceUnderTest;

beforeAll(async () => {
  infra = await isolatedInfra({ REQUEST_TIMEOUT: '1s' });
  directory = await startService(directoryApp, infra.env);
  bookings = await startService({ ...bookingsDefinition, module: BookingsModule.forRoot }, infra.env);
});
afterAll(async () => {
  await bookings?.close();
  await directory?.close();
  await infra?.cleanup();
});

/** Who asks and when: the ranking does not look at them yet. */
const when = { community: 'Berlin Rust', start: '2027-03-01T18:00:00.000Z', end: '2027-03-01T21:00:00.000Z' };

it('asks the directory over the queue and gets its ranked candidates back', async () => {
  const berlin = { city: 'Berlin', country: 'DE', timezone: 'Europe/Berlin' };
  const paidNear = await approvedSpace(directory, {
    ...berlin,
    name: 'Paid Near',
    latitude: 52.52,
    longitude: 13.405,
    pricing: { model: 'paid', amount: 100, currency: 'EUR', per: 'day' },
    marketRate: { amount: 300, currency: 'EUR', per: 'day' },
  });
  const freeFurther = await approvedSpace(directory, {
    ...berlin,
    name: 'Free Further',
    latitude: 52.55,
    longitude: 13.45,
  });
  await approvedSpace(directory, {
    ...berlin,
    name: 'Too Small',
    latitude: 52.52,
    longitude: 13.41,
    capacity: 5,
  });

  const answer = await bookings.app.get(BullMqClient).ask(rankCandidates, {
    ...when,
    near: { latitude: 52.52, longitude: 13.405, radiusKm: 20 },
    expectedAttendees: 30,
    needs: ['projector'],
    previousSpaceIds: [],
    excludeSpaceIds: [],
    limit: 10,
  });
  expect(answer.candidates.map((candidate) => candidate.spaceId)).toEqual([freeFurther, paidNear]);
  expect(answer.candidates[0]).toMatchObject({
    name: 'Free Further',
    pricingModel: 'free',
    host: { email: 'asha@example.org' },
  });
});

it('gives up with a QueryTimeoutError when nobody answers in REQUEST_TIMEOUT', async () => {
  await directory.close();
  const started = Date.now();
  const asking = bookings.app.get(BullMqClient).ask(rankCandidates, {
    ...when,
    near: { latitude: 52.52, longitude: 13.405, radiusKm: 20 },
    expectedAttendees: 30,
    needs: [],
    previousSpaceIds: [],
    excludeSpaceIds: [],
    limit: 10,
  });
  await expect(asking).rejects.toBeInstanceOf(QueryTimeoutError);
  const waited = Date.now() - started;
  expect(waited).toBeGreaterThanOrEqual(900);
  expect(waited).toBeLessThan(5000);
});

it('gives up with a QueryTimeoutError, not an error, when Redis loses the question before its answer is awaited', async () => {
  // Redis losing its data between the question's job being added and the asker starting to wait for it: the
  // fault run met BullMQ's "Missing key for job" there, and a 500.
  const waitUntilFinished = Job.prototype.waitUntilFinished;
  const spy = jest.spyOn(Job.prototype, 'waitUntilFinished').mockImplementation(async function (
    this: Job,
    ...args: Parameters<Job['waitUntilFinished']>
  ) {
    await infra.flushRedis();
    return waitUntilFinished.apply(this, args);
  });
  try {
    const asking = bookings.app.get(BullMqClient).ask(rankCandidates, {
      ...when,
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 20 },
      expectedAttendees: 30,
      needs: [],
      previousSpaceIds: [],
      excludeSpaceIds: [],
      limit: 10,
    });
    await expect(asking).rejects.toBeInstanceOf(QueryTimeoutError);
  } finally {
    spy.mockRestore();
  }
});

// Timers: kept in PostgreSQL, scheduled as delayed BullMQ jobs, restored when Redis loses them, acting once
// and never once stopped or rolled back.
import { randomUUID } from 'node:crypto';
import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import { Queue, UnrecoverableError } from 'bullmq';
import type { Environment } from '@cocomo/config';
import { bookingTimerDue, inboxQueue, type BookingTimerDue, type Envelope } from '@cocomo/contracts';
import { redisOptions, TimerScheduler, Timers } from '@cocomo/messaging';
import { PlatformModule, type ServiceApp } from '@cocomo/platform';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { bookingsDefinition } from '../../apps/bookings/src/bookings.module';

/** Bookings whose timers fail for good while they are listed (as a handler with a bug would). */
const failing = new Set<string>();

@Controller()
class TimerRecorder {
  constructor(private readonly em: EntityManager) {}

  @EventPattern(bookingTimerDue.name)
  async fired(@Payload() message: Envelope<BookingTimerDue>): Promise<void> {
    if (failing.has(message.payload.bookingId)) throw new UnrecoverableError('the handler fails for good');
    await this.em.execute(
      `insert into "bookings"."test_fired" ("timer_id", "booking_id", "fired_at") values (?, ?, now())`,
      [message.id, message.payload.bookingId],
    );
  }
}

@Module({})
class RecorderModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: RecorderModule,
      imports: [PlatformModule.forRoot(bookingsDefinition, env)],
      controllers: [TimerRecorder],
    };
  }
}

const definition: ServiceApp = { ...bookingsDefinition, module: RecorderModule.forRoot };
let infra: IsolatedInfra;
let service: ServiceUnderTest;

beforeAll(async () => {
  infra = await isolatedInfra({ TIMER_SWEEP_INTERVAL: '300ms', TIMER_OVERDUE_AFTER: '500ms' });
  service = await startService(definition, infra.env);
  await service.app
    .get(EntityManager)
    .fork()
    .execute(
      `create table "bookings"."test_fired" ("timer_id" text, "booking_id" text, "fired_at" timestamptz)`,
    );
});
afterAll(async () => {
  await service?.close();
  await infra?.cleanup();
});

const em = () => service.app.get(EntityManager).fork();

async function setTimer(
  bookingId: string,
  dueInMs: number,
  id = `${bookingId}-reminder-v1`,
): Promise<string> {
  await em().transactional(async (tx) => {
    service.app.get(Timers).set(
      tx,
      bookingTimerDue,
      { bookingId, timer: 'hostReminder', version: 1 },
      {
        id,
        subject: bookingId,
        dueAt: new Date(Date.now() + dueInMs),
      },
    );
  });
  return id;
}

async function firings(bookingId: string): Promise<Date[]> {
  const rows: { fired_at: Date }[] = await em().execute(
    `select "fired_at" from "bookings"."test_fired" where "booking_id" = ?`,
    [bookingId],
  );
  return rows.map((row) => new Date(row.fired_at));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForFirings(bookingId: string, count: number, withinMs = 5000): Promise<Date[]> {
  const deadline = Date.now() + withinMs;
  let seen = await firings(bookingId);
  while (seen.length < count && Date.now() < deadline) {
    await sleep(50);
    seen = await firings(bookingId);
  }
  return seen;
}

it('fires a committed timer once, at its due time', async () => {
  const bookingId = randomUUID();
  const setAt = Date.now();
  await setTimer(bookingId, 600);
  const [fired, ...more] = await waitForFirings(bookingId, 1);
  expect(fired.getTime() - setAt).toBeGreaterThanOrEqual(550);
  await sleep(300);
  expect(more).toEqual([]);
  expect(await firings(bookingId)).toHaveLength(1);
});

it('never fires a timer whose transaction rolled back', async () => {
  const bookingId = randomUUID();
  await expect(
    em().transactional(async (tx) => {
      service.app.get(Timers).set(
        tx,
        bookingTimerDue,
        { bookingId, timer: 'hostReminder', version: 1 },
        {
          id: `${bookingId}-reminder-v1`,
          subject: bookingId,
          dueAt: new Date(Date.now() + 100),
        },
      );
      await tx.flush();
      throw new Error('the state change failed');
    }),
  ).rejects.toThrow('the state change failed');
  await sleep(800);
  expect(await firings(bookingId)).toEqual([]);
});

it('never fires a stopped timer', async () => {
  const bookingId = randomUUID();
  await setTimer(bookingId, 400);
  await em().transactional(async (tx) => {
    expect(await service.app.get(Timers).stopFor(tx, bookingId)).toBe(1);
  });
  await sleep(900);
  expect(await firings(bookingId)).toEqual([]);
});

it('brings back timers that Redis lost, and they fire once', async () => {
  const bookingId = randomUUID();
  const id = await setTimer(bookingId, 1500);
  const scheduler = service.app.get(TimerScheduler);
  await sleep(200);
  // Redis loses everything it held for this deployment, the delayed job included.
  const keys = await infra.redis.keys(`${infra.env.QUEUE_PREFIX}:*`);
  expect(keys.some((key) => key.endsWith(id))).toBe(true);
  await infra.redis.del(...keys);
  // The periodic sweep notices; sweeping here too only makes it sooner. Only a restored job can fire now.
  await scheduler.sweep();
  const fired = await waitForFirings(bookingId, 1);
  expect(fired).toHaveLength(1);
  await sleep(300);
  expect(await firings(bookingId)).toHaveLength(1);
});

it('schedules again an overdue timer whose job ended without it firing', async () => {
  const bookingId = randomUUID();
  failing.add(bookingId);
  const id = await setTimer(bookingId, 100);
  const queue = new Queue(inboxQueue('bookings'), {
    connection: redisOptions(infra.env.REDIS_URL),
    prefix: infra.env.QUEUE_PREFIX,
  });
  try {
    for (let i = 0; i < 100 && (await queue.getJobState(id)) !== 'failed'; i++) await sleep(50);
    expect(await queue.getJobState(id)).toBe('failed');
    expect(await firings(bookingId)).toHaveLength(0);
    // The cause is mended; the sweeper finds the timer overdue with an ended job and schedules it again.
    failing.delete(bookingId);
    expect(await waitForFirings(bookingId, 1)).toHaveLength(1);
  } finally {
    await queue.close();
  }
});

it('schedules again an overdue timer whose job Redis kept only in part, in no list of its queue', async () => {
  const bookingId = randomUUID();
  // Due far enough ahead that a busy machine cannot run it before the loss below is staged.
  const id = await setTimer(bookingId, 5000);
  const queue = new Queue(inboxQueue('bookings'), {
    connection: redisOptions(infra.env.REDIS_URL),
    prefix: infra.env.QUEUE_PREFIX,
  });
  try {
    for (let i = 0; i < 200 && (await queue.getJobState(id)) !== 'delayed'; i++) await sleep(20);
    // A loss that caught the delayed list but not the job itself (as a flush racing a write leaves it): the
    // job's hash is there, so the timer does not look lost, yet nothing will ever run it.
    await infra.redis.zrem(`${infra.env.QUEUE_PREFIX}:${inboxQueue('bookings')}:delayed`, id);
    expect(await queue.getJobState(id)).toBe('unknown');
    expect(await waitForFirings(bookingId, 1, 20_000)).toHaveLength(1);
    await sleep(300);
    expect(await firings(bookingId)).toHaveLength(1);
  } finally {
    await queue.close();
  }
});

describe('timers due at the same moment', () => {
  /** Sets a timer for each booking, all due at the same millisecond, in one transaction. */
  async function setTogether(bookingIds: string[], dueInMs: number): Promise<string[]> {
    const dueAt = new Date(Date.now() + dueInMs);
    const ids = bookingIds.map((bookingId) => `${bookingId}-reminder-v1`);
    await em().transactional(async (tx) => {
      bookingIds.forEach((bookingId, index) =>
        service.app.get(Timers).set(
          tx,
          bookingTimerDue,
          { bookingId, timer: 'hostReminder', version: 1 },
          {
            id: ids[index],
            subject: bookingId,
            dueAt,
          },
        ),
      );
    });
    return ids;
  }

  async function jobIdsOf(ids: string[]): Promise<(string | null)[]> {
    for (let i = 0; i < 100; i++) {
      const rows: { job_id: string | null }[] = await em().execute(
        `select "job_id" from "bookings"."timer" where "id" in (${ids.map(() => '?').join(', ')}) order by "id"`,
        ids,
      );
      if (rows.every((row) => row.job_id !== null)) return rows.map((row) => row.job_id);
      await sleep(20);
    }
    throw new Error('the timers were not scheduled');
  }

  const inbox = () =>
    new Queue(inboxQueue('bookings'), {
      connection: redisOptions(infra.env.REDIS_URL),
      prefix: infra.env.QUEUE_PREFIX,
    });

  it('share one delayed job, and each acts once', async () => {
    const bookings = [randomUUID(), randomUUID(), randomUUID()];
    const ids = await setTogether(bookings, 800);
    const jobIds = await jobIdsOf(ids);
    expect(new Set(jobIds).size).toBe(1);
    expect(ids).not.toContain(jobIds[0]);
    const queue = inbox();
    try {
      expect(await queue.getJobState(jobIds[0]!)).toBe('delayed');
      for (const id of ids) expect(await queue.getJobState(id)).toBe('unknown');
    } finally {
      await queue.close();
    }
    for (const bookingId of bookings) expect(await waitForFirings(bookingId, 1)).toHaveLength(1);
    await sleep(300);
    for (const bookingId of bookings) expect(await firings(bookingId)).toHaveLength(1);
  });

  it('are brought back together when Redis loses their job, and each acts once', async () => {
    const bookings = [randomUUID(), randomUUID()];
    const ids = await setTogether(bookings, 1500);
    const [jobId] = await jobIdsOf(ids);
    const keys = await infra.redis.keys(`${infra.env.QUEUE_PREFIX}:*`);
    expect(keys.some((key) => key.endsWith(`:${jobId}`))).toBe(true);
    await infra.redis.del(...keys);
    await service.app.get(TimerScheduler).sweep();
    for (const bookingId of bookings) expect(await waitForFirings(bookingId, 1)).toHaveLength(1);
    await sleep(300);
    for (const bookingId of bookings) expect(await firings(bookingId)).toHaveLength(1);
    const restored: { scheduled_by: string }[] = await em().execute(
      `select "scheduled_by" from "bookings"."timer" where "id" in (?, ?)`,
      ids,
    );
    expect(restored.map((row) => row.scheduled_by)).toEqual(['restore', 'restore']);
  });

  it('act apart when one fails: the others once, the failing one once it is mended', async () => {
    const [good, bad, alsoGood] = [randomUUID(), randomUUID(), randomUUID()];
    failing.add(bad);
    const ids = await setTogether([good, bad, alsoGood], 300);
    const [jobId] = await jobIdsOf(ids);
    const queue = inbox();
    try {
      for (let i = 0; i < 100 && (await queue.getJobState(jobId!)) !== 'failed'; i++) await sleep(50);
      // Failed for good as the one timer's handler did, not retried in vain; the others have acted.
      expect(await queue.getJobState(jobId!)).toBe('failed');
      expect(await firings(good)).toHaveLength(1);
      expect(await firings(alsoGood)).toHaveLength(1);
      expect(await firings(bad)).toHaveLength(0);
      failing.delete(bad);
      // Overdue with an ended job: the sweep schedules the timer that did not act, and only it.
      expect(await waitForFirings(bad, 1, 10_000)).toHaveLength(1);
      await sleep(300);
      expect(await firings(good)).toHaveLength(1);
      expect(await firings(alsoGood)).toHaveLength(1);
      expect(await firings(bad)).toHaveLength(1);
    } finally {
      await queue.close();
    }
  });
});

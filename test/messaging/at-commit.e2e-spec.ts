// Timers and outbox messages leave for Redis right after the commit that wrote them, whichever transaction it
// was: a handler's nested transaction inside the inbox's group commit, the one-by-one retry after a failed
// batch, an HTTP-like transaction. The sweep and the relay's poll are set to ten minutes here, so only the
// after-commit kick can schedule anything within the test.
import { randomUUID } from 'node:crypto';
import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import { bookingRequested, bookingTimerDue, type BookingTimerDue, type Envelope } from '@cocomo/contracts';
import { BullMqClient, Outbox, Timers } from '@cocomo/messaging';
import { PlatformModule } from '@cocomo/platform';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { bookingsDefinition } from '../../apps/bookings/src/bookings.module';

/** Bookings whose next step fails once, so that their group's batch rolls back and each runs alone. */
const failOnce = new Set<string>();
/** Bookings whose handler always fails after writing a timer and a message: their transaction rolls back. */
const alwaysFail = new Set<string>();
/** When each booking's handler committed its work (as far as the handler can tell: just before it returned). */
const handledAt = new Map<string, number>();

@Controller()
class NextStep {
  constructor(
    private readonly em: EntityManager,
    private readonly timers: Timers,
    private readonly outbox: Outbox,
  ) {}

  /** A timer or an event came in: the handler sets the next timer and sends a message, as the workflow does. */
  @EventPattern(bookingTimerDue.name)
  async due(@Payload() message: Envelope<BookingTimerDue>): Promise<void> {
    const { bookingId, version } = message.payload;
    if (version > 1) return; // the chain's second timer only has to be scheduled
    // A transaction of its own inside the inbox's, as BookingWorkflow.apply opens one: a savepoint.
    await this.em.transactional(async (em) => {
      this.timers.set(
        em,
        bookingTimerDue,
        { bookingId, timer: 'eventEnd', version: 2 },
        { id: `${bookingId}-eventEnd-v2`, subject: bookingId, dueAt: new Date(Date.now() + 3_600_000) },
      );
      this.outbox.add(em, bookingRequested, {
        bookingId,
        community: 'at-commit',
        at: new Date().toISOString(),
        eventStart: new Date().toISOString(),
        eventEnd: new Date().toISOString(),
        expectedAttendees: 1,
        candidates: 0,
      });
    });
    if (failOnce.delete(bookingId) || alwaysFail.has(bookingId)) throw new Error('the step fails');
    handledAt.set(bookingId, Date.now());
  }
}

@Module({})
class NextStepModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: NextStepModule,
      imports: [PlatformModule.forRoot(bookingsDefinition, env)],
      controllers: [NextStep],
    };
  }
}

const TEN_MINUTES = '10m';
let infra: IsolatedInfra;
let service: ServiceUnderTest;

beforeAll(async () => {
  infra = await isolatedInfra({
    TIMER_SWEEP_INTERVAL: TEN_MINUTES,
    OUTBOX_POLL_INTERVAL: TEN_MINUTES,
    EMAIL_SWEEP_INTERVAL: TEN_MINUTES,
  });
  service = await startService({ ...bookingsDefinition, module: NextStepModule.forRoot }, infra.env);
  // The sweep at start has run; from now on only commits schedule.
  await sleep(500);
});
afterAll(async () => {
  await service?.close();
  await infra?.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const em = () => service.app.get(EntityManager).fork();

interface Scheduled {
  timerScheduledAt: number | null;
  messagePublishedAt: number | null;
}

async function scheduledFor(bookingId: string): Promise<Scheduled> {
  const [timer]: { scheduled_at: Date | null }[] = await em().execute(
    `select "scheduled_at" from "bookings"."timer" where "id" = ?`,
    [`${bookingId}-eventEnd-v2`],
  );
  const [message]: { published_at: Date | null }[] = await em().execute(
    `select "published_at" from "bookings"."outbox_message" where "payload"->>'bookingId' = ?`,
    [bookingId],
  );
  return {
    timerScheduledAt: timer?.scheduled_at ? new Date(timer.scheduled_at).getTime() : null,
    messagePublishedAt: message?.published_at ? new Date(message.published_at).getTime() : null,
  };
}

async function waitUntilScheduled(bookingId: string, withinMs = 30_000): Promise<Scheduled> {
  const deadline = Date.now() + withinMs;
  let seen = await scheduledFor(bookingId);
  while ((seen.timerScheduledAt === null || seen.messagePublishedAt === null) && Date.now() < deadline) {
    await sleep(50);
    seen = await scheduledFor(bookingId);
  }
  return seen;
}

async function jobInRedis(id: string): Promise<boolean> {
  return (await infra.redis.exists(`${infra.env.QUEUE_PREFIX}:bookings-inbox:${id}`)) === 1;
}

/** The first timer of a chain, set and committed as an HTTP handler would, due at once. */
async function startChain(bookingId: string): Promise<void> {
  await em().transactional(async (tx) => {
    service.app
      .get(Timers)
      .set(
        tx,
        bookingTimerDue,
        { bookingId, timer: 'reconfirmation', version: 1 },
        { id: `${bookingId}-reconfirmation-v1`, subject: bookingId, dueAt: new Date() },
      );
  });
}

/**
 * Scheduled and published after its commit and long before any sweep could have done it (the sweeps here run
 * every ten minutes). The bound is wide, not a second, because a busy machine delays every step; what it tells
 * apart is the commit from the sweep, not fast from slow (speed is the bench's to measure).
 */
const WELL_BEFORE_A_SWEEP_MS = 60_000;

function expectScheduledAtTheCommit(bookingId: string, scheduled: Scheduled): void {
  const committed = handledAt.get(bookingId);
  expect(committed).toBeDefined();
  expect(scheduled.timerScheduledAt).not.toBeNull();
  expect(scheduled.messagePublishedAt).not.toBeNull();
  expect(scheduled.timerScheduledAt! - committed!).toBeLessThan(WELL_BEFORE_A_SWEEP_MS);
  expect(scheduled.messagePublishedAt! - committed!).toBeLessThan(WELL_BEFORE_A_SWEEP_MS);
}

it("schedules a timer set by a timer's handler, and publishes its message, within a second of the commit", async () => {
  const bookingId = randomUUID();
  await startChain(bookingId);
  const scheduled = await waitUntilScheduled(bookingId);
  expectScheduledAtTheCommit(bookingId, scheduled);
  expect(await jobInRedis(`${bookingId}-eventEnd-v2`)).toBe(true);
  // What the bench counts: a timer put into Redis by a sweep means a commit's kick went missing.
  const rows: { scheduled_by: string }[] = await em().execute(
    `select "scheduled_by" from "bookings"."timer" where "subject" = ? order by "id"`,
    [bookingId],
  );
  expect(rows.map((row) => row.scheduled_by)).toEqual(['commit', 'commit']);
});

it("schedules a timer set by an event's handler, and publishes its message, within a second of the commit", async () => {
  const bookingId = randomUUID();
  // An ordinary message (not a timer) arriving in the inbox.
  await service.app.get(BullMqClient).deliver([
    {
      id: randomUUID(),
      name: bookingTimerDue.name,
      version: bookingTimerDue.version,
      occurredAt: new Date().toISOString(),
      payload: { bookingId, timer: 'reconfirmation', version: 1 },
    },
  ]);
  const scheduled = await waitUntilScheduled(bookingId);
  expectScheduledAtTheCommit(bookingId, scheduled);
});

it('schedules what each message of a group wrote, also when the group rolled back and each ran alone', async () => {
  const bookingIds = Array.from({ length: 20 }, () => randomUUID());
  failOnce.add(bookingIds[7]);
  const client = service.app.get(BullMqClient);
  await client.deliver(
    bookingIds.map((bookingId) => ({
      id: randomUUID(),
      name: bookingTimerDue.name,
      version: bookingTimerDue.version,
      occurredAt: new Date().toISOString(),
      payload: { bookingId, timer: 'reconfirmation', version: 1 },
    })),
  );
  for (const bookingId of bookingIds) {
    const scheduled = await waitUntilScheduled(bookingId, 8000);
    if (bookingId === bookingIds[7]) {
      // Its first try failed; BullMQ's retry ran it again, and that commit scheduled what it wrote.
      expect(scheduled.timerScheduledAt).not.toBeNull();
      continue;
    }
    expectScheduledAtTheCommit(bookingId, scheduled);
  }
});

it('schedules nothing that a rolled-back transaction wrote', async () => {
  const bookingId = randomUUID();
  alwaysFail.add(bookingId);
  await startChain(bookingId);
  await sleep(2000);
  expect(await scheduledFor(bookingId)).toEqual({ timerScheduledAt: null, messagePublishedAt: null });
  expect(await jobInRedis(`${bookingId}-eventEnd-v2`)).toBe(false);
  const [{ count }]: { count: string }[] = await em().execute(
    `select count(*) from "bookings"."timer" where "subject" = ? and "id" like '%eventEnd%'`,
    [bookingId],
  );
  expect(Number(count)).toBe(0);
});

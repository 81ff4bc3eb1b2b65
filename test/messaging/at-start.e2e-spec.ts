// A service that starts takes up the timers a stopped process left unscheduled (the sweep at start), and leaves
// every timer it sets itself to its commit, also one a provider sets while the service is still starting: the
// sweep at start must not take that one, or the bench's `timers.scheduledBySweep` counts a kick that was never
// missing. The sweeps run every ten minutes here, so only the sweep at start and the commits schedule anything.
import { Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import type { Environment } from '@cocomo/config';
import { bookingTimerDue } from '@cocomo/contracts';
import { Timers } from '@cocomo/messaging';
import { PlatformModule, migrateService } from '@cocomo/platform';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { bookingsDefinition } from '../../apps/bookings/src/bookings.module';

const LEFT = 'left-by-a-stopped-process';
const SET_AT_START = 'set-as-the-service-starts';
const inAnHour = () => new Date(Date.now() + 3_600_000);

/** A provider that sets a timer as it starts, before the service takes any request or message. */
@Injectable()
class StartingProvider implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly timers: Timers,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      this.timers.set(
        em,
        bookingTimerDue,
        { bookingId: SET_AT_START, timer: 'reconfirmation', version: 1 },
        { id: SET_AT_START, subject: SET_AT_START, dueAt: inAnHour() },
      );
    });
  }
}

@Module({})
class StartingModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: StartingModule,
      imports: [PlatformModule.forRoot(bookingsDefinition, env)],
      providers: [StartingProvider],
    };
  }
}

let infra: IsolatedInfra;
let service: ServiceUnderTest;

beforeAll(async () => {
  infra = await isolatedInfra({ TIMER_SWEEP_INTERVAL: '10m', OUTBOX_POLL_INTERVAL: '10m' });
  await migrateService(bookingsDefinition, infra.env);
  // What a process that stopped between its commit and the kick leaves: a timer no job carries.
  const payload = JSON.stringify({ bookingId: LEFT, timer: 'reconfirmation', version: 1 });
  const pool = new Pool({ connectionString: infra.env.DATABASE_URL });
  try {
    await pool.query(
      `insert into "bookings"."timer" ("id", "name", "payload", "subject", "due_at") values ($1, $2, $3, $1, $4)`,
      [LEFT, bookingTimerDue.name, payload, inAnHour()],
    );
  } finally {
    await pool.end();
  }
  service = await startService({ ...bookingsDefinition, module: StartingModule.forRoot }, infra.env);
});
afterAll(async () => {
  await service?.close();
  await infra?.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function scheduledBy(): Promise<Record<string, string | null>> {
  const rows: { id: string; scheduled_by: string | null }[] = await service.app
    .get(EntityManager)
    .fork()
    .execute(`select "id", "scheduled_by" from "bookings"."timer" where "id" in (?, ?)`, [
      LEFT,
      SET_AT_START,
    ]);
  return Object.fromEntries(rows.map((row) => [row.id, row.scheduled_by]));
}

it('the sweep at start takes what a stopped process left, and a timer set while starting leaves at its commit', async () => {
  const deadline = Date.now() + 30_000;
  let seen = await scheduledBy();
  while ((!seen[LEFT] || !seen[SET_AT_START]) && Date.now() < deadline) {
    await sleep(50);
    seen = await scheduledBy();
  }
  expect(seen).toEqual({ [LEFT]: 'sweep', [SET_AT_START]: 'commit' });
  for (const id of [LEFT, SET_AT_START]) {
    expect(await infra.redis.exists(`${infra.env.QUEUE_PREFIX}:bookings-inbox:${id}`)).toBe(1);
  }
});

import { spawn } from 'node:child_process';
import path from 'node:path';
import { EntityManager } from '@mikro-orm/postgresql';
import { inboxQueue } from '@cocomo/contracts';
import { BullMqClient } from '@cocomo/messaging';
import { approvedSpace, booking } from './booking-events';
import {
  asOperator,
  deliver,
  envelopes,
  eventually,
  getJson,
  startMetrics,
  type MetricsUnderTest,
} from './metrics-harness';

let metrics: MetricsUnderTest;
beforeAll(async () => {
  metrics = await startMetrics();
});
afterAll(async () => {
  await metrics?.stop();
});

const MARCH = 'from=2026-03-01&to=2026-04-01';
const stories = [
  booking('b1', { community: 'A', requestedAt: '2026-03-02T10:00:00.000Z', spaceId: 's1' })
    .requested()
    .asked()
    .answered(true, 4)
    .held({ attendance: 30, newcomers: 10, marketCost: 100 }),
  booking('b2', { community: 'A', requestedAt: '2026-03-03T10:00:00.000Z', spaceId: 's1' })
    .requested()
    .asked()
    .answered(true, 10)
    .held({ attendance: 20, newcomers: 5, marketCost: 300, amountPaid: 50 }),
  booking('b3', {
    community: 'B',
    requestedAt: '2026-03-04T10:00:00.000Z',
    spaceId: 's2',
    pricingModel: 'paid',
  })
    .requested()
    .asked()
    .answered(false, 2)
    .at('s1', 'DE', 'free')
    .asked()
    .escalated()
    .unplaced(),
  booking('b4', { community: 'C', requestedAt: '2026-03-05T10:00:00.000Z', spaceId: 's5', country: 'IN' })
    .requested()
    .asked()
    .answered(true, 1)
    .cancelled('organizer'),
];
const events = [
  ...approvedSpace('s1'),
  ...approvedSpace('s2', { pricingModel: 'paid', approvedAt: '2026-03-10T09:00:00.000Z' }),
  ...stories.flatMap((story) => story.events),
];
const messages = envelopes(events);

type Summary = Record<string, Record<string, unknown> & unknown>;
const march = () => getJson<Summary>(`${metrics.url}/api/metrics?${MARCH}`);

describe('events in, numbers out', () => {
  let before: Summary;

  beforeAll(async () => {
    // Shuffled: the inbox takes messages in any order, and the numbers must not depend on it.
    await deliver(
      metrics,
      [...messages].sort((a, b) => a.id.localeCompare(b.id)),
    );
    // Every event logged, not only those the first numbers show: the rest may still be in the inbox.
    await eventually(
      async () => {
        const [row]: { count: string }[] = await metrics.app
          .get(EntityManager)
          .fork()
          .execute(`select count(*) as "count" from "metrics"."event_log"`);
        return Number(row.count);
      },
      (count) => count === messages.length,
    );
    before = (await march()).body;
  });

  it('answers the seed metrics for a period', () => {
    expect(before).toMatchObject({
      registeredSpaces: { total: 2, free: 1, paid: 1, byCountry: { DE: 2 } },
      availabilityRequests: 4,
      eventsConducted: 2,
      conductedRatio: { requested: 4, held: 2, ratio: 0.5 },
      moneySaved: { byCurrency: { EUR: { saved: 350, marketCost: 400, paid: 50, events: 2 } } },
      stability: { eventsWithPrevious: 1, sameSpaceAsPrevious: 1, repeatVenueShare: 1, lateVenueChanges: 0 },
      diversity: { attendance: 50, newcomers: 15 },
      readiness: {
        hostsAsked: 5,
        answered: 4,
        responseRate: 0.8,
        medianHoursToAnswer: 3,
        acceptanceRate: 0.75,
      },
      protocols: { escalations: 1, unplaced: 1, cancellations: { organizer: 1, operator: 0 } },
      freeShare: { free: 2, paid: 0, share: 1 },
    });
  });

  it('answers for one country', async () => {
    const { body } = await getJson<Summary>(`${metrics.url}/api/metrics?${MARCH}&country=in`);
    expect(body).toMatchObject({ country: 'IN', availabilityRequests: 1, eventsConducted: 0 });
  });

  it('counts a message delivered twice once', async () => {
    // The queue would drop a job id it still holds: clear its finished jobs so the inbox meets them again.
    const queue = metrics.app.get(BullMqClient).queueOf('metrics');
    await queue.clean(0, 10_000, 'completed');
    await deliver(metrics, messages);
    const counts = await eventually(
      () => queue.getJobCounts('completed'),
      (counts) => counts.completed >= messages.length,
    );
    expect(counts.completed).toBe(messages.length);
    expect((await march()).body).toEqual(before);
  });

  it('gives the same numbers after a rebuild from the event log', async () => {
    const em = metrics.app.get(EntityManager).fork();
    // Records lost or wrong are made right by the rebuild.
    await em.execute(`delete from "metrics"."booking_record" where "booking_id" in ('b1', 'b2')`);
    await em.execute(
      `update "metrics"."space_record" set "record" = jsonb_set("record", '{country}', '"FR"')`,
    );
    expect((await march()).body.eventsConducted).toBe(0);

    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['-r', '@swc-node/register', path.join(__dirname, '../src/main.ts'), 'rebuild'],
        {
          env: { ...process.env, ...metrics.infra.variables },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let text = '';
      child.stdout.on('data', (chunk) => (text += chunk));
      child.on('exit', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`rebuild exited with ${code}`)),
      );
    });
    expect(output).toMatch(/rebuilt 4 booking and 2 space records/);
    expect((await march()).body).toEqual(before);
  });
});

describe('the time series', () => {
  it('gives a value per month, and the same as CSV', async () => {
    const url = `${metrics.url}/api/metrics/timeseries?metric=availabilityRequests,moneySaved.EUR&interval=month&from=2026-02-01&to=2026-05-01`;
    const { status, body } = await getJson<{ series: Record<string, { from: string; value: number }[]> }>(
      url,
    );
    expect(status).toBe(200);
    expect(body.series.availabilityRequests.map((point) => point.value)).toEqual([0, 4, 0]);
    expect(body.series['moneySaved.EUR'].map((point) => point.value)).toEqual([0, 350, 0]);
    const csv = await fetch(url.replace('timeseries?', 'timeseries.csv?'));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n').slice(0, 3)).toEqual([
      'from,to,availabilityRequests,moneySaved.EUR',
      '2026-02-01T00:00:00.000Z,2026-03-01T00:00:00.000Z,0,0',
      '2026-03-01T00:00:00.000Z,2026-04-01T00:00:00.000Z,4,350',
    ]);
  });
});

describe('bad questions', () => {
  it.each([
    ['/api/metrics?country=India', 'country'],
    ['/api/metrics?from=2026-13-45', 'from'],
    ['/api/metrics?from=2026-04-01&to=2026-03-01', 'from'],
    ['/api/metrics?colour=red', 'colour'],
    ['/api/metrics/timeseries?metric=happiness', 'metric'],
    ['/api/metrics/timeseries?interval=day', 'interval'],
    ['/api/metrics/timeseries?interval=week&from=2000-01-01&to=2026-01-01', 'from'],
  ])('%s is answered 400 naming %s', async (url, field) => {
    const { status, body } = await getJson<{ problems: { field: string }[] }>(`${metrics.url}${url}`);
    expect(status).toBe(400);
    expect(body.problems.map((problem) => problem.field)).toContain(field);
  });
});

describe('the Prometheus exposition', () => {
  it('is for operators only', async () => {
    expect((await fetch(`${metrics.url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${metrics.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-123' } }))
        .status,
    ).toBe(403);
  });

  it('tells the seed metrics, every queue, failed emails, overdue timers and the process', async () => {
    // A timer in the inbox of a service that is not running, due five minutes ago: its scheduler has stopped.
    const directoryInbox = metrics.app.get(BullMqClient).queueOf('directory');
    await directoryInbox.add('booking.timer-due', {}, { delay: 1000, timestamp: Date.now() - 5 * 60_000 });
    await deliver(
      metrics,
      envelopes([
        {
          name: 'notification.failed',
          occurredAt: new Date().toISOString(),
          payload: {
            notificationId: 'n1',
            template: 'space-verify',
            to: 'host@example.org',
            attempts: 6,
            reason: '550 mailbox unavailable',
          },
        },
      ]),
    );
    const text = await eventually(
      async () => (await fetch(`${metrics.url}/metrics`, { headers: asOperator })).text(),
      (body) => /^cocomo_failed_emails 1$/m.test(body),
    );
    expect(text).toMatch(/^cocomo_availability_requests 4$/m);
    expect(text).toMatch(/^cocomo_events_conducted 2$/m);
    expect(text).toMatch(/^cocomo_money_saved\{currency="EUR"\} 350$/m);
    expect(text).toMatch(/^cocomo_registered_spaces\{country="all",pricing="free"\} 1$/m);
    expect(text).toMatch(/^cocomo_stuck_bookings\{reason="unplaced"\} 1$/m);
    expect(text).toMatch(/^cocomo_failed_emails 1$/m);
    expect(text).toMatch(
      new RegExp(`^cocomo_queue_jobs\\{queue="${inboxQueue('notifications')}",state="waiting"\\} 0$`, 'm'),
    );
    expect(text).toMatch(/^cocomo_queue_jobs\{queue="notifications-delivery",state="failed"\} 0$/m);
    expect(text).toMatch(/^cocomo_overdue_timers\{queue="directory-inbox"\} 1$/m);
    expect(text).toMatch(/^cocomo_overdue_timers\{queue="metrics-inbox"\} 0$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});

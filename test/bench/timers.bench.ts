// Timers: 10,000 due at the same moment. How late does each act (p99), and how many are lost when Redis
// loses every delayed job before they are due (the sweeper must bring them back from PostgreSQL)? The
// yardstick: as many bare delayed BullMQ jobs due at once, taken by a worker that does nothing, in the
// same run and with the bookings service's concurrency.
import { randomUUID } from 'node:crypto';
import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import { bookingTimerDue, type BookingTimerDue, type Envelope } from '@cocomo/contracts';
import { redisOptions, TimerScheduler, Timers } from '@cocomo/messaging';
import { PlatformModule } from '@cocomo/platform';
import { startService } from '@cocomo/testing';
import { bookingsDefinition } from '../../apps/bookings/src/bookings.module';
import { clearRedis, dropBenchEnvironment, freshBenchEnvironment } from './bench-infra';
import { milliseconds, percentile, type BenchSection } from './bench-section';
import { countScheduledBySweep, sweptTimers } from './swept-timers';

const COUNT = Number(process.env.BENCH_TIMERS || 10_000);
const fired = new Map<string, number>();

@Controller()
class LatenessRecorder {
  @EventPattern(bookingTimerDue.name)
  fired(@Payload() message: Envelope<BookingTimerDue>): void {
    if (!fired.has(message.id)) fired.set(message.id, Date.now() - Date.parse(message.occurredAt));
  }
}

@Module({})
class RecorderModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: RecorderModule,
      imports: [PlatformModule.forRoot(bookingsDefinition, env)],
      controllers: [LatenessRecorder],
    };
  }
}

/** Lateness of bare delayed jobs, all due at once, through a worker that does nothing. */
async function rawBullmqLateness(env: Environment): Promise<{ p50: number; p99: number }> {
  const connection = redisOptions(env.REDIS_URL);
  const queue = new Queue('timers-yardstick', { connection, prefix: env.QUEUE_PREFIX });
  const lateness: number[] = [];
  const due = Date.now() + 8000;
  for (let batch = 0; batch < COUNT; batch += 1000) {
    const size = Math.min(1000, COUNT - batch);
    await queue.addBulk(
      Array.from({ length: size }, (_, index) => ({
        name: 'due',
        data: { due },
        opts: { jobId: `yardstick-${batch + index}`, delay: due - Date.now(), removeOnComplete: true },
      })),
    );
  }
  const worker = new Worker(
    'timers-yardstick',
    async (job) => void lateness.push(Date.now() - job.data.due),
    { connection, prefix: env.QUEUE_PREFIX, concurrency: bookingsDefinition.concurrency },
  );
  try {
    const deadline = Date.now() + 60_000;
    while (lateness.length < COUNT && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    lateness.sort((a, b) => a - b);
    return { p50: percentile(lateness, 0.5), p99: percentile(lateness, 0.99) };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

async function round(env: Environment, flushRedis: boolean, say: (line: string) => void) {
  fired.clear();
  const service = await startService({ ...bookingsDefinition, module: RecorderModule.forRoot }, env);
  try {
    const timers = service.app.get(Timers);
    const due = new Date(Date.now() + 8000);
    const em = service.app.get(EntityManager);
    for (let batch = 0; batch < COUNT; batch += 1000) {
      await em.fork().transactional(async (tx) => {
        for (let i = batch; i < Math.min(COUNT, batch + 1000); i++) {
          const id = randomUUID();
          timers.set(
            tx,
            bookingTimerDue,
            { bookingId: id, timer: 'hostReminder', version: 1 },
            { id: `${id}-bench`, subject: id, dueAt: due },
          );
        }
      });
    }
    // Each transaction's commit puts its timers into Redis; only after a flush does a sweep have to.
    if (flushRedis) {
      await service.app.get(TimerScheduler).sweep();
      await clearRedis(env);
      say('Redis flushed before the timers were due');
      await service.app.get(TimerScheduler).sweep();
    }
    const deadline = Date.now() + 60_000;
    while (fired.size < COUNT && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    const lateness = [...fired.values()].sort((a, b) => a - b);
    const scheduledBySweep = await countScheduledBySweep(env.DATABASE_URL, 'bookings');
    return {
      fired: fired.size,
      p50: percentile(lateness, 0.5),
      p99: percentile(lateness, 0.99),
      scheduledBySweep: scheduledBySweep ?? 0,
    };
  } finally {
    await service.close();
  }
}

export const timersSection: BenchSection = {
  key: 'timers',
  title: 'Timers',
  run: async (say) => {
    const env = await freshBenchEnvironment('timers', { TIMER_SWEEP_INTERVAL: '1s' });
    try {
      say(`${COUNT} timers due at the same moment`);
      const plain = await round(env, false, say);
      say(`yardstick: ${COUNT} bare delayed BullMQ jobs due at once, a worker that does nothing`);
      const raw = await rawBullmqLateness(env);
      await dropBenchEnvironment(env);
      const again = await freshBenchEnvironment('timers', { TIMER_SWEEP_INTERVAL: '1s' });
      say(`${COUNT} timers again, with Redis flushed before they are due`);
      const flushed = await round(again, true, say);
      sweptTimers.timers = plain.scheduledBySweep;
      const scheduledBySweep = plain.scheduledBySweep + (sweptTimers.workflow ?? 0);
      const result = {
        count: COUNT,
        latenessP50ms: milliseconds(plain.p50),
        latenessP99ms: milliseconds(plain.p99),
        bareBullmqP99ms: milliseconds(raw.p99),
        // Without a Redis flush: this section's first round, and the workflow section's when it ran before.
        scheduledBySweep,
        scheduledBySweepIn: { ...sweptTimers },
        lostWhenRedisFlushed: COUNT - flushed.fired,
        afterFlushLatenessP99ms: milliseconds(flushed.p99),
        yardstick: {
          rawBullmqLatenessP50ms: milliseconds(raw.p50),
          rawBullmqLatenessP99ms: milliseconds(raw.p99),
        },
        ratioP99: Math.round((plain.p99 / Math.max(raw.p99, 1)) * 10) / 10,
      };
      return {
        result,
        rows: [
          { measure: 'timers due at once', value: String(COUNT) },
          { measure: 'lateness p50', value: `${result.latenessP50ms} ms` },
          {
            measure: 'lateness p99',
            value: `${result.latenessP99ms} ms`,
            goal: '≤ 1.5 × bare BullMQ',
            met: result.latenessP99ms <= 1.5 * result.bareBullmqP99ms,
          },
          {
            measure: 'bare BullMQ lateness p99 (yardstick)',
            value: `${result.yardstick.rawBullmqLatenessP99ms} ms`,
          },
          { measure: 'timers / yardstick (p99)', value: `${result.ratioP99}` },
          {
            measure: 'timers scheduled by a sweep, Redis having lost nothing',
            value: String(scheduledBySweep),
            goal: '0',
            met: scheduledBySweep === 0,
          },
          {
            measure: 'lost when Redis is flushed',
            value: String(result.lostWhenRedisFlushed),
            goal: '0',
            met: result.lostWhenRedisFlushed === 0,
          },
        ],
      };
    } finally {
      await dropBenchEnvironment(env).catch(() => undefined);
    }
  },
};

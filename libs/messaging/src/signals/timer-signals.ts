// The timers' signals, from PostgreSQL, where a timer lives until it fires: how many are set and not yet fired,
// how many are overdue (due longer ago than TIMER_OVERDUE_AFTER, when the sweeper would already have scheduled
// them again), how many subjects (bookings) wait past their next timer, and how long the longest-due one has
// waited. Redis's side of the same timers (delayed jobs not taken up) is cocomo_overdue_timers{queue}.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Registry } from 'prom-client';
import { SampledGauges } from './sampled-gauges';

export function registerTimerSignals(registry: Registry, orm: MikroORM, overdueAfterMs: number): void {
  const schema = orm.config.get('schema');
  new SampledGauges(
    registry,
    {
      backlog: { name: 'cocomo_timer_backlog', help: 'Timers set and neither fired nor stopped yet' },
      overdue: {
        name: 'cocomo_timer_overdue',
        help: 'Timers not fired although due longer ago than TIMER_OVERDUE_AFTER',
      },
      subjects: {
        name: 'cocomo_timer_overdue_subjects',
        help: 'Subjects (bookings) stuck past their next timer: with a timer due longer ago than TIMER_OVERDUE_AFTER',
      },
      oldest: {
        name: 'cocomo_timer_oldest_due_seconds',
        help: 'How long past its due time the longest-due unfired timer is (0 when none is due)',
      },
    },
    async ({ backlog, overdue, subjects, oldest }) => {
      const [row]: { backlog: string; overdue: string; subjects: string; oldest: number | null }[] =
        await orm.em.fork().execute(
          `select count(*) as "backlog",
             count(*) filter (where "due_at" < now() - ? * interval '1 millisecond') as "overdue",
             count(distinct "subject") filter (where "due_at" < now() - ? * interval '1 millisecond') as "subjects",
             extract(epoch from now() - min("due_at") filter (where "due_at" < now()))::float8 as "oldest"
           from "${schema}"."timer" where "fired_at" is null and "stopped_at" is null`,
          [overdueAfterMs, overdueAfterMs],
        );
      backlog.set(Number(row.backlog));
      overdue.set(Number(row.overdue));
      subjects.set(Number(row.subjects));
      oldest.set(Math.max(0, row.oldest ?? 0));
    },
    'the timers',
  );
}

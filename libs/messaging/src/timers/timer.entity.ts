// A timer: a message the service sends itself at a due time. Kept in PostgreSQL so that it survives Redis
// losing its delayed job; scheduled in Redis as a delayed BullMQ job: its own, whose id is the timer's id, or
// the one it shares with the timers due at the same moment (timer-jobs.ts).
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'timer' })
export class Timer {
  /** Deterministic (for example booking, kind and version), without ':'. */
  @PrimaryKey({ type: 'string' })
  id: string;

  @Property({ type: 'string' })
  name: string;

  @Property({ type: 'json' })
  payload: unknown;

  /** What the timer is about (a booking id): `stopFor` stops all of a subject's timers at once. */
  @Property({ type: 'string' })
  subject: string;

  @Property({ type: 'datetime' })
  dueAt: Date;

  @Property({ type: 'datetime', nullable: true })
  scheduledAt: Date | null = null;

  /** 'commit', 'sweep' or 'restore' (see TimerScheduler): a sweep's share shows kicks that went missing. */
  @Property({ type: 'string', nullable: true })
  scheduledBy: string | null = null;

  /** The delayed job that carries the timer once scheduled: its id, or that of its group (timer-jobs.ts). */
  @Property({ type: 'string', nullable: true })
  jobId: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  firedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  stoppedAt: Date | null = null;
}

/** The table a service with timers creates in its own schema. */
export function timerTableSql(schema: string): string[] {
  return [
    `create table "${schema}"."timer" (
      "id" varchar(200) primary key,
      "name" varchar(255) not null,
      "payload" jsonb not null,
      "subject" varchar(255) not null,
      "due_at" timestamptz not null,
      "scheduled_at" timestamptz null,
      "fired_at" timestamptz null,
      "stopped_at" timestamptz null
    )`,
    `create index "timer_pending" on "${schema}"."timer" ("due_at") where "fired_at" is null and "stopped_at" is null`,
    `create index "timer_subject" on "${schema}"."timer" ("subject") where "fired_at" is null and "stopped_at" is null`,
  ];
}

/** Keeps who scheduled each timer (added after the table's first version). */
export function timerScheduledBySql(schema: string): string {
  return `alter table "${schema}"."timer" add column "scheduled_by" varchar(10) null`;
}

/** Keeps the id of the job that carries each timer (added after the table's first version). */
export function timerJobIdSql(schema: string): string {
  return `alter table "${schema}"."timer" add column "job_id" varchar(210) null`;
}

// The delayed jobs that carry timers. Timers due at the same moment (the same millisecond: a reminder a day
// before events that all start at 19:00, the hosts of one fan-out) share one job, up to 250 to a job,
// and act together: one job for Redis to hand out and complete, and one inbox transaction for their effects.
// A timer alone keeps a job of its own, whose id is the timer's. Either way the inbox claims each timer in
// its effect's transaction, so a timer acts once, whichever job brings it and however often.
import { findMessage, type Envelope } from '@cocomo/contracts';

/** The name of a job carrying several timers; its data is `DueTogether`. */
export const DUE_TOGETHER = 'timers.due-together';

/** The most timers one job carries: as many as one inbox transaction takes. */
export const TIMERS_PER_JOB = 250;

export interface DueTogether {
  timers: Envelope[];
}

export interface TimerRow {
  id: string;
  name: string;
  payload: unknown;
  due_at: Date;
}

export interface TimerJob {
  id: string;
  name: string;
  data: Envelope | DueTogether;
  dueAt: number;
  /** The timers the job carries. */
  timerIds: string[];
}

/** The timer's message, as its job carries it. */
export function timerEnvelope(row: TimerRow): Envelope {
  return {
    id: row.id,
    name: row.name,
    version: findMessage(row.name)?.version ?? 1,
    occurredAt: new Date(row.due_at).toISOString(),
    timer: true,
    payload: row.payload,
  };
}

/** The jobs for these timers: one for each group due at the same moment, one of its own for a timer alone. */
export function timerJobs(rows: TimerRow[]): TimerJob[] {
  const byMoment = new Map<number, TimerRow[]>();
  for (const row of rows) {
    const moment = new Date(row.due_at).getTime();
    const group = byMoment.get(moment);
    if (group) group.push(row);
    else byMoment.set(moment, [row]);
  }
  const jobs: TimerJob[] = [];
  for (const [dueAt, due] of byMoment) {
    for (let start = 0; start < due.length; start += TIMERS_PER_JOB) {
      const group = due.slice(start, start + TIMERS_PER_JOB);
      jobs.push(
        group.length === 1
          ? {
              id: group[0].id,
              name: group[0].name,
              data: timerEnvelope(group[0]),
              dueAt,
              timerIds: [group[0].id],
            }
          : {
              // Unique as its first timer's id is, and never a timer's own id.
              id: `together-${group[0].id}`,
              name: DUE_TOGETHER,
              data: { timers: group.map(timerEnvelope) },
              dueAt,
              timerIds: group.map((row) => row.id),
            },
      );
    }
  }
  return jobs;
}

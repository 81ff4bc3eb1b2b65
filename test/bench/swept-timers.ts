// Timers that a sweep, not their transaction's commit, put into Redis: counted by the workflow and timers
// sections and reported together as `timers.scheduledBySweep` (0 when Redis lost nothing). Each such timer is
// named, beside the other timers of its subject, so that a kick that went missing can be followed.
import { Pool } from 'pg';

export const sweptTimers: { workflow?: number; timers?: number } = {};

/** A timer as the bench reports one: when it was due, put into Redis (by whom), fired or stopped. */
export interface TimerTrace {
  id: string;
  name: string;
  dueAt: string;
  scheduledAt: string | null;
  scheduledBy: string | null;
  firedAt: string | null;
  stoppedAt: string | null;
}

/** How many timers in `schema` a sweep scheduled; undefined for a build from before `scheduled_by`. */
export async function countScheduledBySweep(
  databaseUrl: string,
  schema: string,
): Promise<number | undefined> {
  return (await sweptTimersIn(databaseUrl, schema))?.count;
}

/**
 * The timers in `schema` a sweep scheduled: how many, and the first few subjects' timers in full (each subject's
 * timers by due time). Undefined for a build from before `scheduled_by`.
 */
export async function sweptTimersIn(
  databaseUrl: string,
  schema: string,
  subjects = 5,
): Promise<{ count: number; bySubject: Record<string, TimerTrace[]> } | undefined> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query(
      `select count(*)::int as n from "${schema}"."timer" where "scheduled_by" = 'sweep'`,
    );
    const traces = await pool.query(
      `select "subject", "id", "name", "due_at", "scheduled_at", "scheduled_by", "fired_at", "stopped_at"
       from "${schema}"."timer"
       where "subject" in (select distinct "subject" from "${schema}"."timer" where "scheduled_by" = 'sweep'
                           order by 1 limit $1)
       order by "subject", "due_at", "id"`,
      [subjects],
    );
    const at = (value: Date | null) => (value ? value.toISOString() : null);
    const bySubject: Record<string, TimerTrace[]> = {};
    for (const row of traces.rows) {
      (bySubject[row.subject] ??= []).push({
        id: row.id,
        name: row.name,
        dueAt: at(row.due_at)!,
        scheduledAt: at(row.scheduled_at),
        scheduledBy: row.scheduled_by,
        firedAt: at(row.fired_at),
        stoppedAt: at(row.stopped_at),
      });
    }
    return { count: rows[0].n as number, bySubject };
  } catch {
    return undefined;
  } finally {
    await pool.end();
  }
}

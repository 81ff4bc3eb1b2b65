// Timers that a sweep, not their transaction's commit, put into Redis: counted by the workflow and timers
// sections and reported together as `timers.scheduledBySweep` (0 when Redis lost nothing).
import { Pool } from 'pg';

export const sweptTimers: { workflow?: number; timers?: number } = {};

/** How many timers in `schema` a sweep scheduled; undefined for a build from before `scheduled_by`. */
export async function countScheduledBySweep(
  databaseUrl: string,
  schema: string,
): Promise<number | undefined> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query(
      `select count(*)::int as n from "${schema}"."timer" where "scheduled_by" = 'sweep'`,
    );
    return rows[0].n as number;
  } catch {
    return undefined;
  } finally {
    await pool.end();
  }
}

// The yardstick for an HTTP search: the same SQL statements the search service runs, sent straight through
// `pg`, so the table shows what the HTTP layer, Nest and MikroORM add on top of PostgreSQL.
import { Pool } from 'pg';
import type { Statement } from '../../apps/directory/src/search/search-statements';
import { countCpu, cpuPer, type CpuUse } from './cpu-use';

/** MikroORM's `?` placeholders as PostgreSQL's `$1, $2, …`. */
export function numberedPlaceholders(statement: Statement): { text: string; values: unknown[] } {
  let position = 0;
  return { text: statement.sql.replace(/\?/g, () => `$${++position}`), values: statement.params };
}

export interface YardstickRun {
  /** Milliseconds each request (all of its statements, one after the other) took, sorted. */
  latencies: number[];
  requestsPerSecond: number;
  /** The first row of each request's last statement, for the dataset's description. */
  lastRows: Record<string, unknown>[];
  /** CPU milliseconds per request: PostgreSQL's backends, and the callers in the bench process (serviceMs 0). */
  cpuPerRequest: CpuUse;
}

/**
 * Runs requests (each a list of statements, as one HTTP search runs them) for `seconds`, from `callers`
 * concurrent callers sharing a pool of `connections`, as the service's callers share its ORM pool.
 */
export async function runYardstick(options: {
  databaseUrl: string;
  requests: Statement[][];
  seconds: number;
  callers: number;
  connections: number;
}): Promise<YardstickRun> {
  const pool = new Pool({ connectionString: options.databaseUrl, max: options.connections });
  // Every connection open before the count starts, so that each backend is counted from start to end.
  const opened = await Promise.all(Array.from({ length: options.connections }, () => pool.connect()));
  for (const client of opened) client.release();
  const latencies: number[] = [];
  const lastRows: Record<string, unknown>[] = [];
  let next = 0;
  const spent = countCpu(options.databaseUrl);
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const caller = async () => {
    while (performance.now() < deadline) {
      const request = options.requests[next++ % options.requests.length];
      const begun = performance.now();
      let last: Record<string, unknown> | undefined;
      // Each statement takes a connection of its own from the pool, as `em.execute` does.
      for (const statement of request) last = (await pool.query(numberedPlaceholders(statement))).rows[0];
      latencies.push(performance.now() - begun);
      if (last) lastRows.push(last);
    }
  };
  let cpu: CpuUse;
  try {
    await Promise.all(Array.from({ length: options.callers }, caller));
    cpu = spent();
  } finally {
    await pool.end();
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    latencies: latencies.sort((a, b) => a - b),
    requestsPerSecond: latencies.length / elapsed,
    lastRows,
    cpuPerRequest: cpuPer(cpu, latencies.length),
  };
}

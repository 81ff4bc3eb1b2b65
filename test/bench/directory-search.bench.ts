// Directory search at a million spaces: the geo search (10 km, capacity, amenity and pricing filters) over
// HTTP from 50 concurrent clients, next to the same SQL sent straight to PostgreSQL in the same run.
import { ormOptionsFor } from '@cocomo/platform';
import { directoryDefinition } from '../../apps/directory/src/directory.module';
import { searchStatement } from '../../apps/directory/src/search/search-statements';
import { searchSpacesSchema } from '../../apps/directory/src/spaces/space.dto';
import { milliseconds, percentile, seededRandom, type BenchSection } from './bench-section';
import { CITY_CENTRES } from './city-centres';
import { countCpu, cpuOfAnswer, cpuOfStatement, cpuPer, describeCpu } from './cpu-use';
import { runHttpLoad } from './http-load';
import { serviceVariables, startServiceProcess } from './service-process';
import { benchEnvironment, ensureSpaces } from './space-dataset';
import { runYardstick } from './sql-yardstick';

const SPACES = Number(process.env.BENCH_SPACES || 1_000_000);
const CLIENTS = 50;
const WARMUP_SECONDS = 3;
const SECONDS = 15;
const YARDSTICK_SECONDS = 8;
/** Issue 12: the search's p95 over HTTP at most 1.3× the same SQL's at the same concurrency, in the same run. */
const GOAL_RATIO_TO_SQL = 1.3;
const QUERY = 'radiusKm=10&minCapacity=20&amenities=wifi&pricing=free&limit=20';

/** Searches from city centres, each moved by up to ~2 km, so the server does not answer one question only. */
function searchPaths(count: number): string[] {
  const random = seededRandom(7);
  return Array.from({ length: count }, () => {
    const [, , lat, lng] = CITY_CENTRES[Math.floor(random() * CITY_CENTRES.length)];
    const near = `${(lat + (random() - 0.5) * 0.036).toFixed(4)},${(lng + (random() - 0.5) * 0.036).toFixed(4)}`;
    return `/api/spaces?near=${near}&${QUERY}`;
  });
}

function describeCounts(counts: number[]): string {
  const sorted = [...counts].sort((a, b) => a - b);
  return `median ${percentile(sorted, 0.5)} (${sorted[0]}–${sorted[sorted.length - 1]})`;
}

export const directorySearch: BenchSection = {
  key: 'directorySearch',
  title: 'Directory search',
  async run(say) {
    const env = benchEnvironment({
      NODE_ENV: 'production',
      OPERATOR_TOKEN: 'bench-operator-token',
      LINK_SECRET: 'bench-link-secret-0123456789',
    });
    const database = new URL(env.DATABASE_URL);
    say(`preparing ${SPACES.toLocaleString('en')} spaces in ${database.host}${database.pathname}`);
    const dataset = await ensureSpaces(env, SPACES);
    say(
      dataset.reused
        ? `reusing the ${SPACES.toLocaleString('en')} spaces already loaded`
        : `loaded ${SPACES.toLocaleString('en')} spaces in ${dataset.loadSeconds.toFixed(1)}s`,
    );

    const paths = searchPaths(2000);
    const requests = paths.map((path) => {
      const query = searchSpacesSchema.parse(Object.fromEntries(new URLSearchParams(path.split('?')[1])));
      return [searchStatement(query, 'approved')];
    });
    const connections = ormOptionsFor(directoryDefinition, env).pool?.max ?? 10;
    say(
      `SQL yardstick: 1 caller for 3s, then ${CLIENTS} callers on ${connections} connections for ${YARDSTICK_SECONDS}s`,
    );
    const databaseUrl = env.DATABASE_URL;
    const sequential = await runYardstick({ databaseUrl, requests, seconds: 3, callers: 1, connections: 1 });
    const sql = await runYardstick({
      databaseUrl,
      requests,
      seconds: YARDSTICK_SECONDS,
      callers: CLIENTS,
      connections,
    });
    const matches = describeCounts(sequential.lastRows.map((row) => Number(row.total)));

    say('starting the directory service (dist/apps/directory/src/main.js)');
    const service = await startServiceProcess('directory', 'DIRECTORY_PORT', serviceVariables(env));
    let http;
    let httpCpu: ReturnType<typeof cpuOfAnswer>;
    try {
      say(`HTTP: ${CLIENTS} clients, ${WARMUP_SECONDS}s warm-up, then ${SECONDS}s measured`);
      await runHttpLoad({ url: service.url, paths, connections: CLIENTS, seconds: WARMUP_SECONDS });
      const spent = countCpu(databaseUrl, service.pid);
      http = await runHttpLoad({ url: service.url, paths, connections: CLIENTS, seconds: SECONDS });
      httpCpu = cpuOfAnswer(cpuPer(spent(), http.latencies.length));
    } finally {
      await service.stop();
    }
    if (http.failures > 0) throw new Error(`${http.failures} HTTP requests failed or timed out`);

    const p95ms = milliseconds(percentile(http.latencies, 0.95));
    const sqlP95ms = milliseconds(percentile(sql.latencies, 0.95));
    const sequentialP95ms = milliseconds(percentile(sequential.latencies, 0.95));
    const ratioP95 = Math.round((p95ms / sqlP95ms) * 100) / 100;
    const sqlCpu = cpuOfStatement(sql.cpuPerRequest);
    const met = SPACES >= 1_000_000 && ratioP95 <= GOAL_RATIO_TO_SQL;
    return {
      result: {
        spaces: SPACES,
        p50ms: milliseconds(percentile(http.latencies, 0.5)),
        p95ms,
        rps: Math.round(http.requestsPerSecond),
        rawSqlP95msAt50: sqlP95ms,
        ratioP95,
        cpuMsPerAnswer: httpCpu,
        yardstick: {
          cpuMsPerStatement: sqlCpu,
          sqlP95ms,
          sqlP50ms: milliseconds(percentile(sql.latencies, 0.5)),
          sqlRps: Math.round(sql.requestsPerSecond),
          mode: `the service's statement, ${CLIENTS} concurrent callers, pool of ${connections}`,
          sequentialP95ms,
        },
        query: `/api/spaces?near=LAT,LNG&${QUERY}`,
        matchesPerQuery: matches,
        clients: CLIENTS,
        seconds: SECONDS,
        goal: { ratioToSqlP95: GOAL_RATIO_TO_SQL, met },
        datasetReused: dataset.reused,
        measuredAt: new Date().toISOString(),
      },
      rows: [
        { measure: 'spaces', value: `${SPACES.toLocaleString('en')}${dataset.reused ? ' (reused)' : ''}` },
        { measure: 'matches per query', value: matches },
        {
          measure: `HTTP p50, ${CLIENTS} clients`,
          value: `${milliseconds(percentile(http.latencies, 0.5))} ms`,
        },
        { measure: `HTTP p95, ${CLIENTS} clients`, value: `${p95ms} ms` },
        { measure: 'HTTP requests/s', value: `${Math.round(http.requestsPerSecond)}` },
        { measure: `SQL p95, ${CLIENTS} callers`, value: `${sqlP95ms} ms` },
        { measure: 'SQL requests/s', value: `${Math.round(sql.requestsPerSecond)}` },
        { measure: 'SQL p95, one caller', value: `${sequentialP95ms} ms` },
        {
          measure: 'CPU ms per answer over HTTP',
          value: describeCpu(httpCpu),
        },
        { measure: 'CPU ms per statement, SQL', value: describeCpu(sqlCpu) },
        { measure: 'HTTP p95 / SQL p95', value: `${ratioP95}`, goal: `≤ ${GOAL_RATIO_TO_SQL}`, met },
      ],
    };
  },
};

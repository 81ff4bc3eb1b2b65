// The map at a million spaces: one view's answer (GET /api/map?bbox=…, clusters or pins) for a city-sized and a
// country-sized view, over HTTP from 50 concurrent clients, next to the same SQL sent straight to PostgreSQL at
// the same concurrency in the same run; the size of an answer; the plans that serve the views and the list.
import { Client } from 'pg';
import { ormOptionsFor } from '@cocomo/platform';
import { directoryDefinition } from '../../apps/directory/src/directory.module';
import { mapViewStatement } from '../../apps/directory/src/map/map-view-statement';
import { searchStatement } from '../../apps/directory/src/search/search-statements';
import { mapViewSchema, searchSpacesSchema } from '../../apps/directory/src/spaces/space.dto';
import { milliseconds, percentile, seededRandom, type BenchRow, type BenchSection } from './bench-section';
import { CITY_CENTRES } from './city-centres';
import { countCpu, cpuOfAnswer, cpuOfStatement, cpuPer, describeCpu } from './cpu-use';
import { runHttpLoad } from './http-load';
import { rssMb } from './memory.bench';
import { serviceVariables, startServiceProcess } from './service-process';
import { benchEnvironment, ensureSpaces } from './space-dataset';
import { numberedPlaceholders, runYardstick } from './sql-yardstick';

const SPACES = Number(process.env.BENCH_SPACES || 1_000_000);
const CLIENTS = 50;
const WARMUP_SECONDS = 3;
const SECONDS = 10;
const YARDSTICK_SECONDS = 6;
/** A city: ~14 km × 13 km at 50° N, what a phone shows at zoom 12–13. A country: 10° × 7°, Germany's size. */
const VIEWS = {
  city: { width: 0.2, height: 0.12, jitter: 0.03, goalP95ms: 50 },
  country: { width: 10, height: 7, jitter: 1, goalP95ms: 150 },
} as const;
type ViewName = keyof typeof VIEWS;

/** Views around the bench's city centres, each moved a little, so the server does not answer one view only. */
function viewQueries(name: ViewName, count: number): string[] {
  const { width, height, jitter } = VIEWS[name];
  const random = seededRandom(name === 'city' ? 11 : 13);
  return Array.from({ length: count }, () => {
    const [, , lat, lng] = CITY_CENTRES[Math.floor(random() * CITY_CENTRES.length)];
    const centreLat = Math.max(-80, Math.min(80, lat + (random() - 0.5) * 2 * jitter));
    const centreLng = Math.max(-175, Math.min(175, lng + (random() - 0.5) * 2 * jitter));
    const box = [
      centreLng - width / 2,
      centreLat - height / 2,
      centreLng + width / 2,
      centreLat + height / 2,
    ];
    return `bbox=${box.map((degrees) => degrees.toFixed(4)).join(',')}`;
  });
}

const statementOf = (query: string) =>
  mapViewStatement(mapViewSchema.parse(Object.fromEntries(new URLSearchParams(query))));

async function planOf(databaseUrl: string, statement: { sql: string; params: unknown[] }): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { text, values } = numberedPlaceholders(statement);
    const { rows } = await client.query(`explain (analyze, costs off) ${text}`, values);
    return rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}

/** What a plan says about how it found the spaces: the indexes it used and its execution time. */
function planSummary(plan: string): { indexes: string[]; executionMs: number; nearestFirst: boolean } {
  const indexes = [
    ...new Set([...plan.matchAll(/(?:Scan using|Bitmap Index Scan on) (\w+)/g)].map((m) => m[1])),
  ].sort();
  const execution = /Execution Time: ([\d.]+) ms/.exec(plan);
  return {
    indexes,
    executionMs: execution ? Number(execution[1]) : Number.NaN,
    nearestFirst: /Order By/.test(plan),
  };
}

export const mapViewportSection: BenchSection = {
  key: 'mapViewport',
  title: 'Map viewport',
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
      dataset.reused ? 'reusing the spaces already loaded' : `loaded in ${dataset.loadSeconds.toFixed(1)}s`,
    );
    const connections = ormOptionsFor(directoryDefinition, env).pool?.max ?? 10;

    say('starting the directory service (dist/apps/directory/src/main.js)');
    const service = await startServiceProcess('directory', 'DIRECTORY_PORT', serviceVariables(env));
    const result: Record<string, unknown> = { spaces: SPACES };
    const rows: BenchRow[] = [
      { measure: 'spaces', value: `${SPACES.toLocaleString('en')}${dataset.reused ? ' (reused)' : ''}` },
    ];
    let met = SPACES >= 1_000_000;
    try {
      const rssIdle = rssMb(service.pid);
      for (const name of Object.keys(VIEWS) as ViewName[]) {
        const queries = viewQueries(name, 1000);
        const paths = queries.map((query) => `/api/map?${query}`);

        // What one view's answer holds and weighs, over 50 of them.
        const sizes: number[] = [];
        const shapes: number[] = [];
        let clustered = 0;
        for (const path of paths.slice(0, 50)) {
          const response = await fetch(`${service.url}${path}`);
          const text = await response.text();
          if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
          const body = JSON.parse(text) as { clustered: boolean; features: unknown[] };
          sizes.push(Buffer.byteLength(text));
          shapes.push(body.features.length);
          if (body.clustered) clustered++;
        }
        sizes.sort((a, b) => a - b);
        shapes.sort((a, b) => a - b);

        say(
          `${name}: SQL yardstick, ${CLIENTS} callers on ${connections} connections for ${YARDSTICK_SECONDS}s`,
        );
        const sql = await runYardstick({
          databaseUrl: env.DATABASE_URL,
          requests: queries.map((query) => [statementOf(query)]),
          seconds: YARDSTICK_SECONDS,
          callers: CLIENTS,
          connections,
        });
        say(`${name}: HTTP, ${CLIENTS} clients, ${WARMUP_SECONDS}s warm-up, then ${SECONDS}s measured`);
        await runHttpLoad({ url: service.url, paths, connections: CLIENTS, seconds: WARMUP_SECONDS });
        const spent = countCpu(env.DATABASE_URL, service.pid);
        const http = await runHttpLoad({ url: service.url, paths, connections: CLIENTS, seconds: SECONDS });
        const httpCpu = cpuOfAnswer(cpuPer(spent(), http.latencies.length));
        const sqlCpu = cpuOfStatement(sql.cpuPerRequest);
        if (http.failures > 0) throw new Error(`${name}: ${http.failures} HTTP requests failed or timed out`);

        const plan = planSummary(await planOf(env.DATABASE_URL, statementOf(queries[0])));
        const listPlan = planSummary(
          await planOf(
            env.DATABASE_URL,
            searchStatement(
              searchSpacesSchema.parse(Object.fromEntries(new URLSearchParams(queries[0]))),
              'approved',
            ),
          ),
        );
        const p95ms = milliseconds(percentile(http.latencies, 0.95));
        const rawSqlP95ms = milliseconds(percentile(sql.latencies, 0.95));
        const bytes = percentile(sizes, 0.5);
        const goal = VIEWS[name].goalP95ms;
        met = met && p95ms <= goal;
        result[name] = {
          p95ms,
          bytes,
          rawSqlP95ms,
          p50ms: milliseconds(percentile(http.latencies, 0.5)),
          rps: Math.round(http.requestsPerSecond),
          rawSqlP50ms: milliseconds(percentile(sql.latencies, 0.5)),
          rawSqlRps: Math.round(sql.requestsPerSecond),
          cpuMsPerAnswer: httpCpu,
          rawSqlCpuMsPerStatement: sqlCpu,
          bytesMax: sizes[sizes.length - 1],
          featuresMedian: percentile(shapes, 0.5),
          clusteredShare: clustered / sizes.length,
          box: `${VIEWS[name].width}° × ${VIEWS[name].height}°`,
          plan,
          listPlan,
          goal: { p95ms: goal, met: SPACES >= 1_000_000 && p95ms <= goal },
        };
        rows.push(
          {
            measure: `${name} view HTTP p95, ${CLIENTS} clients`,
            value: `${p95ms} ms`,
            goal: `≤ ${goal} ms`,
            met: SPACES >= 1_000_000 && p95ms <= goal,
          },
          { measure: `${name} view SQL p95, ${CLIENTS} callers`, value: `${rawSqlP95ms} ms` },
          {
            measure: `${name} view CPU ms per answer over HTTP`,
            value: describeCpu(httpCpu),
          },
          {
            measure: `${name} view CPU ms per statement, SQL`,
            value: describeCpu(sqlCpu),
          },
          {
            measure: `${name} view answer`,
            value: `${bytes} bytes, ${percentile(shapes, 0.5)} ${clustered > sizes.length / 2 ? 'clusters' : 'pins'} (median)`,
          },
          { measure: `${name} view plan`, value: `${plan.indexes.join(', ')}, ${plan.executionMs} ms alone` },
          {
            measure: `${name} list plan`,
            value: `${listPlan.indexes.join(', ')}${listPlan.nearestFirst ? ', nearest first' : ''}, ${listPlan.executionMs} ms alone`,
          },
        );
      }
      result.directoryRssMb = { idle: rssIdle, afterLoad: rssMb(service.pid) };
      rows.push({
        measure: 'directory RSS idle / after the views',
        value: `${rssIdle} / ${rssMb(service.pid)} MB`,
      });
    } finally {
      await service.stop();
    }
    result.clients = CLIENTS;
    result.seconds = SECONDS;
    result.goalMet = met;
    result.datasetReused = dataset.reused;
    result.measuredAt = new Date().toISOString();
    return { result, rows };
  },
};

// The bench's own directory database: migrated like the real one, then filled with a million seeded spaces in
// one set-based statement. A database that already holds this very dataset is reused as it is.
import { Client } from 'pg';
import { readEnvironment, type Environment } from '@cocomo/config';
import { migrateService } from '@cocomo/platform';
import { directoryDefinition } from '../../apps/directory/src/directory.module';
import { CITY_CENTRES } from './city-centres';

const SEED = 0.4242;
/** How far spaces spread around their city centre: the standard deviation of a 2-D normal, in km. */
const SPREAD_KM = 25;
/** Changes whenever the generator below does, so a database loaded by an older bench is loaded again. */
const GENERATOR_VERSION = 1;

export function benchDatabaseUrl(source: NodeJS.ProcessEnv = process.env): string {
  if (source.BENCH_DATABASE_URL) return source.BENCH_DATABASE_URL;
  // Only the server of DATABASE_URL: the bench never writes into the database the services use.
  const url = new URL(source.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/cocomo_bench');
  url.pathname = '/cocomo_bench';
  return url.toString();
}

export function benchEnvironment(variables: Record<string, string>): Environment {
  return readEnvironment({
    DATABASE_URL: benchDatabaseUrl(),
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: 'cocomo-bench',
    LOG_LEVEL: 'warn',
    ...variables,
  });
}

export interface Dataset {
  spaces: number;
  reused: boolean;
  loadSeconds: number;
}

/** Migrates the bench database and makes sure it holds exactly `count` spaces from this generator. */
export async function ensureSpaces(env: Environment, count: number): Promise<Dataset> {
  await migrateService(directoryDefinition, env);
  const fingerprint = `cocomo bench: ${count} spaces, generator ${GENERATOR_VERSION}, seed ${SEED}`;
  const client = new Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ spaces: string; note: string | null }>(
      `select (select count(*) from "directory"."space") as "spaces",
              obj_description('"directory"."space"'::regclass, 'pg_class') as "note"`,
    );
    if (Number(rows[0].spaces) === count && rows[0].note === fingerprint) {
      return { spaces: count, reused: true, loadSeconds: 0 };
    }
    const started = performance.now();
    await client.query('truncate "directory"."space" cascade');
    await client.query('select setseed($1)', [SEED]);
    await client.query(insertSpacesSql, [
      count,
      SPREAD_KM,
      ...[0, 1, 2, 3, 4, 5].map((column) => CITY_CENTRES.map((city) => city[column])),
    ]);
    await client.query(`comment on table "directory"."space" is '${fingerprint}'`);
    // Sets the visibility map too, so the planner and index-only scans see the table as it would be in use.
    await client.query('vacuum (analyze) "directory"."space"');
    return { spaces: count, reused: false, loadSeconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

// One statement, run serially after setseed: the same seed gives the same million spaces. `offset 0` keeps
// each draw's random() calls evaluated once per row.
const insertSpacesSql = `
with city as (
  select * from unnest($3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[], $8::text[])
    with ordinality as c("name", "country", "lat", "lng", "tz", "currency", "number")
),
draw as (
  select n, 1 + floor(random() * (select count(*) from city))::int as "city",
    sqrt(-2 * ln(1 - random())) as "radius", 2 * pi() * random() as "angle",
    (array['college', 'company', 'hackerspace', 'community', 'other'])[1 + floor(random() * 5)::int] as "kind",
    5 + floor(power(random(), 2) * 400)::int as "capacity",
    array_remove(array[
      case when random() < 0.85 then 'wifi' end, case when random() < 0.6 then 'projector' end,
      case when random() < 0.5 then 'whiteboard' end, case when random() < 0.35 then 'kitchen' end,
      case when random() < 0.4 then 'step-free' end, case when random() < 0.2 then 'stage' end,
      case when random() < 0.25 then 'livestream' end, case when random() < 0.15 then 'childcare' end,
      case when random() < 0.3 then 'quiet-room' end, case when random() < 0.2 then 'parking' end
    ], null) as "amenities",
    random() < 0.35 as "paid", 20 + floor(random() * 480) as "price",
    case when random() < 0.97 then 'approved' else (array['pending_review', 'rejected', 'retired'])[1 + n % 3] end
      as "status",
    timestamptz '2026-11-01 00:00Z' - random() * interval '1000 days' as "created_at"
  from generate_series(1, $1::int) n
  offset 0
)
insert into "directory"."space" ("id", "name", "kind", "description", "address", "city", "country",
  "latitude", "longitude", "timezone", "capacity", "amenities", "pricing_model", "price_amount",
  "price_currency", "price_per", "market_rate_amount", "market_rate_currency", "market_rate_per", "host_name",
  "host_email", "supports_foss", "non_commercial_pledge", "status", "created_at", "updated_at", "approved_at")
select
  overlay(overlay(md5('bench-space-' || d.n) placing '4' from 13) placing '8' from 17)::uuid,
  initcap(d.kind) || ' ' || c.name || ' ' || d.n, d.kind,
  'A ' || d.kind || ' in ' || c.name || ' that hosts FOSS meetups, sprints and install parties.',
  (1 + d.n % 400) || ' Bench Street', c.name, c.country,
  c.lat + d.radius * $2 * sin(d.angle) / 111.2,
  c.lng + d.radius * $2 * cos(d.angle) / (111.2 * cos(radians(c.lat))),
  c.tz, d.capacity, d.amenities, case when d.paid then 'paid' else 'free' end,
  case when d.paid then d.price end, case when d.paid then c.currency end, case when d.paid then 'day' end,
  d.price * 3, c.currency, 'day', 'Host ' || d.n, 'host' || d.n || '@bench.example.org', true, true,
  d.status, d.created_at, d.created_at,
  case when d.status = 'approved' then d.created_at + interval '2 days' end
from draw d join city c on c."number" = d."city"`;

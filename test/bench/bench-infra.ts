// A bench section's own database and Redis prefix on the servers of DATABASE_URL and REDIS_URL.
import { Redis } from 'ioredis';
import { readEnvironment, type Environment } from '@cocomo/config';
import { dropDatabase, ensureDatabase } from '@cocomo/persistence';
import { deleteKeysOf } from '@cocomo/testing';

/**
 * BENCH_TAG=<word> is added to every section's database and prefix, so that benches of two checkouts on one
 * shared server do not drop each other's data.
 */
export async function freshBenchEnvironment(
  section: string,
  variables: Record<string, string> = {},
): Promise<Environment> {
  const name = process.env.BENCH_TAG ? `${section}_${process.env.BENCH_TAG}` : section;
  const database = new URL(
    process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/cocomo',
  );
  database.pathname = `/cocomo_bench_${name}`;
  const env = readEnvironment({
    DATABASE_URL: database.toString(),
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `cocomo-bench-${name}`,
    LOG_LEVEL: 'warn',
    // A load generator writes from one address: the public-write limit would measure itself.
    THROTTLE_LIMIT: 'off',
    THROTTLE_READ_LIMIT: 'off',
    ...variables,
  });
  await dropDatabase(env.DATABASE_URL);
  await ensureDatabase(env.DATABASE_URL);
  await clearRedis(env);
  return env;
}

export async function clearRedis(env: Environment): Promise<void> {
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  try {
    await deleteKeysOf(redis, env.QUEUE_PREFIX);
  } finally {
    redis.disconnect();
  }
}

export async function dropBenchEnvironment(env: Environment): Promise<void> {
  await clearRedis(env);
  await dropDatabase(env.DATABASE_URL);
}

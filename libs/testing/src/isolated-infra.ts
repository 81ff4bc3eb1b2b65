// Per test file: a database of its own and a Redis key prefix of its own, so test files run in parallel.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { databaseVariableOf, readEnvironment, serviceDatabaseUrl, type Environment } from '@cocomo/config';
import { SERVICES } from '@cocomo/contracts';
import { dropDatabase, ensureDatabase } from '@cocomo/persistence';

export interface IsolatedInfra {
  /** The environment a service under test runs with. */
  env: Environment;
  /** The same, as variables for a child process. */
  variables: Record<string, string>;
  redis: Redis;
  /** Deletes every Redis key of this prefix: Redis losing all the data of this deployment. */
  flushRedis: () => Promise<void>;
  cleanup: () => Promise<void>;
}

/** Deletes a deployment's keys (those under `prefix:`) key by key, leaving Redis free to serve others meanwhile. */
export async function deleteKeysOf(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

export interface IsolationOptions {
  /** Each service gets a database of its own (<SERVICE>_DATABASE_URL), as a deployment may give them. */
  databasePerService?: boolean;
}

export async function isolatedInfra(
  overrides: Record<string, string> = {},
  options: IsolationOptions = {},
): Promise<IsolatedInfra> {
  const baseDatabase = process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!baseDatabase || !redisUrl) {
    throw new Error(
      'TEST_DATABASE_URL and TEST_REDIS_URL are not set: run the tests through jest (npm test)',
    );
  }
  const id = randomBytes(5).toString('hex');
  const databaseUrl = new URL(baseDatabase);
  databaseUrl.pathname = `/cocomo_test_${id}`;
  await ensureDatabase(databaseUrl.toString());
  const ownDatabases: Record<string, string> = {};
  for (const service of options.databasePerService ? SERVICES : []) {
    const own = new URL(databaseUrl);
    own.pathname = `/cocomo_test_${id}_${service}`;
    ownDatabases[databaseVariableOf(service)] = own.toString();
  }
  const variables: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl.toString(),
    ...ownDatabases,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `test-${id}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    OPERATOR_TOKEN: 'test-operator-token',
    LINK_SECRET: 'test-link-secret-0123456789',
    OUTBOX_POLL_INTERVAL: '200ms',
    // Tests write far more from 127.0.0.1 than a person would; test/security turns the limit on to test it.
    THROTTLE_LIMIT: 'off',
    THROTTLE_READ_LIMIT: 'off',
    ...overrides,
  };
  const env = readEnvironment(variables);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  // Redis losing its data: all of the deployment's keys at once, in one script, as a Redis that restarts empty
  // loses them. Deleted key by key, a job written meanwhile could lose the queue list that holds it and keep
  // itself, which no real loss of this Redis does (it runs without eviction, as BullMQ requires). The script
  // holds Redis for as long as it scans, so cleanup deletes key by key (deleteKeysOf).
  const flushRedis = async () => {
    await redis.eval(
      `local cursor = '0'
       repeat
         local found = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
         cursor = found[1]
         for _, key in ipairs(found[2]) do redis.call('DEL', key) end
       until cursor == '0'`,
      0,
      `${env.QUEUE_PREFIX}:*`,
    );
  };
  return {
    env,
    variables,
    redis,
    flushRedis,
    cleanup: async () => {
      await deleteKeysOf(redis, env.QUEUE_PREFIX);
      redis.disconnect();
      const databases = new Set([
        env.DATABASE_URL,
        ...SERVICES.map((service) => serviceDatabaseUrl(env, service)),
      ]);
      for (const database of databases) await dropDatabase(database);
    },
  };
}

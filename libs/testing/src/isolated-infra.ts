// Per test file: a database of its own and a Redis key prefix of its own, so test files run in parallel.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { readEnvironment, type Environment } from '@cocomo/config';
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

export async function isolatedInfra(overrides: Record<string, string> = {}): Promise<IsolatedInfra> {
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
  const variables: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `test-${id}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    OPERATOR_TOKEN: 'test-operator-token',
    LINK_SECRET: 'test-link-secret-0123456789',
    OUTBOX_POLL_INTERVAL: '200ms',
    // Tests write far more from 127.0.0.1 than a person would; test/security turns the limit on to test it.
    THROTTLE_LIMIT: 'off',
    ...overrides,
  };
  const env = readEnvironment(variables);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const flushRedis = async () => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.QUEUE_PREFIX}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  };
  return {
    env,
    variables,
    redis,
    flushRedis,
    cleanup: async () => {
      await flushRedis();
      redis.disconnect();
      await dropDatabase(env.DATABASE_URL);
    },
  };
}

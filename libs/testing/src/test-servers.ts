// Finds the PostgreSQL and Redis the tests use: the servers named in TEST_DATABASE_URL / TEST_REDIS_URL (or
// DATABASE_URL / REDIS_URL); otherwise containers started with testcontainers; otherwise, when no container
// runtime exists, the standard local ports if a server answers there.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import net from 'node:net';
import path from 'node:path';

export interface TestServers {
  databaseUrl: string;
  redisUrl: string;
  stop: () => Promise<void>;
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

function containerRuntimeExists(): boolean {
  return Boolean(
    process.env.DOCKER_HOST ||
    existsSync('/var/run/docker.sock') ||
    existsSync(path.join(homedir(), '.docker/run/docker.sock')) ||
    existsSync(path.join(homedir(), '.testcontainers.properties')),
  );
}

async function containers(): Promise<TestServers | undefined> {
  if (!containerRuntimeExists()) {
    process.stderr.write('No container runtime found for testcontainers.\n');
    return undefined;
  }
  try {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const { RedisContainer } = await import('@testcontainers/redis');
    const [postgres, redis] = await Promise.all([
      new PostgreSqlContainer('postgres:15').withUsername('postgres').withPassword('postgres').start(),
      new RedisContainer('redis:7').start(),
    ]);
    return {
      databaseUrl: postgres.getConnectionUri(),
      redisUrl: redis.getConnectionUrl(),
      stop: async () => {
        await Promise.all([postgres.stop(), redis.stop()]);
      },
    };
  } catch (error) {
    process.stderr.write(
      `testcontainers could not start containers (${(error as Error).message.split('\n')[0]})\n`,
    );
    return undefined;
  }
}

export async function findTestServers(env = process.env): Promise<TestServers> {
  const databaseUrl = env.TEST_DATABASE_URL || env.DATABASE_URL;
  const redisUrl = env.TEST_REDIS_URL || env.REDIS_URL;
  if (databaseUrl && redisUrl) return { databaseUrl, redisUrl, stop: async () => undefined };
  const started = await containers();
  if (started) return started;
  if ((await answers('127.0.0.1', 5432)) && (await answers('127.0.0.1', 6379))) {
    process.stderr.write("Using the PostgreSQL and Redis on this machine's standard ports instead.\n");
    return {
      databaseUrl: databaseUrl || 'postgres://postgres@127.0.0.1:5432/postgres',
      redisUrl: redisUrl || 'redis://127.0.0.1:6379',
      stop: async () => undefined,
    };
  }
  throw new Error(
    'The tests need PostgreSQL and Redis: set TEST_DATABASE_URL and TEST_REDIS_URL, or run Docker for testcontainers.',
  );
}

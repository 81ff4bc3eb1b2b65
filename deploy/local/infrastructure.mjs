// Whether PostgreSQL and Redis answer before anything is started, with one line on how to start them if not.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connectionProblem } from './health.mjs';
import { redisHosts, redisTargetOf } from './routes.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const Redis = require('ioredis');

const TIMEOUT_MS = 3000;

function debianClusterVersion() {
  try {
    return readdirSync('/etc/postgresql')[0];
  } catch {
    return undefined;
  }
}

/** undefined when PostgreSQL answers, otherwise one line saying what is wrong and how to start it. */
export async function postgresProblem(databaseUrl) {
  // The service's own database may not exist yet (migrate creates it), so ask the maintenance database.
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    const where = `${admin.hostname}:${admin.port || 5432}`;
    if (error.code === '28P01' || error.code === '28000') {
      return `PostgreSQL at ${where} refused the login in DATABASE_URL (${error.message}); fix the user or password in DATABASE_URL.`;
    }
    const version = debianClusterVersion();
    const how = version ? `"pg_ctlcluster ${version} main start" (as root)` : "your system's service manager";
    return `PostgreSQL is not reachable at ${where} (DATABASE_URL: ${connectionProblem(error)}). Start it with ${how}, or point DATABASE_URL at a running server.`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** undefined when Redis (one server, or a cluster) answers PING, otherwise one line saying what is wrong. */
export async function redisProblem(redisUrl) {
  const target = redisTargetOf(redisUrl);
  const once = { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 };
  const node = { username: target.username, password: target.password, tls: target.tls ? {} : undefined };
  const redis = target.cluster
    ? new Redis.Cluster(target.nodes, {
        ...once,
        clusterRetryStrategy: () => null,
        redisOptions: { ...node, connectTimeout: TIMEOUT_MS, maxRetriesPerRequest: 0 },
      })
    : new Redis({
        ...node,
        ...target.nodes[0],
        db: target.db,
        ...once,
        connectTimeout: TIMEOUT_MS,
        retryStrategy: () => null,
      });
  // ioredis rejects with "Connection is closed."; the reason worth telling came through its error event.
  let cause;
  redis.on('error', (error) => (cause ??= error));
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    const where = redisHosts(redisUrl);
    const start = target.cluster ? 'Start its nodes' : 'Start it with "redis-server --daemonize yes"';
    return `Redis is not reachable at ${where} (REDIS_URL: ${connectionProblem(cause ?? error)}). ${start}, or point REDIS_URL at a running server.`;
  } finally {
    redis.disconnect();
  }
}

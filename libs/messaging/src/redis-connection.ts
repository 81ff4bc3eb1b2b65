// Connections to Redis from REDIS_URL: one server, or a Redis Cluster (redis+cluster://host:port,host:port).
// BullMQ connects from options to one server by itself, but needs a client to reach a cluster: QueueConnection
// gives its owner whichever applies, and closes the cluster client it opened once the owner's queues are closed.
import type { ConnectionOptions } from 'bullmq';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { redisTargetOf, type RedisTarget } from '@cocomo/config';

/** The options of a connection to one node: credentials, TLS, and waiting for Redis rather than failing. */
function nodeOptions(target: RedisTarget): RedisOptions {
  return {
    username: target.username,
    password: target.password,
    tls: target.tls ? {} : undefined,
    // BullMQ workers block on Redis; they must wait for it rather than fail a command.
    maxRetriesPerRequest: null,
  };
}

/** Connection settings for one Redis server; REDIS_URL must not name a cluster (see connectRedis). */
export function redisOptions(redisUrl: string): RedisOptions {
  const target = redisTargetOf(redisUrl);
  if (target.cluster)
    throw new Error('REDIS_URL names a Redis Cluster: connect with connectRedis or QueueConnection');
  return { ...nodeOptions(target), host: target.nodes[0].host, port: target.nodes[0].port, db: target.db };
}

/** Options that belong to the cluster client as a whole, not to its connections to each node. */
const CLUSTER_WIDE = ['lazyConnect', 'enableOfflineQueue', 'keyPrefix', 'enableReadyCheck'] as const;

/** A client of its own: to the one server, or to the cluster (whose nodes it finds from those REDIS_URL names). */
export function connectRedis(redisUrl: string, overrides: RedisOptions = {}): Redis | Cluster {
  const target = redisTargetOf(redisUrl);
  if (!target.cluster) return new Redis({ ...redisOptions(redisUrl), ...overrides });
  const clusterWide: ClusterOptions = {};
  for (const option of CLUSTER_WIDE) {
    if (overrides[option] !== undefined) Object.assign(clusterWide, { [option]: overrides[option] });
  }
  return new Cluster(target.nodes, {
    ...clusterWide,
    redisOptions: { ...nodeOptions(target), ...overrides },
    // With TLS the certificates name the nodes' hosts, not the addresses they announce.
    ...(target.tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
  });
}

export class QueueConnection {
  private cluster?: Cluster;

  constructor(private readonly redisUrl: string) {}

  /** What to give a BullMQ Queue, Worker or QueueEvents as its `connection`. */
  get options(): ConnectionOptions {
    if (!redisTargetOf(this.redisUrl).cluster) return redisOptions(this.redisUrl);
    this.cluster ??= connectRedis(this.redisUrl) as Cluster;
    return this.cluster;
  }

  /** Closes the cluster client, if one was opened; call it after closing what used it. */
  async close(): Promise<void> {
    const cluster = this.cluster;
    this.cluster = undefined;
    await cluster?.quit().catch(() => cluster.disconnect());
  }
}

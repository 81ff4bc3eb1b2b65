// Where Redis is, from REDIS_URL: one server (redis://[user:password@]host:port[/db], rediss:// for TLS), or a
// Redis Cluster reached through some of its nodes (redis+cluster://[user:password@]host:port,host:port,…, and
// rediss+cluster:// for TLS). A cluster has no database number, and needs QUEUE_PREFIX to be a hash tag.

export interface RedisTarget {
  cluster: boolean;
  /** The server, or the cluster nodes to start from (the others are found through them). */
  nodes: { host: string; port: number }[];
  username?: string;
  password?: string;
  tls: boolean;
  db: number;
}

export const REDIS_URL_FORMS =
  'must be redis://host:port (rediss:// for TLS), or redis+cluster://host:port,host:port,… (rediss+cluster:// for TLS) for a Redis Cluster';

const CLUSTER = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#@]+)\/?$/;

function decoded(text: string | undefined): string | undefined {
  return text ? decodeURIComponent(text) : undefined;
}

function node(text: string): { host: string; port: number } {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d+))?$/i.exec(text.trim());
  const port = Number(match?.[2] ?? 6379);
  if (!match || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${REDIS_URL_FORMS}; "${text}" is not host:port`);
  }
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

/** Reads REDIS_URL; throws an Error saying which forms it may take. */
export function redisTargetOf(url: string): RedisTarget {
  const cluster = CLUSTER.exec(url);
  if (cluster) {
    const [, scheme, userinfo, hosts] = cluster;
    const colon = userinfo?.indexOf(':') ?? -1;
    return {
      cluster: true,
      nodes: hosts.split(',').map(node),
      username: decoded(colon >= 0 ? userinfo!.slice(0, colon) : userinfo),
      password: decoded(colon >= 0 ? userinfo!.slice(colon + 1) : undefined),
      tls: scheme === 'rediss',
      db: 0,
    };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(REDIS_URL_FORMS);
  }
  if (!['redis:', 'rediss:'].includes(parsed.protocol) || !parsed.hostname) throw new Error(REDIS_URL_FORMS);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error(`${REDIS_URL_FORMS}; the database is a number: /0`);
  return {
    cluster: false,
    nodes: [{ host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || 6379) }],
    username: decoded(parsed.username),
    password: decoded(parsed.password),
    tls: parsed.protocol === 'rediss:',
    db,
  };
}

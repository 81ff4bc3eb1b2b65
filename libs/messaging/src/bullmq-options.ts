export interface BullMqTransportOptions {
  /** REDIS_URL: one Redis, or a Redis Cluster (see redis-connection.ts). */
  redisUrl: string;
  /** Key prefix in Redis: isolates deployments and test files from each other. */
  prefix: string;
}

/** Delivery is at least once: a failed handler is retried with back-off, then kept as failed for operators. */
export const DELIVERY_ATTEMPTS = 8;
export const deliveryJobOptions = {
  attempts: DELIVERY_ATTEMPTS,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;

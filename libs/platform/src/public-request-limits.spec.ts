// The counts of public requests live in Redis; when Redis cannot be reached a request goes through uncounted
// rather than failing, and the service says so in its log, once a minute at most.
import { Logger } from '@nestjs/common';
import { createServer, type Server } from 'node:net';
import { SharedRequestCounts } from './public-request-limits';

/** A port where nothing answers: listened on, then closed. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('SharedRequestCounts', () => {
  it('counts in Redis and blocks past the limit', async () => {
    const counts = new SharedRequestCounts({
      REDIS_URL: process.env.TEST_REDIS_URL!,
      QUEUE_PREFIX: `cocomo-test-counts-${process.pid}`,
    });
    try {
      const key = `key-${Date.now()}`;
      const first = await counts.increment(key, 60_000, 2, 60_000, 'default');
      const second = await counts.increment(key, 60_000, 2, 60_000, 'default');
      const third = await counts.increment(key, 60_000, 2, 60_000, 'default');
      expect([first.totalHits, second.totalHits, third.totalHits]).toEqual([1, 2, 3]);
      expect([first.isBlocked, second.isBlocked, third.isBlocked]).toEqual([false, false, true]);
      expect(third.timeToBlockExpire).toBe(60);
    } finally {
      counts.onModuleDestroy();
    }
  });

  it('lets requests through, and warns once, when Redis cannot be reached', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const counts = new SharedRequestCounts({
      REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
      QUEUE_PREFIX: 'cocomo-test-unreachable',
    });
    try {
      for (let request = 0; request < 3; request++) {
        const record = await counts.increment('key', 60_000, 1, 60_000, 'default');
        expect(record).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
      }
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('Could not count a public request in Redis'));
    } finally {
      counts.onModuleDestroy();
      warn.mockRestore();
    }
  });
});

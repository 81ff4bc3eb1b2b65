import { readEnvironment } from './environment';
import { redisTargetOf } from './redis-url';

describe('REDIS_URL', () => {
  it.each([
    [
      'redis://127.0.0.1:6379',
      { cluster: false, nodes: [{ host: '127.0.0.1', port: 6379 }], tls: false, db: 0 },
    ],
    [
      'rediss://:s%40cret@redis.internal:6380/2',
      {
        cluster: false,
        nodes: [{ host: 'redis.internal', port: 6380 }],
        password: 's@cret',
        tls: true,
        db: 2,
      },
    ],
    [
      'redis+cluster://10.0.0.1:7000,10.0.0.2:7001,10.0.0.3',
      {
        cluster: true,
        nodes: [
          { host: '10.0.0.1', port: 7000 },
          { host: '10.0.0.2', port: 7001 },
          { host: '10.0.0.3', port: 6379 },
        ],
        tls: false,
        db: 0,
      },
    ],
    [
      'rediss+cluster://app:pass%2Fword@cache-1.internal:6379,[::1]:7002',
      {
        cluster: true,
        nodes: [
          { host: 'cache-1.internal', port: 6379 },
          { host: '::1', port: 7002 },
        ],
        username: 'app',
        password: 'pass/word',
        tls: true,
        db: 0,
      },
    ],
  ])('%s names %j', (url, target) => {
    expect(redisTargetOf(url)).toEqual(target);
  });

  it.each([
    'http://127.0.0.1:6379',
    'redis+cluster://',
    'redis+cluster://10.0.0.1:99999',
    'redis+cluster://10.0.0.1:7000/1',
    'redis://127.0.0.1:6379/x',
    'not a url',
  ])('refuses %s, saying which forms it may take', (url) => {
    expect(() => readEnvironment({ REDIS_URL: url })).toThrow(
      /REDIS_URL: must be redis:\/\/host:port .*redis\+cluster:\/\//,
    );
  });

  it('needs a hash tag as QUEUE_PREFIX for a cluster, so that each queue keeps its keys in one slot', () => {
    const cluster = 'redis+cluster://10.0.0.1:7000,10.0.0.2:7001';
    expect(() => readEnvironment({ REDIS_URL: cluster })).toThrow(
      /QUEUE_PREFIX: must be a hash tag such as \{cocomo\} when REDIS_URL names a Redis Cluster/,
    );
    expect(readEnvironment({ REDIS_URL: cluster, QUEUE_PREFIX: '{cocomo}' }).QUEUE_PREFIX).toBe('{cocomo}');
    expect(readEnvironment({ QUEUE_PREFIX: '{cocomo}' }).QUEUE_PREFIX).toBe('{cocomo}');
    expect(() => readEnvironment({ QUEUE_PREFIX: '{co}mo}' })).toThrow(/QUEUE_PREFIX/);
  });
});

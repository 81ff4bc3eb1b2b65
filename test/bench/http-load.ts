// HTTP load from autocannon's programmatic API: a fixed number of connections asking a rotating list of
// paths, with every response's latency kept (autocannon's own summary has no p95).
import autocannon from 'autocannon';

export interface HttpLoadRun {
  /** Milliseconds per response, sorted. */
  latencies: number[];
  requestsPerSecond: number;
  /** Responses that were not 2xx, plus errors and timeouts. */
  failures: number;
}

export function runHttpLoad(options: {
  url: string;
  paths: string[];
  connections: number;
  seconds: number;
}): Promise<HttpLoadRun> {
  let next = 0;
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 10,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({ ...request, path: options.paths[next++ % options.paths.length] }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          latencies: latencies.sort((a, b) => a - b),
          requestsPerSecond: result.requests.total / result.duration,
          failures: result.non2xx + result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

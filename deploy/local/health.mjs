// Asking a service's GET /health, for the router's own /health and for start.mjs waiting on the services.
import http from 'node:http';

const reasons = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'no answer in time',
};

/** One sentence-sized reason for a failed connection, without a stack trace. */
export function connectionProblem(error) {
  return reasons[error?.code] ?? error?.message ?? String(error);
}

/**
 * GET <baseUrl>/health. Resolves (never rejects) with `up` when it answers 200, `down` otherwise, plus the
 * answer's status and JSON body when there was one.
 */
export function probeHealth(baseUrl, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const request = http.get(`${baseUrl}/health`, { timeout: timeoutMs }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', (error) => resolve({ status: 'down', error: connectionProblem(error) }));
      response.on('end', () => {
        let body;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = undefined;
        }
        const status = response.statusCode === 200 ? 'up' : 'down';
        resolve({ status, httpStatus: response.statusCode, body });
      });
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    request.on('error', (error) => resolve({ status: 'down', error: connectionProblem(error) }));
  });
}

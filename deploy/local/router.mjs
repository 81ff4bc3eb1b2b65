// The local router: one address for the four services, routing path prefixes from deploy/routes.json exactly as
// the production ingress does. `node deploy/local/router.mjs` runs it; backends are found at <SERVICE>_HOST
// (default 127.0.0.1) on each service's port.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { createProxyServer } from 'http-proxy-3';
import pino from 'pino';
import { connectionProblem, probeHealth } from './health.mjs';
import { backendFor, backendsFrom, routerEnvironment, routerPortFrom } from './routes.mjs';

// The same shape the services accept (libs/platform), so one id follows a request through router and service.
const CORRELATION_ID = /^[\w.-]{1,100}$/;

function sendJson(response, statusCode, body, headers = {}) {
  if (response.headersSent) return void response.destroy();
  response.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

function pathOf(url) {
  try {
    return new URL(url, 'http://router.invalid').pathname;
  } catch {
    return undefined;
  }
}

/** Every service's own /health, side by side; 200 only when all four answer 200. */
async function healthReport(backends) {
  const probes = await Promise.all(backends.map((backend) => probeHealth(backend.url)));
  const services = Object.fromEntries(
    backends.map((backend, i) => [backend.service, { url: `${backend.url}/health`, ...probes[i] }]),
  );
  const allUp = probes.every((probe) => probe.status === 'up');
  return { statusCode: allUp ? 200 : 503, body: { status: allUp ? 'ok' : 'degraded', services } };
}

export function createRouter({ backends, logger }) {
  const proxy = createProxyServer({ xfwd: true, proxyTimeout: 60_000 });
  // A backend that dies halfway through its answer: the headers are out, so a 502 can no longer be said; the
  // client's connection is cut instead, so that it never takes the part it got for the whole answer.
  proxy.on('proxyRes', (backendAnswer, request, response) => {
    backendAnswer.on('error', () => undefined); // 'close' below says all there is to say
    backendAnswer.on('close', () => {
      if (backendAnswer.complete) return;
      logger.warn(
        { correlationId: request.headers['x-correlation-id'] },
        'a backend stopped halfway through its answer',
      );
      response.destroy();
    });
  });

  return http.createServer(async (request, response) => {
    const given = request.headers['x-correlation-id'];
    const correlationId = typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
    request.headers['x-correlation-id'] = correlationId;
    const headers = { 'x-correlation-id': correlationId };

    const path = pathOf(request.url ?? '/');
    if (path === undefined) {
      return sendJson(response, 400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The URL is not valid',
      });
    }
    if (path === '/') {
      response.writeHead(302, { location: '/map', ...headers });
      return void response.end();
    }
    if (path === '/health') {
      const { statusCode, body } = await healthReport(backends);
      return sendJson(response, statusCode, body, headers);
    }
    const backend = backendFor(path, backends);
    if (!backend) {
      return sendJson(
        response,
        404,
        { statusCode: 404, error: 'Not Found', message: `No service answers ${path}` },
        headers,
      );
    }

    request.headers['x-forwarded-host'] ??= request.headers.host;
    proxy.web(request, response, { target: backend.url }, (error) => {
      const reason = connectionProblem(error);
      logger.warn({ correlationId, backend: backend.service, reason }, `${backend.service} did not answer`);
      sendJson(
        response,
        502,
        {
          statusCode: 502,
          error: 'Bad Gateway',
          message: `The ${backend.service} service is not answering at ${backend.host}:${backend.port} (${reason}). Is it running?`,
          service: backend.service,
        },
        headers,
      );
    });
  });
}

async function main() {
  const logger = pino({ base: { service: 'router' } });
  let env;
  try {
    env = routerEnvironment();
  } catch (error) {
    process.stderr.write(`router: ${error.message}\n`);
    process.exit(1);
  }
  logger.level = env.LOG_LEVEL;
  const backends = backendsFrom(env);
  const port = routerPortFrom(env);
  const server = createRouter({ backends, logger });
  server.on('error', (error) => {
    const problem =
      error.code === 'EADDRINUSE' ? `port ${port} is already in use (ROUTER_PORT)` : error.message;
    process.stderr.write(`router: ${problem}\n`);
    process.exit(1);
  });
  server.listen(port, '0.0.0.0', () => {
    const table = backends.map((b) => `${b.prefixes.join(' ')} -> ${b.service} (${b.url})`).join('; ');
    logger.info(`router listening on port ${port}: ${table}`);
  });

  const stop = (signal) => {
    logger.info(`router stopping (${signal})`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Requests still in flight get a moment, not forever.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

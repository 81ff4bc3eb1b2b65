// Every route of every service, read from the running applications, is either on the short list of what the
// public may reach or refuses a request without the operator token (401) and with a wrong one (403) — in
// production, where /mailbox is for operators too. A route added without its guard fails this test.
import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ServiceApp } from '@cocomo/platform';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { bookingsDefinition, BookingsModule } from '../../apps/bookings/src/bookings.module';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { metricsApp } from '../../apps/metrics/src/metrics.module';
import { notifications } from '../../apps/notifications/test/notifications-harness';

const TOKEN = 'a-production-operator-token';

/** What anyone may reach. Everything else is the operators'. */
const PUBLIC = [
  'GET /health',
  'POST /api/spaces',
  'GET /api/spaces',
  'GET /api/spaces.geojson',
  'GET /api/spaces/:id',
  'GET /api/spaces/:id/spaceapi.json',
  'GET /map',
  'GET /map/spaces/:id',
  'GET /map/register',
  'GET /api/spaces/:id/hosted-events',
  'GET /actions/spaces/:token',
  'POST /actions/spaces/:token',
  'POST /api/bookings',
  'GET /request',
  'GET /actions/:token',
  'POST /actions/:token',
  'GET /api/metrics',
  'GET /api/metrics/timeseries',
  'GET /api/metrics/timeseries.csv',
];

const services: { name: string; app: ServiceApp }[] = [
  { name: 'directory', app: directoryApp },
  { name: 'bookings', app: { ...bookingsDefinition, module: BookingsModule.forRoot } },
  { name: 'notifications', app: notifications },
  { name: 'metrics', app: metricsApp },
];

let infra: IsolatedInfra;
const running: { name: string; service: ServiceUnderTest }[] = [];

beforeAll(async () => {
  infra = await isolatedInfra({
    NODE_ENV: 'production',
    OPERATOR_TOKEN: TOKEN,
    LINK_SECRET: 'a-production-link-secret-0123',
  });
  for (const { name, app } of services) running.push({ name, service: await startService(app, infra.env) });
});
afterAll(async () => {
  for (const { service } of running) await service.close();
  await infra?.cleanup();
});

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** The routes the application's Express router holds, as "METHOD /path". */
function routesOf(app: NestExpressApplication): string[] {
  const stack = app.getHttpAdapter().getInstance().router.stack as unknown as Layer[];
  return stack.flatMap((layer) =>
    // A route for every method is Nest's answer to an unknown path (404), not a surface.
    layer.route && Object.keys(layer.route.methods).length < 8
      ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`)
      : [],
  );
}

const isDocs = (route: string) => /\/docs(\/|-json|-yaml|$)/.test(route);

it('every service has routes, and the public list names only routes that exist', () => {
  const all = running.flatMap(({ service }) => routesOf(service.app));
  for (const { service } of running) expect(routesOf(service.app).length).toBeGreaterThan(1);
  for (const route of PUBLIC) expect(all).toContain(route);
});

it('every other route refuses without the operator token (401) and with a wrong one (403)', async () => {
  const checked: string[] = [];
  for (const { name, service } of running) {
    for (const route of routesOf(service.app)) {
      if (PUBLIC.includes(route) || isDocs(route)) continue;
      const [method, pattern] = route.split(' ');
      const path = pattern
        .replace(/:\w+/g, '7d9f3c1e-5b2a-4c8d-9e0f-1a2b3c4d5e6f')
        .replace(/\{?\*\w*\}?/g, 'x');
      const call = () => request(service.url)[method.toLowerCase() as 'get'](path);
      const anonymous = await call();
      expect({ route: `${name} ${route}`, status: anonymous.status }).toEqual({
        route: `${name} ${route}`,
        status: 401,
      });
      expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm=/);
      const wrong = await call().set('authorization', 'Bearer not-the-operator-token');
      expect({ route: `${name} ${route}`, status: wrong.status }).toEqual({
        route: `${name} ${route}`,
        status: 403,
      });
      const basic = await call().set(
        'authorization',
        `Basic ${Buffer.from('op:wrong-password').toString('base64')}`,
      );
      expect(basic.status).toBe(403);
      const right = await call().set('authorization', `Bearer ${TOKEN}`);
      expect([401, 403]).not.toContain(right.status);
      checked.push(`${name} ${route}`);
    }
  }
  // The operators' surfaces known today are among those checked.
  expect(checked).toEqual(
    expect.arrayContaining([
      'directory POST /api/spaces/:id/approve',
      'directory POST /api/spaces/:id/reject',
      'directory POST /api/spaces/:id/retire',
      'directory PATCH /api/spaces/:id',
      'bookings GET /api/bookings',
      'bookings GET /api/bookings/:id',
      'bookings POST /api/bookings/:id/cancel',
      'bookings POST /api/bookings/:id/assign',
      'notifications GET /api/notifications',
      'notifications GET /api/notifications/:id',
      'notifications GET /mailbox',
      'notifications GET /mailbox/:id',
      'metrics GET /metrics',
      'metrics GET /dashboard',
    ]),
  );
});

it('the queue board, mounted outside the router, is closed too', async () => {
  const metrics = running.find(({ name }) => name === 'metrics')!.service;
  await request(metrics.url).get('/queues').expect(401);
  await request(metrics.url).get('/queues').set('authorization', 'Bearer nope').expect(403);
  await request(metrics.url).get('/queues/api/queues').expect(401);
  await request(metrics.url).get('/queues').set('authorization', `Bearer ${TOKEN}`).expect(200);
});

it('public routes that show more to operators show the public view without a token', async () => {
  const directory = running.find(({ name }) => name === 'directory')!.service;
  await request(directory.url).get('/api/spaces?status=pending_review').expect(401);
  await request(directory.url)
    .get('/api/spaces?status=pending_review')
    .set('authorization', 'Bearer nope')
    .expect(403);
  await request(directory.url).get('/api/spaces.geojson?status=unverified').expect(401);
  await request(directory.url)
    .get('/api/spaces?status=pending_review')
    .set('authorization', `Bearer ${TOKEN}`)
    .expect(200);
});

// Every route of every service, read from the running applications, is either on the short list of what the
// public may reach or is an operator surface, and each of those, in production: refuses without a credential
// (401), with a wrong one or the development OPERATOR_TOKEN (403), with a named operator whose roles lack the
// right the route needs (403), and accepts an operator with that right. A route added without its guard, or
// missing from the table of rights (operator-rights.ts), fails this test. An operator limited to some countries
// finds no space and no booking of another (404).
import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { readEnvironment } from '@cocomo/config';
import {
  mayDo,
  ROLES,
  rightOfRoute,
  ROUTE_RIGHTS,
  type Right,
  type Role,
  type ServiceApp,
} from '@cocomo/platform';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { bookingsDefinition, BookingsModule } from '../../apps/bookings/src/bookings.module';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { metricsApp } from '../../apps/metrics/src/metrics.module';
import { aSpace, verifyThroughLink } from '../../apps/directory/test/directory-harness';
import { aBookingRequest, inDays } from './security-harness';
import { OperatorAccounts } from '../../apps/notifications/src/operators/operator-accounts';
import { notifications } from '../../apps/notifications/test/notifications-harness';
import {
  namedOperator,
  verifyingAt,
  type NamedOperator,
} from '../../apps/notifications/test/named-operators';

const TOKEN = 'a-development-operator-token';

/** What anyone may reach. Everything else is the operators'. */
const PUBLIC = [
  'GET /health',
  'GET /health/live',
  'GET /health/ready',
  'POST /api/spaces',
  'GET /api/spaces',
  'GET /api/spaces.geojson',
  'GET /api/spaces/:id',
  'GET /api/spaces/:id/spaceapi.json',
  'GET /map',
  'GET /map/spaces/:id',
  'GET /map/register',
  'GET /api/spaces/:id/hosted-events',
  'GET /api/spaces/:id/calendar.ics',
  'GET /actions/spaces/:token',
  'POST /actions/spaces/:token',
  'POST /actions/spaces/:token/language',
  // A host's own pages: asking for the manage link, the manage page and its forms, a hand-over's link.
  'GET /map/manage',
  'POST /map/manage',
  'GET /actions/spaces/manage/:token',
  'POST /actions/spaces/manage/:token/listing',
  'POST /actions/spaces/manage/:token/availability',
  'POST /actions/spaces/manage/:token/hand-over',
  'POST /actions/spaces/manage/:token/retire',
  'POST /actions/spaces/manage/:token/language',
  'GET /actions/spaces/take-over/:token',
  'POST /actions/spaces/take-over/:token',
  'POST /actions/spaces/take-over/:token/language',
  // The opt-out link of a host's yearly summary.
  'GET /actions/spaces/summary-opt-out/:token',
  'POST /actions/spaces/summary-opt-out/:token',
  'POST /actions/spaces/summary-opt-out/:token/language',
  'GET /api/spaces/:id/badge.svg',
  'GET /api/map',
  'GET /api/spaces/:id/availability',
  'POST /api/bookings',
  // The organizer's "Write my mails in …", with the token of their status link in the form.
  'POST /api/bookings/:id/language',
  // Private calendars open by their signed link alone, as calendars cannot send a token.
  'GET /api/bookings/calendars/:file',
  'POST /api/bookings/calendars/:file/renew',
  'GET /request',
  'GET /actions/:token',
  'POST /actions/:token',
  'POST /actions/:token/language',
  'GET /actions/series/:token',
  'POST /actions/series/:token',
  'POST /actions/series/:token/language',
  'GET /api/metrics',
  'GET /api/metrics/timeseries',
  'GET /api/metrics/timeseries.csv',
  'GET /operators/sign-in',
  'POST /operators/sign-in',
  'POST /operators/sign-in/code',
  // Signing in through the organisation's OpenID Connect provider: the button's post, and the provider's answer.
  'POST /operators/sign-in/oidc',
  'GET /operators/sign-in/oidc/callback',
  'GET /.well-known/cocomo-operators/jwks.json',
  'GET /.well-known/cocomo-operators/revoked.json',
  'POST /api/operators/token-uses',
  // A host's or organizer's own data: asking for the link, its page, the copy and the erasure.
  'GET /my-data',
  'POST /my-data',
  'GET /my-data/:token',
  'GET /my-data/:token/copy.json',
  'POST /my-data/:token',
];

const services: { name: string; app: ServiceApp }[] = [
  { name: 'notifications', app: notifications },
  { name: 'directory', app: directoryApp },
  { name: 'bookings', app: { ...bookingsDefinition, module: BookingsModule.forRoot } },
  { name: 'metrics', app: metricsApp },
];

/** The role that holds the right and as little else as possible, and one that lacks it (if any does). */
const FIT: Record<Right, Role> = {
  operators: 'admin',
  review: 'reviewer',
  dispatch: 'dispatcher',
  watch: 'viewer',
  self: 'viewer',
};
const lacking = (right: Right) => ROLES.find((role) => !mayDo([role], right));

let infra: IsolatedInfra;
const running: { name: string; service: ServiceUnderTest }[] = [];
const operators = {} as Record<Role, NamedOperator>;

beforeAll(async () => {
  infra = await isolatedInfra({
    NODE_ENV: 'production',
    OPERATOR_TOKEN: TOKEN,
    LINK_SECRET: 'a-production-link-secret-0123',
  });
  for (const { name, app } of services) {
    const owner = running[0]?.service;
    const env = owner ? readEnvironment({ ...infra.variables, ...verifyingAt(owner) }) : infra.env;
    running.push({ name, service: await startService(app, env) });
  }
  for (const role of ROLES) operators[role] = await namedOperator(running[0].service, [role]);
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
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

it('every service has routes, and the public list names only routes that exist', () => {
  const all = running.flatMap(({ service }) => routesOf(service.app));
  for (const { service } of running) expect(routesOf(service.app).length).toBeGreaterThan(1);
  for (const route of PUBLIC) expect(all).toContain(route);
});

it('every other route is in the table of rights, refuses without the right, and accepts it', async () => {
  const checked: string[] = [];
  for (const { name, service } of running) {
    for (const route of routesOf(service.app)) {
      if (PUBLIC.includes(route) || isDocs(route)) continue;
      const [method, pattern] = route.split(' ');
      const at = `${name} ${route}`;
      expect({ at, inTable: route in ROUTE_RIGHTS }).toEqual({ at, inTable: true });
      const right = rightOfRoute(method, pattern);
      const path = pattern
        .replace(/:\w+/g, '7d9f3c1e-5b2a-4c8d-9e0f-1a2b3c4d5e6f')
        .replace(/\{?\*\w*\}?/g, 'x');
      const call = (headers: Record<string, string> = {}) =>
        request(service.url)[method.toLowerCase() as 'get'](path).set(headers);
      const statusOf = async (headers?: Record<string, string>) => ({
        at,
        status: (await call(headers)).status,
      });

      const anonymous = await call();
      expect({ at, status: anonymous.status }).toEqual({ at, status: 401 });
      expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer realm=/);
      expect(await statusOf(bearer('not-a-credential'))).toEqual({ at, status: 403 });
      expect(
        await statusOf({ authorization: `Basic ${Buffer.from('op:wrong').toString('base64')}` }),
      ).toEqual({
        at,
        status: 403,
      });
      // The development token is refused in production, although it is the configured one.
      expect(await statusOf(bearer(TOKEN))).toEqual({ at, status: 403 });
      const without = lacking(right);
      if (without) expect(await statusOf(bearer(operators[without].token))).toEqual({ at, status: 403 });
      const right_ = await call(bearer(operators[FIT[right]].token));
      expect({ at, accepted: ![401, 403].includes(right_.status) }).toEqual({ at, accepted: true });
      checked.push(at);
    }
  }
  // The operators' surfaces known today are among those checked.
  expect(checked).toEqual(
    expect.arrayContaining([
      'directory POST /api/spaces/:id/approve',
      'directory POST /api/spaces/:id/reject',
      'directory POST /api/spaces/:id/retire',
      'directory PATCH /api/spaces/:id',
      'directory GET /review',
      'bookings GET /api/bookings',
      'bookings GET /api/bookings/:id',
      'bookings POST /api/bookings/:id/cancel',
      'bookings POST /api/bookings/:id/assign',
      'bookings GET /bookings',
      'notifications GET /api/notifications',
      'notifications GET /api/notifications/:id',
      'notifications GET /mailbox',
      'notifications GET /mailbox/:id',
      'notifications GET /api/operators',
      'notifications POST /api/operators/me/tokens',
      'notifications GET /operators/account',
      'directory GET /metrics',
      'bookings GET /metrics',
      'notifications GET /metrics',
      'metrics GET /metrics',
      'metrics GET /dashboard',
    ]),
  );
});

it('the queue board, mounted outside the router, is closed too: watching needs a role, acting the admin', async () => {
  const metrics = running.find(({ name }) => name === 'metrics')!.service;
  await request(metrics.url).get('/queues').expect(401);
  await request(metrics.url).get('/queues').set(bearer('nope')).expect(403);
  await request(metrics.url).get('/queues').set(bearer(TOKEN)).expect(403);
  await request(metrics.url).get('/queues/api/queues').expect(401);
  await request(metrics.url).get('/queues').set(bearer(operators.viewer.token)).expect(200);
  await request(metrics.url)
    .put('/queues/api/queues/x/retry/failed')
    .set(bearer(operators.viewer.token))
    .expect(403);
});

it('public routes that show more to operators show it to reviewers only', async () => {
  const directory = running.find(({ name }) => name === 'directory')!.service;
  const pending = () => request(directory.url).get('/api/spaces?status=pending_review');
  await pending().expect(401);
  await pending().set(bearer('nope')).expect(403);
  await pending().set(bearer(operators.dispatcher.token)).expect(403);
  await request(directory.url).get('/api/spaces.geojson?status=unverified').expect(401);
  await pending().set(bearer(operators.reviewer.token)).expect(200);
});

it('a revoked token is refused by every service within seconds', async () => {
  const admin = await namedOperator(running[0].service, ['admin']);
  for (const { service } of running) {
    await request(service.url).get('/metrics').set(bearer(admin.token)).expect(200);
  }
  await request(running[0].service.url)
    .delete(`/api/operators/me/tokens/${admin.tokenId}`)
    .set(bearer(admin.token))
    .expect(200);
  for (const { name, service } of running) {
    // Each service reads the revocation list every 200 ms here (OPERATOR_REVOCATION_POLL): wait for its next read.
    let status = 200;
    for (let attempt = 0; attempt < 50 && status === 200; attempt++) {
      status = (await request(service.url).get('/metrics').set(bearer(admin.token))).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect({ name, status }).toEqual({ name, status: 403 });
  }
});

it('a changed role counts in every service: what the operator signed before is refused', async () => {
  const reviewer = await namedOperator(running[0].service, ['reviewer']);
  const admin = operators.admin;
  const directory = running.find(({ name }) => name === 'directory')!.service;
  await request(directory.url).get('/review').set(bearer(reviewer.token)).expect(200);
  await request(running[0].service.url)
    .patch(`/api/operators/${reviewer.id}`)
    .set(bearer(admin.token))
    .send({ roles: ['viewer'] })
    .expect(200);
  let status = 200;
  for (let attempt = 0; attempt < 50 && status === 200; attempt++) {
    status = (await request(directory.url).get('/review').set(bearer(reviewer.token))).status;
    if (status === 200) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(status).toBe(403);
});

it('an operator limited to some countries finds no space of another country (404), and acts on their own', async () => {
  const directory = running.find(({ name }) => name === 'directory')!.service;
  const registered = await request(directory.url)
    .post('/api/spaces')
    .send(aSpace({ name: 'Scoped Hall in Pune' }))
    .expect(201);
  const id = registered.body.id as string;
  await verifyThroughLink(directory, id);
  const germany = await namedOperator(running[0].service, ['reviewer'], ['DE']);
  const india = await namedOperator(running[0].service, ['reviewer'], ['IN', 'LK']);
  const review = async (who: NamedOperator) =>
    (await request(directory.url).get('/review').set(bearer(who.token)).expect(200)).text;
  expect(await review(germany)).not.toContain('Scoped Hall in Pune');
  expect(await review(india)).toContain('Scoped Hall in Pune');
  for (const [method, path, body] of [
    ['post', `/api/spaces/${id}/approve`, {}],
    ['post', `/api/spaces/${id}/reject`, { reason: 'Not in Germany' }],
    ['post', `/api/spaces/${id}/retire`, {}],
    ['patch', `/api/spaces/${id}`, { capacity: 41 }],
    ['post', `/review/${id}/approve`, {}],
  ] as const) {
    const refused = await request(directory.url)[method](path).set(bearer(germany.token)).send(body);
    expect({ path, status: refused.status }).toEqual({ path, status: 404 });
  }
  await request(directory.url).post(`/api/spaces/${id}/approve`).set(bearer(india.token)).expect(200);
});

it('a dispatcher limited to some countries finds no booking of another country (404), and acts on their own', async () => {
  const directory = running.find(({ name }) => name === 'directory')!.service;
  const bookings = running.find(({ name }) => name === 'bookings')!.service;
  const approvedSpace = async (space: Record<string, unknown>) => {
    const registered = await request(directory.url).post('/api/spaces').send(aSpace(space)).expect(201);
    await verifyThroughLink(directory, registered.body.id);
    await request(directory.url)
      .post(`/api/spaces/${registered.body.id}/approve`)
      .set(bearer(operators.admin.token))
      .expect(200);
    return registered.body.id as string;
  };
  const pune = await approvedSpace({ name: 'Dispatch Hall in Pune' });
  const berlin = await approvedSpace({
    name: 'Dispatch Hall in Berlin',
    address: '1 Unter den Linden',
    city: 'Berlin',
    country: 'DE',
    latitude: 52.52,
    longitude: 13.405,
    timezone: 'Europe/Berlin',
    marketRate: { amount: 300, currency: 'EUR', per: 'day' },
  });
  const book = async (spaceId: string, title: string) => {
    const event = { title, start: inDays(12), end: inDays(12.1), expectedAttendees: 20, needs: [] };
    const asked = await request(bookings.url)
      .post('/api/bookings')
      .send(aBookingRequest({ spaceId, event }))
      .expect(201);
    return asked.body.id as string;
  };
  const inPune = await book(pune, 'Scoped meetup in Pune');
  const inBerlin = await book(berlin, 'Scoped meetup in Berlin');
  const germany = await namedOperator(running[0].service, ['dispatcher'], ['DE']);
  const india = await namedOperator(running[0].service, ['dispatcher'], ['IN']);

  const listed = async (who: NamedOperator) =>
    (
      await request(bookings.url).get('/api/bookings?limit=100').set(bearer(who.token)).expect(200)
    ).body.items.map((booking: { id: string }) => booking.id);
  expect(await listed(germany)).toContain(inBerlin);
  expect(await listed(germany)).not.toContain(inPune);
  expect(await listed(india)).toEqual(expect.arrayContaining([inPune]));
  expect(await listed(india)).not.toContain(inBerlin);
  const page = async (who: NamedOperator) =>
    (await request(bookings.url).get('/bookings').set(bearer(who.token)).expect(200)).text;
  expect(await page(germany)).not.toContain('Scoped meetup in Pune');
  expect(await page(germany)).toContain('Scoped meetup in Berlin');
  expect(await page(india)).toContain('Scoped meetup in Pune');

  for (const [method, path, body] of [
    ['get', `/api/bookings/${inPune}`, undefined],
    ['post', `/api/bookings/${inPune}/cancel`, { reason: 'Not in Germany' }],
    ['post', `/api/bookings/${inPune}/assign`, { spaceId: pune }],
    ['post', `/bookings/${inPune}/cancel`, { reason: 'Not in Germany' }],
    ['post', `/bookings/${inPune}/assign`, { space: pune }],
  ] as const) {
    const refused = await request(bookings.url)[method](path).set(bearer(germany.token)).send(body);
    expect({ path, status: refused.status }).toEqual({ path, status: 404 });
  }
  // A space of another country is none they may assign either, and nothing changed.
  const across = await request(bookings.url)
    .post(`/api/bookings/${inPune}/assign`)
    .set(bearer(india.token))
    .send({ spaceId: berlin })
    .expect(400);
  expect(across.body.problems).toEqual([expect.objectContaining({ field: 'spaceId' })]);
  const seen = await request(bookings.url)
    .get(`/api/bookings/${inPune}`)
    .set(bearer(india.token))
    .expect(200);
  expect(seen.body.state).toBe('pending_host');
  await request(bookings.url)
    .post(`/api/bookings/${inPune}/cancel`)
    .set(bearer(india.token))
    .send({ reason: 'The organizers moved it' })
    .expect(200);
  await request(bookings.url)
    .get(`/api/bookings/${inBerlin}`)
    .set(bearer(operators.dispatcher.token))
    .expect(200);
});

it("a personal token's last use is kept by the owner, also when another service was the one that saw it", async () => {
  const viewer = await namedOperator(running[0].service, ['viewer']);
  const accounts = running[0].service.app.get(OperatorAccounts);
  const lastUse = async () => (await accounts.tokensOf(viewer.id))[0].lastUsedAt;
  expect(await lastUse()).toBeNull();
  const metrics = running.find(({ name }) => name === 'metrics')!.service;
  await request(metrics.url).get('/metrics').set(bearer(viewer.token)).expect(200);
  // The metrics service reports the tokens it accepted with its next read of the revocation list (200 ms here).
  let used: Date | null = null;
  for (let attempt = 0; attempt < 50 && !used; attempt++) {
    used = await lastUse();
    if (!used) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(used).toBeInstanceOf(Date);
});

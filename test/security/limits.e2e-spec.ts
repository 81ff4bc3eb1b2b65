// The limits on what one client may send: a body over 64 kB is refused with 413, and public writes beyond
// THROTTLE_LIMIT, or public reads beyond THROTTLE_READ_LIMIT, per THROTTLE_TTL from one address get 429 with
// Retry-After — counted per client address, which X-Forwarded-For may name only when it comes from a proxy
// TRUST_PROXY trusts.
import request from 'supertest';
import { isolatedInfra, startService, type ServiceUnderTest } from '@cocomo/testing';
import { directoryApp } from '../../apps/directory/src/directory.module';
import {
  aBookingRequest,
  aSpace,
  approvedSpace,
  fingerprint,
  operator,
  startSystem,
  type SystemUnderTest,
} from './security-harness';

const LIMIT = 3;
const READ_LIMIT = 6;
let system: SystemUnderTest;
let clients = 0;
/** A client address of its own for each test, so one test's writes do not count against another's. */
const newClient = () => ({ 'x-forwarded-for': `198.51.100.${++clients}` });

beforeAll(async () => {
  system = await startSystem({
    THROTTLE_LIMIT: String(LIMIT),
    THROTTLE_READ_LIMIT: String(READ_LIMIT),
    THROTTLE_TTL: '1m',
  });
});
afterAll(async () => {
  await system?.stop();
});

const spacesNamed = async (name: string) =>
  (
    await request(system.directory.url)
      .get('/api/spaces')
      .query({ q: name, status: 'unverified' })
      .set(operator)
  ).body.total as number;

describe('a body over 64 kB', () => {
  const big = 'x'.repeat(70 * 1024);

  it.each([
    ['POST /api/spaces', () => system.directory, '/api/spaces'],
    ['POST /api/bookings', () => system.bookings, '/api/bookings'],
  ])('is refused by %s with 413 and a problem, storing nothing', async (_route, service, path) => {
    const before = await fingerprint(service(), service() === system.directory ? 'directory' : 'bookings');
    const response = await request(service().url)
      .post(path)
      .set(newClient())
      .send(aSpace({ description: big }))
      .expect(413);
    expect(response.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'The body is too large',
    });
    expect(await fingerprint(service(), service() === system.directory ? 'directory' : 'bookings')).toEqual(
      before,
    );
  });

  it('is refused on the form behind a link too', async () => {
    const response = await request(system.bookings.url)
      .post('/actions/v1.abc.def')
      .set(newClient())
      .type('form')
      .send({ choice: 'confirm', attendance: big })
      .expect(413);
    expect(response.body.message).toBe('The body is too large');
  });

  it('just under the limit is read and judged on its content', async () => {
    const response = await request(system.directory.url)
      .post('/api/spaces')
      .set(newClient())
      .send(aSpace({ description: 'x'.repeat(60 * 1024) }))
      .expect(400);
    expect(response.body.problems).toEqual([
      { field: 'description', problem: 'must be at most 4000 characters', code: 'too_big' },
    ]);
  });
});

describe('public writes from one address', () => {
  it('get 429 with Retry-After and a problem after the limit, and the refused write stores nothing', async () => {
    const client = newClient();
    for (let i = 0; i < LIMIT; i++) {
      const accepted = await request(system.directory.url)
        .post('/api/spaces')
        .set(client)
        .send(aSpace({ name: `Throttled Space ${i}` }))
        .expect(201);
      expect(accepted.headers['x-ratelimit-remaining']).toBe(String(LIMIT - 1 - i));
    }
    const refused = await request(system.directory.url)
      .post('/api/spaces')
      .set(client)
      .send(aSpace({ name: 'Throttled Space over the limit' }))
      .expect(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `Too many requests from your address: at most ${LIMIT} every 60s. Try again in ${retryAfter}s.`,
      retryAfterSeconds: retryAfter,
    });
    expect(await spacesNamed('Throttled Space over the limit')).toBe(0);
    expect(await spacesNamed('Throttled Space')).toBe(LIMIT);
  });

  it('are counted per address: another client still writes', async () => {
    const first = newClient();
    for (let i = 0; i <= LIMIT; i++)
      await request(system.directory.url).post('/api/spaces').set(first).send({});
    await request(system.directory.url).post('/api/spaces').set(first).send({}).expect(429);
    await request(system.directory.url).post('/api/spaces').set(newClient()).send({}).expect(400);
  });

  it('count refused input too, on asking for a space and on every link page', async () => {
    for (const [service, path, form] of [
      [system.bookings, '/api/bookings', false],
      [system.bookings, '/actions/v1.not.valid', true],
      [system.directory, '/actions/spaces/v1.not.valid', true],
    ] as const) {
      const client = newClient();
      const send = () => {
        const post = request(service.url).post(path).set(client);
        return form ? post.type('form').send({ choice: 'confirm' }) : post.send(aBookingRequest({ near: 1 }));
      };
      for (let i = 0; i < LIMIT; i++) expect((await send()).status).toBe(400);
      const refused = await send();
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    }
  });

  it('do not use up the reads: an address at its write limit still searches', async () => {
    const client = newClient();
    for (let i = 0; i < LIMIT; i++)
      await request(system.directory.url).post('/api/spaces').set(client).send({}).expect(400);
    await request(system.directory.url).post('/api/spaces').set(client).send({}).expect(429);
    await request(system.directory.url).get('/api/spaces').set(client).expect(200);
  });

  it('leave operators alone, but count a wrong operator token as public', async () => {
    const id = await approvedSpace(system.directory, { name: 'Operator Space' });
    const client = newClient();
    for (let i = 0; i < LIMIT * 2; i++) {
      await request(system.directory.url)
        .patch(`/api/spaces/${id}`)
        .set({ ...client, ...operator })
        .send({ capacity: 50 + i })
        .expect(200);
    }
    const guess = { ...client, authorization: 'Bearer a-guessed-operator-token' };
    for (let i = 0; i < LIMIT; i++) {
      await request(system.directory.url).post(`/api/spaces/${id}/retire`).set(guess).expect(403);
    }
    await request(system.directory.url).post(`/api/spaces/${id}/retire`).set(guess).expect(429);
  });
});

describe('public reads from one address', () => {
  it('get 429 with Retry-After and a problem after their own, larger limit, on pages and the API alike', async () => {
    for (const [service, path, answer] of [
      [system.directory, '/api/spaces', 200],
      [system.bookings, '/actions/v1.not.valid', 400],
    ] as const) {
      const client = newClient();
      for (let i = 0; i < READ_LIMIT; i++) await request(service.url).get(path).set(client).expect(answer);
      const refused = await request(service.url).get(path).set(client).expect(429);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(refused.body.message).toBe(
        `Too many requests from your address: at most ${READ_LIMIT} every 60s. Try again in ${retryAfter}s.`,
      );
      // Its writes are counted apart, and another address still reads.
      await request(system.directory.url).post('/api/spaces').set(client).send({}).expect(400);
      await request(service.url).get(path).set(newClient()).expect(answer);
    }
  });

  it("show a person's browser a page that says when to try again, in the reader's language", async () => {
    const browser = { ...newClient(), accept: 'text/html', cookie: 'cocomo_lang=de' };
    for (let i = 0; i < READ_LIMIT; i++)
      await request(system.directory.url).get('/map').set(browser).expect(200);
    const refused = await request(system.directory.url).get('/map').set(browser).expect(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.text).toContain('<h1>Einen Moment bitte</h1>');
    expect(refused.text).toContain(
      `Von Ihrer Netzwerkadresse kamen in kurzer Zeit viele Anfragen. Versuchen Sie es in ${retryAfter} Sekunden erneut.`,
    );
  });

  it('leave operators and health checks alone, but count a wrong operator token as public', async () => {
    const client = newClient();
    for (let i = 0; i < READ_LIMIT * 2; i++) {
      await request(system.directory.url)
        .get('/api/spaces')
        .set({ ...client, ...operator })
        .expect(200);
      await request(system.directory.url).get('/health').set(client).expect(200);
    }
    const guess = { ...newClient(), authorization: 'Bearer a-guessed-operator-token' };
    for (let i = 0; i < READ_LIMIT; i++) {
      await request(system.directory.url).get('/api/spaces').set(guess).expect(200);
    }
    await request(system.directory.url).get('/api/spaces').set(guess).expect(429);
  });
});

describe('public writes to several replicas of a service', () => {
  let replica: ServiceUnderTest;

  beforeAll(async () => {
    // A second directory process of the same deployment: the same database, Redis and queue prefix.
    replica = await startService(directoryApp, system.infra.env);
  });
  afterAll(async () => {
    await replica?.close();
  });

  it('count against one limit, kept in Redis under the deployment prefix', async () => {
    const client = newClient();
    for (let i = 0; i < LIMIT; i++) {
      const to = i % 2 === 0 ? system.directory : replica;
      await request(to.url).post('/api/spaces').set(client).send({}).expect(400);
    }
    await request(replica.url).post('/api/spaces').set(client).send({}).expect(429);
    await request(system.directory.url).post('/api/spaces').set(client).send({}).expect(429);
    const keys = await system.infra.redis.keys(`${system.infra.env.QUEUE_PREFIX}:throttle:*`);
    expect(keys.length).toBeGreaterThan(0);
  });
});

describe('the client address', () => {
  let direct: ServiceUnderTest;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const infra = await isolatedInfra({ THROTTLE_LIMIT: '2', TRUST_PROXY: 'false' });
    direct = await startService(directoryApp, infra.env);
    cleanup = async () => {
      await direct.close();
      await infra.cleanup();
    };
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it('is not taken from X-Forwarded-For unless the sender is a trusted proxy', async () => {
    await request(direct.url).post('/api/spaces').set('x-forwarded-for', '192.0.2.1').send({}).expect(400);
    await request(direct.url).post('/api/spaces').set('x-forwarded-for', '192.0.2.2').send({}).expect(400);
    await request(direct.url).post('/api/spaces').set('x-forwarded-for', '192.0.2.3').send({}).expect(429);
  });

  it('is taken from X-Forwarded-For when the proxy in front is trusted (the default, loopback)', async () => {
    const client = newClient();
    for (let i = 0; i < LIMIT; i++)
      await request(system.directory.url).post('/api/spaces').set(client).send({});
    await request(system.directory.url).post('/api/spaces').set(client).send({}).expect(429);
    // The router appends the address it saw; a client's own X-Forwarded-For entries before it do not help it.
    await request(system.directory.url)
      .post('/api/spaces')
      .set('x-forwarded-for', `203.0.113.99, ${client['x-forwarded-for']}`)
      .send({})
      .expect(429);
  });
});

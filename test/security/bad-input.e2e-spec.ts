// Property tests over every public endpoint's body, query and path (and the operators' with their token):
// arbitrary JSON, SQL-looking and script-looking text in every field never gets a 5xx, every 4xx names the
// problem, and a 4xx changes nothing in any service's tables.
import fc from 'fast-check';
import request from 'supertest';
import type { ServiceUnderTest } from '@cocomo/testing';
import {
  aBookingRequest,
  aSpace,
  approvedSpace,
  bookingLink,
  fingerprint,
  operator,
  press,
  sql,
  startSystem,
  type SystemUnderTest,
} from './security-harness';

const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 40);

const ATTACKS = [
  "' OR '1'='1",
  "'; DROP TABLE space; --",
  '" OR 1=1 --',
  '1); delete from booking where (1=1',
  "%' union select null, version() --",
  '\\',
  '$1',
  '{{7*7}}',
  '${7*7}',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '</textarea><svg onload=alert(1)>',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '../../etc/passwd',
  '%00%27',
  '\u202eevil',
  '🙂'.repeat(40),
  ' ',
  '',
];

const attack = fc.constantFrom(...ATTACKS);
const text = fc.oneof(
  attack,
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.tuple(fc.string({ maxLength: 5 }), attack, fc.string({ maxLength: 5 })).map((parts) => parts.join('')),
);
/** Anything a JSON body may hold where a field's value goes. */
const value = fc.oneof(
  { weight: 3, arbitrary: text },
  fc.jsonValue({ maxDepth: 2 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(true, false, null, [], {}, 1e308, -1, 0, 2 ** 53),
);
const REMOVE = Symbol('remove');

let system: SystemUnderTest;
let spaceId: string;
let bookingId: string;

beforeAll(async () => {
  system = await startSystem({}, { notifications: true });
  spaceId = await approvedSpace(system.directory, {
    name: 'Kreuzberg Commons',
    city: 'Berlin',
    country: 'DE',
    timezone: 'Europe/Berlin',
    latitude: 52.5,
    longitude: 13.41,
  });
  bookingId = (await request(system.bookings.url).post('/api/bookings').send(aBookingRequest()).expect(201))
    .body.id;
});
afterAll(async () => {
  await system?.stop();
});

/** Both services' tables: a refusal by one must not change the other either. */
const everything = async () => ({
  ...(await fingerprint(system.directory, 'directory')),
  ...(await fingerprint(system.bookings, 'bookings')),
});

/** The paths to every value in a JSON object, e.g. ["host", "email"]. */
function leafPaths(object: Record<string, unknown>, prefix: string[] = []): string[][] {
  return Object.entries(object).flatMap(([key, inner]) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? [[...prefix, key], ...leafPaths(inner as Record<string, unknown>, [...prefix, key])]
      : [[...prefix, key]],
  );
}

function withChange(base: Record<string, unknown>, path: string[], change: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  if (change === REMOVE) delete parent[path[path.length - 1]];
  else parent[path[path.length - 1]] = change;
  return copy;
}

/** A valid body with one value replaced, removed, or an unknown field added — or any JSON at all. */
function bodiesNear(base: Record<string, unknown>) {
  const paths = leafPaths(base);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .record({ path: fc.constantFrom(...paths), change: fc.oneof(value, fc.constant(REMOVE)) })
        .map(({ path, change }) => ({ body: withChange(base, path, change) as unknown, path })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ minLength: 1, maxLength: 12 }), value)
        .filter(([key]) => !(key in base) && key !== '__proto__')
        .map(([key, extra]) => ({ body: { ...base, [key]: extra } as unknown, path: [key] })),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((body) => ({ body, path: [] as string[] })) },
  );
}

/** Query strings of known and unknown parameters, each given once or repeated, with any text. */
function queries(known: string[]) {
  return fc
    .dictionary(
      fc.oneof(fc.constantFrom(...known), fc.string({ minLength: 1, maxLength: 8 })),
      fc.oneof(text, fc.array(text, { minLength: 2, maxLength: 3 })),
      { maxKeys: 4 },
    )
    .map((parameters) => {
      const search = new URLSearchParams();
      for (const [key, given] of Object.entries(parameters)) {
        for (const one of Array.isArray(given) ? given : [given]) search.append(key, one);
      }
      return search.toString();
    });
}

const encodable = (segment: string) => {
  try {
    return encodeURIComponent(segment) !== '' && !/^\.+$/.test(segment.trim());
  } catch {
    return false; // a lone surrogate has no UTF-8 form; raw bytes below cover what cannot be encoded
  }
};
/** A path segment: any text, percent-encoded, or raw bytes that need not be UTF-8 at all. */
const pathSegment = fc.oneof(
  { weight: 4, arbitrary: text.filter(encodable).map(encodeURIComponent) },
  fc
    .uint8Array({ minLength: 1, maxLength: 12 })
    .map((bytes) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')),
);

/** What every answer to bad input must be: no 5xx, and a 4xx that says what was wrong. */
function expectAnAnswerThatNamesTheProblem(response: request.Response): void {
  expect(response.status).toBeLessThan(500);
  if (response.status < 400) return;
  if (response.type === 'text/html') {
    expect(response.text).toMatch(/<h1>[^<]+<\/h1>/);
    return;
  }
  expect(response.type).toBe('application/json');
  expect(typeof response.body.message).toBe('string');
  expect(response.body.message.length).toBeGreaterThan(0);
  if (response.status === 400 && response.body.message === 'The input is not valid') {
    expect(response.body.problems.length).toBeGreaterThan(0);
    for (const problem of response.body.problems) {
      expect(problem).toEqual({
        field: expect.any(String),
        problem: expect.any(String),
        code: expect.stringMatching(/^[a-z0-9_]+$/),
      });
      expect(problem.field.length * problem.problem.length).toBeGreaterThan(0);
    }
  }
}

/** A write that is refused changed nothing; one that is accepted is the new state to compare with. */
async function writeProperty(send: () => Promise<request.Response>): Promise<request.Response> {
  const before = await everything();
  const response = await send();
  expectAnAnswerThatNamesTheProblem(response);
  if (response.status >= 400) expect(await everything()).toEqual(before);
  return response;
}

/** For a body one field away from valid, the problem is named at that field (or inside it). */
function expectProblemAt(response: request.Response, path: string[]): void {
  if (response.status !== 400 || path.length === 0 || !response.body.problems) return;
  const fields: string[] = response.body.problems.map((problem: { field: string }) => problem.field);
  const [top] = path;
  expect(fields.some((field) => field === top || field.startsWith(`${top}.`) || field === '(body)')).toBe(
    true,
  );
}

const sendJson = (service: ServiceUnderTest, method: 'post' | 'patch', path: string, body: unknown) =>
  request(service.url)
    [method](path)
    .set('content-type', 'application/json')
    .send(JSON.stringify(body) ?? 'null');

describe('the directory', () => {
  it('POST /api/spaces: any body is registered as sent or refused naming the field, changing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(bodiesNear(aSpace()), async ({ body, path }) => {
        const response = await writeProperty(() => sendJson(system.directory, 'post', '/api/spaces', body));
        expectProblemAt(response, path);
        if (response.status === 201) {
          const stored = await request(system.directory.url)
            .get(`/api/spaces/${response.body.id}`)
            .set(operator)
            .expect(200);
          const sent = body as Record<string, unknown>;
          for (const field of ['name', 'description', 'address', 'city'] as const) {
            expect(stored.body[field]).toBe(String(sent[field]).trim());
          }
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('GET /api/spaces and /api/spaces.geojson: any query is answered or refused naming the parameter', async () => {
    const known = [
      'near',
      'radiusKm',
      'minCapacity',
      'amenities',
      'pricing',
      'country',
      'q',
      'status',
      'limit',
      'cursor',
    ];
    await fc.assert(
      fc.asyncProperty(
        queries(known),
        fc.constantFrom('/api/spaces', '/api/spaces.geojson'),
        fc.boolean(),
        async (query, path, asOperator) => {
          const get = request(system.directory.url).get(`${path}?${query}`);
          expectAnAnswerThatNamesTheProblem(await (asOperator ? get.set(operator) : get));
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it('GET /api/spaces/:id, its SpaceAPI export and its calendar: any id is answered with 400 or 404', async () => {
    await fc.assert(
      fc.asyncProperty(
        pathSegment,
        fc.constantFrom('', '/spaceapi.json', '/calendar.ics'),
        async (id, suffix) => {
          const path = `/api/spaces/${id}${suffix}`;
          const response = await request(system.directory.url).get(path);
          expectAnAnswerThatNamesTheProblem(response);
          expect([400, 404]).toContain(response.status);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("operators' writes (PATCH, approve, reject, retire): any body or id is refused naming the problem", async () => {
    const update = aSpace();
    delete update.eligibility;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          bodiesNear(update).map(({ body, path }) => ({ method: 'patch' as const, suffix: '', body, path })),
          fc
            .record({ reason: value })
            .map((body) => ({ method: 'post' as const, suffix: '/reject', body, path: [] })),
        ),
        pathSegment,
        fc.boolean(),
        async ({ method, suffix, body, path }, otherId, realId) => {
          const id = realId ? spaceId : otherId;
          const response = await writeProperty(() =>
            sendJson(system.directory, method, `/api/spaces/${id}${suffix}`, body).set(operator),
          );
          if (realId) expectProblemAt(response, path);
          if (response.status < 400) {
            // An accepted change puts the space back as it was for the next run.
            await request(system.directory.url)
              .patch(`/api/spaces/${spaceId}`)
              .set(operator)
              .send({ ...update, eligibility: undefined })
              .expect((answer) => expect(answer.status).toBeLessThan(500));
          }
          for (const action of ['approve', 'retire']) {
            const refused = await writeProperty(() =>
              request(system.directory.url).post(`/api/spaces/${otherId}/${action}`).set(operator),
            );
            expect([400, 404]).toContain(refused.status);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('/actions/spaces/:token: any token and form gets a page, and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(pathSegment, fc.dictionary(fc.string({ maxLength: 8 }), text), async (token, form) => {
        const path = `/actions/spaces/${token}`;
        const opened = await request(system.directory.url).get(path);
        expectAnAnswerThatNamesTheProblem(opened);
        expect(opened.status).toBe(400);
        const pressed = await writeProperty(() =>
          request(system.directory.url).post(path).type('form').send(form),
        );
        expect(pressed.status).toBe(400);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the bookings service', () => {
  it('/api/bookings/calendars/:file: any file opens nothing (404, or 400 for text no store could hold) and renews nothing', async () => {
    await fc.assert(
      fc.asyncProperty(pathSegment, fc.boolean(), async (token, ics) => {
        const path = `/api/bookings/calendars/${token}${ics ? '.ics' : ''}`;
        const opened = await request(system.bookings.url).get(path);
        expectAnAnswerThatNamesTheProblem(opened);
        expect([400, 404]).toContain(opened.status);
        const renewed = await writeProperty(() => request(system.bookings.url).post(`${path}/renew`));
        expect(renewed.status).toBe(opened.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /api/bookings: any body is taken as sent or refused naming the field, changing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(bodiesNear(aBookingRequest({ spaceId })), async ({ body, path }) => {
        const response = await writeProperty(() => sendJson(system.bookings, 'post', '/api/bookings', body));
        expectProblemAt(response, path);
        if (response.status === 201) {
          const stored = await request(system.bookings.url)
            .get(`/api/bookings/${response.body.id}`)
            .set(operator)
            .expect(200);
          const sent = body as { event: { title: string }; organizer: { name: string } };
          expect(stored.body.event.title).toBe(String(sent.event.title).trim());
          expect(stored.body.organizer.name).toBe(String(sent.organizer.name).trim());
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('GET /api/bookings/:id with any id and any status-link token is answered with 4xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(bookingId), pathSegment),
        queries(['token']),
        async (id, query) => {
          const response = await request(system.bookings.url).get(`/api/bookings/${id}?${query}`);
          expectAnAnswerThatNamesTheProblem(response);
          expect(response.status).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("operators' GET /api/bookings, cancel and assign: any query, body or id is answered naming the problem", async () => {
    await fc.assert(
      fc.asyncProperty(
        queries(['state', 'limit']),
        fc.constantFrom('cancel', 'assign'),
        fc.oneof(fc.uuid({ version: 4 }), pathSegment),
        fc.oneof(fc.record({ reason: value }), fc.record({ spaceId: value }), fc.jsonValue({ maxDepth: 2 })),
        async (query, action, id, body) => {
          expectAnAnswerThatNamesTheProblem(
            await request(system.bookings.url).get(`/api/bookings?${query}`).set(operator),
          );
          const response = await writeProperty(() =>
            sendJson(system.bookings, 'post', `/api/bookings/${id}/${action}`, body).set(operator),
          );
          expect([400, 404]).toContain(response.status);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('/actions/:token: any token gets a page, and a real link with any form changes nothing until it is right', async () => {
    const accept = await bookingLink(system.bookings, bookingId, 'booking-host-request', 'Accept');
    await fc.assert(
      fc.asyncProperty(
        pathSegment,
        fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(text, fc.array(text, { maxLength: 2 }))),
        fc.boolean(),
        async (token, form, asJson) => {
          const path = `/actions/${token}`;
          expectAnAnswerThatNamesTheProblem(await request(system.bookings.url).get(path));
          const post = request(system.bookings.url).post(path);
          const pressed = await writeProperty(() =>
            asJson ? post.send(form) : post.type('form').send(form),
          );
          expect(pressed.status).toBe(400);
        },
      ),
      { numRuns: RUNS },
    );
    // The real link still works: nothing above used it up.
    await press(system.bookings, accept).expect(200);
  });
});

describe('the notifications service', () => {
  it("signing in and the operators' API: any body or id is answered naming the problem, never a 5xx", async () => {
    const fields = [
      'email',
      'password',
      'name',
      'roles',
      'countries',
      'tokens',
      'return',
      'disabled',
      '_csrf',
      'awaiting',
      'code',
    ];
    const body = fc.dictionary(fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 8 })), value, {
      maxKeys: 5,
    });
    await fc.assert(
      fc.asyncProperty(body, pathSegment, async (sent, id) => {
        const service = system.notifications!;
        const form = Object.fromEntries(Object.entries(sent).map(([key, field]) => [key, String(field)]));
        const answers = [
          await request(service.url).post('/operators/sign-in').type('form').send(form),
          await request(service.url).post('/operators/sign-in').send(sent),
          await request(service.url).post('/operators/sign-in/code').type('form').send(form),
          await request(service.url).post('/api/operators/token-uses').send(sent),
          await request(service.url).post('/api/operators').set(operator).send(sent),
          await request(service.url).patch(`/api/operators/${id}`).set(operator).send(sent),
          await request(service.url).post('/api/operators/me/tokens').set(operator).send(sent),
        ];
        for (const answer of answers) expectAnAnswerThatNamesTheProblem(answer);
      }),
      { numRuns: RUNS },
    );
  });

  it("operators' GET /api/notifications and the mailbox: any query or id is answered naming the problem", async () => {
    await fc.assert(
      fc.asyncProperty(queries(['status', 'limit']), pathSegment, async (query, id) => {
        const service = system.notifications!;
        for (const path of [`/api/notifications?${query}`, `/api/notifications/${id}`, `/mailbox/${id}`]) {
          expectAnAnswerThatNamesTheProblem(await request(service.url).get(path).set(operator));
        }
      }),
      { numRuns: RUNS },
    );
  });
});

it('keeps text as written: a space and a request named like SQL are stored and read back unchanged', async () => {
  const names = ATTACKS.filter((attack) => attack.trim() && !attack.includes('\u0000'));
  const [{ count: before }] = await sql<{ count: string }>(
    system.directory,
    `select count(*) from "directory"."space"`,
  );
  for (const name of names.slice(0, 6)) {
    const created = await request(system.directory.url)
      .post('/api/spaces')
      .send(aSpace({ name }))
      .expect(201);
    const stored = await request(system.directory.url).get(`/api/spaces/${created.body.id}`).set(operator);
    expect(stored.body.name).toBe(name.trim());
  }
  const [{ count: after }] = await sql<{ count: string }>(
    system.directory,
    `select count(*) from "directory"."space"`,
  );
  expect(Number(after)).toBe(Number(before) + 6);
});

describe('the inputs that once got a 5xx', () => {
  it.each([
    ['a NUL in a space name', '/api/spaces', () => aSpace({ name: 'Kochi\u0000Makers' }), 'name'],
    [
      'half a surrogate pair in a host name',
      '/api/spaces',
      () => aSpace({ host: { name: '\ud800', email: 'a@example.org' } }),
      'host.name',
    ],
    ['a latitude too fine for PostgreSQL', '/api/spaces', () => aSpace({ latitude: 5e-324 }), undefined],
    [
      'a NUL in an event title',
      '/api/bookings',
      () => aBookingRequest({ event: { ...(aBookingRequest().event as object), title: 'a\u0000' } }),
      'event.title',
    ],
    [
      'a radius too small for PostgreSQL',
      '/api/bookings',
      () => aBookingRequest({ near: { latitude: 52.52, longitude: 13.4, radiusKm: 5e-324 } }),
      'near.radiusKm',
    ],
  ])(
    '%s is refused naming the field (or taken as the nearest centimetre)',
    async (_what, path, body, field) => {
      const service = path === '/api/spaces' ? system.directory : system.bookings;
      const response = await writeProperty(() => sendJson(service, 'post', path, body()));
      if (field) {
        expect(response.status).toBe(400);
        expect(response.body.problems.map((problem: { field: string }) => problem.field)).toContain(field);
      } else {
        expect(response.status).toBe(201);
        expect(response.body.latitude).toBe(0);
      }
    },
  );

  it('a search with a radius too small for PostgreSQL, or a status link with two tokens', async () => {
    const search = await request(system.directory.url)
      .get('/api/spaces?near=52.5,13.4&radiusKm=5e-324')
      .expect(400);
    expect(search.body.problems).toEqual([
      { field: 'radiusKm', problem: 'must be at least 0.001 (one metre)', code: 'too_small' },
    ]);
    await request(system.bookings.url).get(`/api/bookings/${bookingId}?token=a&token=b`).expect(401);
  });

  it('an error about a page is JSON, never HTML that would show what the address held', async () => {
    const response = await request(system.notifications!.url)
      .get(`/mailbox/${encodeURIComponent('<img src=x onerror=alert(1)>')}`)
      .expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });
});

// Each service's OpenAPI document, as it serves it at /docs-json: valid OpenAPI 3 by a validator of the standard
// (@apidevtools/swagger-parser), and every operation describes its 2xx answer with a schema and its 4xx answers
// with the problem body the ProblemFilter writes. The schemas come from the same zod schemas the handlers' return
// types are drawn from; a few answers of the running services are parsed by them too.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { problemAnswerSchema } from '@cocomo/platform';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { aSpace, verifyThroughLink } from '../../apps/directory/test/directory-harness';
import {
  operatorSpaceSchema,
  publicSpaceSchema,
  searchAnswerSchema,
  spaceApiDocumentSchema,
  spaceFeatureCollectionSchema,
  hostedEventsSchema,
} from '../../apps/directory/src/spaces/space-answer.dto';
import { bookingListSchema } from '../../apps/bookings/src/requests/booking-answer.dto';
import { deliveryListSchema } from '../../apps/notifications/src/api/deliveries.dto';
import { seedMetricsSchema, timeseriesSchema } from '../../apps/metrics/src/api/metrics-answer.dto';
import { theFourServices } from '../services/the-four-services';
import { ambiguousOneOfs, operationsOf, PROBLEM_REF, undescribedAnswers } from './openapi-answers';

const TOKEN = 'test-operator-token';
let infra: IsolatedInfra;
const running: Record<string, ServiceUnderTest> = {};
const documents: Record<string, OpenAPIObject> = {};

beforeAll(async () => {
  infra = await isolatedInfra();
  for (const app of theFourServices) {
    running[app.service] = await startService(app, infra.env);
    const answer = await request(running[app.service].url).get('/docs-json').expect(200);
    documents[app.service] = answer.body as OpenAPIObject;
  }
});
afterAll(async () => {
  for (const service of Object.values(running).reverse()) await service.close();
  await infra?.cleanup();
});

const services = theFourServices.map((app) => app.service);

it('finds an operation without an answer schema, without a 4xx or with a 4xx that is not the problem body', () => {
  const document = {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/a': { get: { responses: { '200': { description: 'OK' }, '400': { description: 'no body' } } } },
      '/b': {
        post: {
          responses: {
            '201': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
          },
        },
      },
      '/c': {
        get: {
          responses: {
            '200': {
              description: 'OK',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Gone' } } },
            },
            '404': { description: 'x', content: { 'application/json': { schema: { $ref: PROBLEM_REF } } } },
          },
        },
      },
    },
    components: { schemas: { ProblemAnswerDto: { type: 'object' } } },
  } as OpenAPIObject;
  expect(undescribedAnswers(document)).toEqual([
    'GET /a: no schema for its 2xx answer',
    'GET /a: its 400 answer is not the problem body',
    'POST /b: no 4xx answer',
    'GET /c: no schema for its 2xx answer',
  ]);
});

/**
 * What @apidevtools/swagger-parser says of the document: null when it is valid. It runs in a Node process of its
 * own, since its reference parser is an ES module that jest's CommonJS runtime cannot load (Node itself can).
 */
function validationProblem(document: OpenAPIObject): Promise<string | null> {
  const script = `
    const SwaggerParser = require('@apidevtools/swagger-parser');
    let text = '';
    process.stdin.on('data', (chunk) => (text += chunk)).on('end', () =>
      SwaggerParser.validate(JSON.parse(text)).then(
        (api) => process.stdout.write(api.openapi.startsWith('3.') ? 'valid' : 'not OpenAPI 3: ' + api.openapi),
        (error) => process.stdout.write(error.message),
      ),
    );`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], {
      cwd: path.resolve(__dirname, '../..'),
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let said = '';
    child.stdout.on('data', (chunk) => (said += chunk));
    child.on('error', reject);
    child.on('exit', () => resolve(said === 'valid' ? null : said || 'the validator said nothing'));
    child.stdin.end(JSON.stringify(document));
  });
}

it('finds a document that is not valid OpenAPI 3', async () => {
  const broken = { openapi: '3.0.0', info: { title: 't' }, paths: { '/a': { get: {} } } };
  expect(await validationProblem(broken as unknown as OpenAPIObject)).toMatch(/.+/);
});

it.each(services)('the %s service serves a valid OpenAPI 3 document', async (service) => {
  expect(await validationProblem(documents[service])).toBeNull();
});

it.each(services)(
  'every operation of the %s service describes its 2xx answer and its refusals',
  (service) => {
    const document = documents[service];
    expect(operationsOf(document).length).toBeGreaterThan(0);
    expect(undescribedAnswers(document)).toEqual([]);
  },
);

it('finds a oneOf whose alternatives an answer may match twice', () => {
  const object = (properties: Record<string, unknown>) => ({ type: 'object', properties });
  const tagged = {
    oneOf: [object({ model: { enum: ['free'] } }), object({ model: { enum: ['paid'] }, amount: {} })],
  };
  const overlapping = { oneOf: [object({ id: {} }), object({ id: {}, host: {} })] };
  const requiring = (properties: Record<string, unknown>, required: string[]) => ({
    ...object(properties),
    required,
  });
  const apart = {
    oneOf: [requiring({ weekday: {}, ordinal: {} }, ['weekday']), requiring({ day: {} }, ['day'])],
  };
  const open = { oneOf: [requiring({ weekday: {} }, ['weekday']), object({ day: {} })] };
  const literals = { oneOf: [{ enum: [1] }, { const: 2 }, { type: 'number', minimum: 3, maximum: 3 }] };
  const sameLiteral = { oneOf: [{ enum: [1] }, { const: 1 }] };
  expect(
    ambiguousOneOfs({ a: tagged, b: { items: overlapping }, c: apart, d: open, e: literals, f: sameLiteral }),
  ).toEqual(['#/b/items', '#/d', '#/f']);
});

it.each(services)('describes no answer of the %s service that could match two alternatives', (service) => {
  expect(ambiguousOneOfs(documents[service].components)).toEqual([]);
});

it('counts the operations the documents describe', () => {
  const counts = Object.fromEntries(
    services.map((service) => [service, operationsOf(documents[service]).length]),
  );
  // Every JSON API the router exposes is described; pages, link pages, health and /metrics are not API.
  expect(counts).toEqual({
    directory: expect.any(Number),
    bookings: expect.any(Number),
    notifications: expect.any(Number),
    metrics: expect.any(Number),
  });
  process.stdout.write(`OpenAPI operations: ${JSON.stringify(counts)}\n`);
});

it('describes the problem body with its field-by-field problems, as generated from the zod schema', () => {
  for (const service of services) {
    const problem = documents[service].components!.schemas!.ProblemAnswerDto;
    expect(problem).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['statusCode', 'error', 'message']),
      properties: {
        problems: {
          type: 'array',
          items: { type: 'object', required: expect.arrayContaining(['field', 'problem']) },
        },
      },
    });
  }
});

it('answers what the schemas say: refusals and answers of the running services parse by them', async () => {
  const operator = { authorization: `Bearer ${TOKEN}` };
  const refusals = [
    request(running.directory.url).get('/api/spaces?limit=0'),
    request(running.directory.url).post('/api/spaces').send({ name: '' }),
    request(running.directory.url).get('/api/spaces/00000000-0000-4000-8000-000000000000'),
    request(running.directory.url).get('/api/spaces/not-a-uuid'),
    request(running.bookings.url).post('/api/bookings').send({}),
    request(running.bookings.url).get('/api/bookings'),
    request(running.notifications.url).get('/api/notifications').set('authorization', 'Bearer wrong'),
    request(running.metrics.url).get('/api/metrics?from=yesterday'),
  ];
  for (const answer of await Promise.all(refusals)) {
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(problemAnswerSchema.strict().safeParse(answer.body)).toMatchObject({ success: true });
  }
  // A paid space, approved: its answers carry every field, nullable ones filled.
  const registered = await request(running.directory.url)
    .post('/api/spaces')
    .send(
      aSpace({
        pricing: { model: 'paid', amount: 20, currency: 'EUR', per: 'hour' },
        marketRate: { amount: 50, currency: 'EUR', per: 'hour' },
      }),
    )
    .expect(201);
  expect(operatorSpaceSchema.strict().safeParse(registered.body)).toMatchObject({ success: true });
  const id = (registered.body as { id: string }).id;
  await verifyThroughLink(running.directory, id);
  await request(running.directory.url).post(`/api/spaces/${id}/approve`).set(operator).expect(200);
  const answers = [
    [request(running.directory.url).get(`/api/spaces/${id}`), publicSpaceSchema.strict()],
    [request(running.directory.url).get(`/api/spaces/${id}`).set(operator), operatorSpaceSchema.strict()],
    [request(running.directory.url).get(`/api/spaces/${id}/spaceapi.json`), spaceApiDocumentSchema],
    [request(running.directory.url).get(`/api/spaces/${id}/hosted-events`), hostedEventsSchema],
    [request(running.directory.url).get(`/api/spaces?q=${encodeURIComponent('Pune')}`), searchAnswerSchema],
    [request(running.directory.url).get('/api/spaces.geojson'), spaceFeatureCollectionSchema],
    [request(running.bookings.url).get('/api/bookings').set(operator), bookingListSchema],
    [request(running.notifications.url).get('/api/notifications').set(operator), deliveryListSchema],
    [request(running.metrics.url).get('/api/metrics'), seedMetricsSchema],
    [request(running.metrics.url).get('/api/metrics/timeseries?interval=week'), timeseriesSchema],
  ] as const;
  for (const [pending, schema] of answers) {
    const answer = await pending;
    expect(answer.status).toBe(200);
    if (schema === searchAnswerSchema) expect(answer.body).toMatchObject({ total: 1 });
    expect(schema.safeParse(answer.body)).toMatchObject({ success: true });
  }
});

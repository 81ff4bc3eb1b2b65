// Each service may have a database of its own (<SERVICE>_DATABASE_URL, else DATABASE_URL), since each owns one
// schema and never reads another's tables. Here each of the four has its own: they migrate there, a space is
// registered and approved, an organizer asks for it and its host gets the mail, the metrics count the request, and
// each database holds one service's schema only; the shared DATABASE_URL holds none.
import { Client } from 'pg';
import request from 'supertest';
import { databaseVariableOf, serviceDatabaseUrl } from '@cocomo/config';
import { SERVICES } from '@cocomo/contracts';
import {
  isolatedInfra,
  startService,
  TestSmtpServer,
  type IsolatedInfra,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { theFourServices } from './the-four-services';
import { approvedSpaceInBerlin, askForASpaceInBerlin, HOST } from '../e2e/berlin-request';

let infra: IsolatedInfra;
let smtp: TestSmtpServer;
const running: Record<string, ServiceUnderTest> = {};

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  infra = await isolatedInfra({ SMTP_URL: smtp.url }, { databasePerService: true });
  for (const app of theFourServices) running[app.service] = await startService(app, infra.env);
}, 120_000);
afterAll(async () => {
  for (const service of Object.values(running).reverse()) await service.close();
  await smtp?.stop();
  await infra?.cleanup();
});

async function schemasIn(databaseUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ schema_name: string }>(
      'select schema_name from information_schema.schemata where schema_name = any($1) order by schema_name',
      [[...SERVICES]],
    );
    return rows.map((row) => row.schema_name);
  } finally {
    await client.end();
  }
}

it('gives each service the database its own variable names', () => {
  const databases = SERVICES.map((service) => serviceDatabaseUrl(infra.env, service));
  expect(new Set([...databases, infra.env.DATABASE_URL]).size).toBe(SERVICES.length + 1);
  for (const service of SERVICES) {
    expect(serviceDatabaseUrl(infra.env, service)).toBe(infra.variables[databaseVariableOf(service)]);
  }
});

it('runs a request for a space across the four services, each on its own database', async () => {
  await approvedSpaceInBerlin(running.directory);
  await askForASpaceInBerlin(running.bookings);
  await smtp.mailTo(HOST, /Rust meetup/);
  let requests = 0;
  for (let i = 0; i < 100 && requests !== 1; i++) {
    requests = (await request(running.metrics.url).get('/api/metrics')).body.availabilityRequests;
    if (requests !== 1) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(requests).toBe(1);
});

it('keeps each schema in its service’s database only, and none in the shared one', async () => {
  for (const service of SERVICES) {
    expect([service, await schemasIn(serviceDatabaseUrl(infra.env, service))]).toEqual([service, [service]]);
  }
  expect(await schemasIn(infra.env.DATABASE_URL)).toEqual([]);
});

it('answers ready with its own database', async () => {
  for (const service of SERVICES) {
    const ready = await request(running[service].url).get('/health/ready').expect(200);
    expect(ready.body.details.schema.status).toBe('up');
  }
});
